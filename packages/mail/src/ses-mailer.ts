import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import type { Mailer, MailMessage } from '@rapport/domain';

export interface SesMailerOptions {
  client: SESv2Client;
  from: string;
}

/**
 * Sends through Amazon SES (v2 API) as a simple message: SES composes the MIME itself, so the API
 * functions carry no MIME composer (nodemailer alone was ~235 KB of each mailing function's bundle).
 * Subject and bodies are UTF-8.
 */
export class SesMailer implements Mailer {
  readonly #client: SESv2Client;
  readonly #from: string;

  constructor(options: SesMailerOptions) {
    this.#client = options.client;
    this.#from = options.from;
  }

  async send(message: MailMessage): Promise<void> {
    await this.#client.send(
      new SendEmailCommand({
        FromEmailAddress: this.#from,
        Destination: { ToAddresses: [message.to] },
        Content: {
          Simple: {
            Subject: { Data: message.subject, Charset: 'UTF-8' },
            Body: {
              Text: { Data: message.text, Charset: 'UTF-8' },
              ...(message.html ? { Html: { Data: message.html, Charset: 'UTF-8' } } : {}),
            },
          },
        },
      }),
    );
  }
}
