import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The `.eml` files sent to `to`, oldest first (quoted-printable soft breaks and `=3D` decoded). */
export function mailsTo(mailDir: string, to: string): string[] {
  if (!existsSync(mailDir)) return [];
  return readdirSync(mailDir)
    .filter((name) => name.endsWith('.eml'))
    .sort()
    .map((name) => readFileSync(join(mailDir, name), 'utf8').replace(/=\r?\n/g, '').replace(/=3D/g, '='))
    .filter((eml) => new RegExp(`^To: ${to.replace(/[.+]/g, '\\$&')}\\r?$`, 'mi').test(eml));
}

/** The satisfaction survey token in the newest mail sent to `to`. */
export function surveyTokenFor(mailDir: string, to: string): string {
  const token = /survey\?token=([A-Za-z0-9._-]+)/.exec(mailsTo(mailDir, to).at(-1) ?? '')?.[1];
  if (!token) throw new Error(`No survey mail to ${to}`);
  return token;
}
