// `pnpm email:preview`: renders every email template with the sample data into email-previews/<template>.html and
// .txt, the SMS texts into email-previews/sms-<template>.txt, and an index.html that links them all.
import { mkdir, readdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { emailSamples, sampleBooking } from "../src/email/templates/email-samples.js";
import {
  EMAIL_TEMPLATE_NAMES,
  type EmailTemplateName,
  type RenderedEmail,
  renderEmail,
  renderSms,
  type SmsTemplateName,
} from "../src/email/templates/render-email.js";

const outputDir = path.resolve(import.meta.dirname, "../email-previews");

// A generic wrapper keeps each name paired with its own sample's type.
function renderSample<N extends EmailTemplateName>(name: N): Promise<RenderedEmail> {
  return renderEmail(name, emailSamples[name]);
}

const escapeHtml = (text: string) =>
  text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");

async function main(): Promise<void> {
  // Start clean so a renamed or removed template leaves no stale preview behind; .gitignore stays.
  await mkdir(outputDir, { recursive: true });
  for (const entry of await readdir(outputDir)) {
    if (entry !== ".gitignore") await rm(path.join(outputDir, entry), { recursive: true, force: true });
  }

  const written: string[] = [];
  const rows: string[] = [];
  for (const name of EMAIL_TEMPLATE_NAMES) {
    const email = await renderSample(name);
    const html = path.join(outputDir, `${name}.html`);
    const text = path.join(outputDir, `${name}.txt`);
    await writeFile(html, email.html);
    await writeFile(text, `Subject: ${email.subject}\n\n${email.text}\n`);
    written.push(html, text);
    rows.push(`<li><a href="${name}.html">${name}</a> (<a href="${name}.txt">text</a>): ${escapeHtml(email.subject)}</li>`);
  }
  const smsTemplates: SmsTemplateName[] = ["booking-confirmed", "booking-reminder"];
  for (const name of smsTemplates) {
    const file = path.join(outputDir, `sms-${name}.txt`);
    const body = renderSms(name, { booking: sampleBooking });
    await writeFile(file, `${body}\n`);
    written.push(file);
    rows.push(`<li><a href="sms-${name}.txt">sms-${name}</a> (${body.length} characters)</li>`);
  }
  const index = path.join(outputDir, "index.html");
  await writeFile(
    index,
    `<!doctype html>\n<meta charset="utf-8">\n<title>Bookable email previews</title>\n<h1>Bookable email previews</h1>\n<ul>\n${rows.join("\n")}\n</ul>\n`,
  );
  written.push(index);

  for (const file of written) console.log(path.relative(process.env.INIT_CWD ?? process.cwd(), file));
}

await main();
