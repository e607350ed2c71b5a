import type { MailMessage } from '../notifications/mailer';

/** The invitation email. */
export function inviteMessage(input: { to: string; name: string; link: string; expiresAt: string }): MailMessage {
  const expires = new Date(input.expiresAt).toUTCString();
  return {
    to: input.to,
    subject: 'You are invited to Rapport',
    text: [
      `Hello ${input.name},`,
      '',
      'You have been invited to join your team on Rapport.',
      'Open this link to choose your password and sign in:',
      '',
      input.link,
      '',
      `The link works once, until ${expires}.`,
      'If you did not expect this email, ignore it.',
    ].join('\n'),
  };
}
