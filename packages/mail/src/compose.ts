import type { MailMessage } from '@rapport/domain';
import type { Transporter } from 'nodemailer';

let composer: Promise<Transporter> | undefined;

/**
 * nodemailer's stream transport composes the RFC 5322 message (headers, encodings) without sending
 * it. Loaded at the first message: only the local mailer composes messages (SES composes its own),
 * so the Lambda bundles leave nodemailer out (`HANDLER_ESBUILD_OPTIONS`) and never load it.
 */
const loadComposer = () =>
  (composer ??= import('nodemailer').then(({ createTransport }) => createTransport({ streamTransport: true, buffer: true, newline: 'windows' })));

/** The raw message, as a mail client opens a `.eml` file. */
export async function composeMessage(from: string, message: MailMessage): Promise<Buffer> {
  const info = await (await loadComposer()).sendMail({
    from,
    to: message.to,
    subject: message.subject,
    text: message.text,
    ...(message.html ? { html: message.html } : {}),
  });
  return info.message as Buffer;
}
