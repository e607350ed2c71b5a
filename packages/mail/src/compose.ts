import type { MailMessage } from '@rapport/domain';
import { createTransport } from 'nodemailer';

/** nodemailer's stream transport composes the RFC 5322 message (headers, encodings) without sending it. */
const composer = createTransport({ streamTransport: true, buffer: true, newline: 'windows' });

/** The raw message, as SES sends it and as a mail client opens a `.eml` file. */
export async function composeMessage(from: string, message: MailMessage): Promise<Buffer> {
  const info = await composer.sendMail({
    from,
    to: message.to,
    subject: message.subject,
    text: message.text,
    ...(message.html ? { html: message.html } : {}),
  });
  return info.message as Buffer;
}
