import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The accept-invite link in the newest invitation mail to `to`, exactly as the mail carries it. */
export function inviteLinkFor(mailDir: string, to: string): string {
  const messages = readdirSync(mailDir)
    .filter((name) => name.endsWith('.eml'))
    .sort()
    .map((name) => readFileSync(join(mailDir, name), 'utf8').replace(/=\r?\n/g, '').replace(/=3D/g, '='))
    .filter((eml) => new RegExp(`^To: ${to.replace(/[.+]/g, '\\$&')}\\r?$`, 'mi').test(eml));
  const link = /https?:\/\/\S+\/accept-invite\?token=[A-Za-z0-9._-]+/.exec(messages.at(-1) ?? '')?.[0];
  if (!link) throw new Error(`No invitation mail to ${to}`);
  return link;
}
