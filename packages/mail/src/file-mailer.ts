import type { Mailer, MailMessage } from '@rapport/domain';
import { mkdir, writeFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { composeMessage } from './compose';

export interface FileMailerOptions {
  /** Each message becomes one `.eml` file here (locally `.data/mail/`). */
  directory: string;
  from: string;
}

/** The local stand-in for SES: the same message, written to a file any mail client opens. */
export class FileMailer implements Mailer {
  readonly #directory: string;
  readonly #from: string;

  constructor(options: FileMailerOptions) {
    this.#directory = options.directory;
    this.#from = options.from;
  }

  async send(message: MailMessage): Promise<void> {
    await mkdir(this.#directory, { recursive: true });
    const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}.eml`;
    await writeFile(join(this.#directory, name), await composeMessage(this.#from, message), { mode: 0o600 });
  }
}
