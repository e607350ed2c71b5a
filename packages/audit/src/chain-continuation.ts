import { isAuditEventIntact, type AuditEvent, type ChainHead } from '@rapport/domain';
import { ChainBrokenError, ChainGapError, type AuditError } from './errors';

export interface ChainContinuation {
  /** The leading events that extend the chain from the given head, each intact and linked. */
  linked: AuditEvent[];
  /** The first event that does not, and why; null when every event does. */
  refused: { index: number; error: AuditError } | null;
}

/**
 * Splits events (in stream order, each after `head`) into the run that extends the chain from
 * `head` and the first one that does not: a missing sequence number, a hash that does not match
 * the content, or a `prevHash` that does not link. The archiver archives the run and leaves the
 * rest for a retry, so a broken chain is never written to the archive as if it were whole.
 */
export function continueChain(tenantId: string, head: ChainHead, events: readonly AuditEvent[]): ChainContinuation {
  const linked: AuditEvent[] = [];
  let previous = head;
  for (const [index, event] of events.entries()) {
    let error: AuditError | null = null;
    if (event.seq !== previous.seq + 1) error = new ChainGapError(tenantId, previous.seq + 1, event.seq);
    else if (!isAuditEventIntact(event)) error = new ChainBrokenError(tenantId, event.seq, 'hash');
    else if (event.prevHash !== previous.hash) error = new ChainBrokenError(tenantId, event.seq, 'link');
    if (error) return { linked, refused: { index, error } };
    linked.push(event);
    previous = { seq: event.seq, hash: event.hash };
  }
  return { linked, refused: null };
}
