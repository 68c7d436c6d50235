import type { EmailMessage } from "@bookable/integrations";
import { escapeHtml } from "../email/escape-html.js";

// Plain templates for now; the notifications work replaces them with React Email templates.

export function verificationEmail(to: string, username: string, link: string): EmailMessage {
  return {
    to,
    template: "verify-email",
    subject: "Confirm your email for Bookable",
    text: `Hello ${username},\n\nConfirm your email address by opening this link (valid for 24 hours):\n${link}\n\nIf you did not create a Bookable account, ignore this email.`,
    html: `<p>Hello ${escapeHtml(username)},</p><p><a href="${escapeHtml(link)}">Confirm your email address</a> (valid for 24 hours).</p><p>If you did not create a Bookable account, ignore this email.</p>`,
  };
}

export function passwordResetEmail(to: string, username: string, link: string): EmailMessage {
  return {
    to,
    template: "reset-password",
    subject: "Reset your Bookable password",
    text: `Hello ${username},\n\nSet a new password by opening this link (valid for 1 hour):\n${link}\n\nIf you did not ask for this, ignore this email; your password stays as it is.`,
    html: `<p>Hello ${escapeHtml(username)},</p><p><a href="${escapeHtml(link)}">Set a new password</a> (valid for 1 hour).</p><p>If you did not ask for this, ignore this email; your password stays as it is.</p>`,
  };
}
