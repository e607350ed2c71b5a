import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The invitation token in the newest mail to `to` in the local mail folder, where the local stack
 * delivers what SES would send (quoted-printable, hence the unfolding).
 */
export function inviteTokenFromMail(mailDir: string, to: string): string {
  const pattern = new RegExp(`^To: ${to.replace(/[.+]/g, '\\$&')}\\r?$`, 'mi');
  const messages = readdirSync(mailDir)
    .filter((name) => name.endsWith('.eml'))
    .sort()
    .map((name) => readFileSync(join(mailDir, name), 'utf8').replace(/=\r?\n/g, '').replace(/=3D/g, '='))
    .filter((eml) => pattern.test(eml));
  const token = /accept-invite\?token=([A-Za-z0-9._-]+)/.exec(messages.at(-1) ?? '')?.[1];
  if (!token) throw new Error(`No invitation mail to ${to} in ${mailDir}`);
  return token;
}
