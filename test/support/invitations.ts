import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The invitation token in the newest `.eml` file sent to `to` (quoted-printable decoded). */
export function inviteTokenFor(mailDir: string, to: string): string {
  const messages = readdirSync(mailDir)
    .filter((name) => name.endsWith('.eml'))
    .sort()
    .map((name) => readFileSync(join(mailDir, name), 'utf8').replace(/=\r?\n/g, '').replace(/=3D/g, '='))
    .filter((eml) => new RegExp(`^To: ${to.replace(/[.+]/g, '\\$&')}\\r?$`, 'mi').test(eml));
  const token = /accept-invite\?token=([A-Za-z0-9._-]+)/.exec(messages.at(-1) ?? '')?.[1];
  if (!token) throw new Error(`No invitation mail to ${to}`);
  return token;
}
