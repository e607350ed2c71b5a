/** An email to one recipient. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

/** Sends email: SES in AWS, a folder of `.eml` files locally. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}
