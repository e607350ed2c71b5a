import type { AuditEvent, PendingAuditEvent } from '@rapport/domain';
import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import * as z from 'zod';
import { ArchiveUnreadableError } from './errors';

/**
 * The shape every audit event has, pending or sequenced. Loose, because the hash covers every
 * field: a line is checked for shape here but hashed as it was read, never as re-serialised.
 */
const pendingAuditEventShape = z.looseObject({
  tenantId: z.string().min(1),
  eventId: z.string().min(1),
  time: z.string(),
  action: z.string(),
});
const auditEventShape = pendingAuditEventShape.extend({
  seq: z.number().int().positive(),
  prevHash: z.string(),
  hash: z.string(),
});

/** Whether a parsed value has the shape of an audit event (its hash is checked elsewhere). */
export function isAuditEventShaped(value: unknown): value is AuditEvent {
  return auditEventShape.safeParse(value).success;
}

/** Whether a parsed value has the shape of an event as the request writes it. */
export function isPendingAuditEventShaped(value: unknown): value is PendingAuditEvent {
  return pendingAuditEventShape.safeParse(value).success;
}

/**
 * Gzip of JSON Lines, one event per line in the given order. Each line is the event's canonical
 * JSON (RFC 8785), so the same events always give the same bytes: what makes an interrupted
 * archive's object recognisable on the retry.
 */
export function encodeEventLines(events: readonly AuditEvent[]): Buffer {
  const lines = events.map((event) => `${canonicalize(event)}\n`).join('');
  return gzipSync(Buffer.from(lines, 'utf8'));
}

/** One line of an events object: the parsed event, or why it is not one. */
export type EventLine = { line: number; event: AuditEvent } | { line: number; event: null; reason: 'not JSON' | 'not an audit event' };

/** The lines of an events object, in order; throws only when the object is not gzip at all. */
export function decodeEventLines(key: string, body: Buffer): EventLine[] {
  let text: string;
  try {
    text = gunzipSync(body).toString('utf8');
  } catch (error) {
    throw new ArchiveUnreadableError(key, 'not gzip', { cause: error });
  }
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, index): EventLine => {
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        return { line: index + 1, event: null, reason: 'not JSON' };
      }
      return isAuditEventShaped(value) ? { line: index + 1, event: value } : { line: index + 1, event: null, reason: 'not an audit event' };
    });
}

/** The events of an object that decodes cleanly; throws naming the first line that does not. */
export function decodeEvents(key: string, body: Buffer): AuditEvent[] {
  return decodeEventLines(key, body).map((entry) => {
    if (entry.event === null) throw new ArchiveUnreadableError(key, `line ${entry.line} is ${entry.reason}`);
    return entry.event;
  });
}

/** SHA-256 (hex) of stored bytes: what object records and digests commit to. */
export const sha256Hex = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');
