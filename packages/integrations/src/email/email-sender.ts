/** One email, already rendered. */
export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string | undefined;
  /** Which template produced it (for the delivery log and tests). */
  template: string;
}

export interface SentEmail {
  /** The provider's id of the message. */
  id: string;
}

/** The port through which core sends email; adapters: local (development, tests) and Resend (production). */
export interface EmailSender {
  readonly kind: "local" | "resend";
  send(message: EmailMessage): Promise<SentEmail>;
}
