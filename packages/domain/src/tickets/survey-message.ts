import type { MailMessage } from '../notifications/mailer';

/** The email asking a customer to rate how their request was handled (no ticket content: it may be personal). */
export function surveyMessage(input: { to: string; link: string; validUntil: string }): MailMessage {
  return {
    to: input.to,
    subject: 'How did we do?',
    text: [
      'Hello,',
      '',
      'Your request to our team has been resolved. Would you rate how it was handled, from 1 to 5?',
      '',
      input.link,
      '',
      `The link works once, until ${new Date(input.validUntil).toUTCString()}.`,
    ].join('\n'),
  };
}
