import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileMailer } from './file-mailer';
import { SesMailer } from './ses-mailer';

const message = { to: 'new.hire@example.com', subject: 'You are invited to Rapport', text: 'Open https://app.example.com/accept-invite?token=abc' };

describe('FileMailer', () => {
  const directory = mkdtempSync(join(tmpdir(), 'rapport-mail-'));
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('writes each message as one .eml file a mail client can open', async () => {
    // Prepare
    const mailer = new FileMailer({ directory, from: 'Rapport <no-reply@rapport.local>' });

    // Act
    await mailer.send(message);
    await mailer.send({ ...message, to: 'second@example.com' });

    // Assess
    const files = readdirSync(directory).filter((name) => name.endsWith('.eml'));
    expect(files).toHaveLength(2);
    const eml = readFileSync(join(directory, files.sort()[0]!), 'utf8');
    expect(eml).toMatch(/^From: Rapport <no-reply@rapport\.local>\r$/m);
    expect(eml).toMatch(/^To: new\.hire@example\.com\r$/m);
    expect(eml).toMatch(/^Subject: You are invited to Rapport\r$/m);
    expect(eml).toContain('accept-invite?token=abc');
  });
});

describe('SesMailer', () => {
  it('sends the message through SES v2 from the configured sender, as UTF-8 subject and bodies', async () => {
    const client = new SESv2Client({ region: 'eu-west-1' });
    const ses = mockClient(client).on(SendEmailCommand).resolves({ MessageId: 'm-1' });

    await new SesMailer({ client, from: 'no-reply@example.com' }).send(message);

    const input = ses.commandCalls(SendEmailCommand)[0]!.args[0].input;
    expect(input.FromEmailAddress).toBe('no-reply@example.com');
    expect(input.Destination?.ToAddresses).toEqual(['new.hire@example.com']);
    expect(input.Content?.Simple?.Subject).toEqual({ Data: 'You are invited to Rapport', Charset: 'UTF-8' });
    expect(input.Content?.Simple?.Body?.Text).toEqual({ Data: message.text, Charset: 'UTF-8' });
    expect(input.Content?.Simple?.Body?.Html).toBeUndefined();
    expect(input.Content?.Raw).toBeUndefined();
  });
});
