import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import type { Mailer, MailMessage } from '@rapport/domain';
import { composeMessage } from './compose';

export interface SesMailerOptions {
  client: SESv2Client;
  from: string;
}

/** Sends through Amazon SES (v2 API), as a raw message composed exactly as the local mailer writes it. */
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
        Content: { Raw: { Data: await composeMessage(this.#from, message) } },
      }),
    );
  }
}
