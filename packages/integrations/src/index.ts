export type { EmailMessage, EmailSender, SentEmail } from "./email/email-sender.js";
export { LocalEmailSender, type RecordedEmail } from "./email/local-email-sender.js";
