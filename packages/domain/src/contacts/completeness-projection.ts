import type { SourceChange } from '../analytics/ports';
import { ContentionError } from '../errors';
import { orderedSequence } from '../stream-sequence';
import { completenessDelta, summedDeltas, type CompletenessTotals } from './contact-completeness';

/** One tenant's part of a delivered batch of stream records, as the store applies it. */
export interface CompletenessBatch {
  /** Names the delivery: its first record's (padded) sequence number; a redelivery starts from the same record. */
  id: string;
  /** The lowest and highest (padded) sequence numbers of the tenant's records applied. */
  from: string;
  through: string;
  delta: CompletenessTotals;
}

/** Where the workspace totals are kept (a DynamoDB adapter in `@rapport/data`). */
export interface CompletenessTotalsStore {
  /**
   * Adds the batch's delta to one shard of the tenant's totals and records, on the delivery's
   * marker, that its records are applied through `through`: both or neither. False, writing
   * nothing, when the marker says a record from `from` on was applied already.
   */
  apply(tenantId: string, batch: CompletenessBatch): Promise<boolean>;
  /** How far the delivery `batchId` was applied for the tenant (a padded sequence number), if at all. */
  appliedThrough(tenantId: string, batchId: string): Promise<string | undefined>;
}

const ATTEMPTS = 3;

/**
 * Keeps the workspace completeness totals from the table's stream, off the request path: each
 * contact profile record moves them by the difference between its old and new images (presence
 * of fields only, so encrypted values are never read), and a batch's records of one tenant are
 * summed into one update of one shard.
 *
 * At-least-once delivery: a delivery is named by its first record, and a failed one is delivered
 * again from that same record (more records may follow it then). The delivery's marker, written
 * with the totals, says through which record it was applied, so a redelivery applies only what
 * lies beyond.
 */
export function createCompletenessProjector(store: CompletenessTotalsStore) {
  async function applyTenant(tenantId: string, batchId: string, changes: SourceChange[]): Promise<'applied' | 'redelivered'> {
    let pending = changes;
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      if (pending.length === 0) return 'redelivered';
      const sequences = pending.map((change) => orderedSequence(change.sequence)).sort();
      const delta = summedDeltas(pending.map((change) => completenessDelta(presenceOf(change.oldImage), presenceOf(change.newImage))));
      // Nothing to add (a note edited, a contact created and deleted in one batch): nothing to write, and nothing a redelivery could count twice.
      if (delta.contacts === 0 && delta.scoreSum === 0 && Object.values(delta.filled).every((count) => count === 0)) return 'applied';
      if (await store.apply(tenantId, { id: batchId, from: sequences[0]!, through: sequences.at(-1)!, delta })) return 'applied';
      const through = await store.appliedThrough(tenantId, batchId);
      pending = pending.filter((change) => through === undefined || orderedSequence(change.sequence) > through);
    }
    throw new ContentionError({ details: { entity: 'contact-completeness', attempts: ATTEMPTS } });
  }

  return {
    /**
     * Applies the contact profile changes among a delivered batch's records (others are ignored),
     * tenant by tenant; throws when it cannot, and the stream delivers the batch again.
     */
    async project(batchFirstSequence: string, changes: readonly SourceChange[]): Promise<{ applied: number; redelivered: number }> {
      const byTenant = new Map<string, SourceChange[]>();
      for (const change of changes) {
        if ((change.newImage ?? change.oldImage)?.entity !== 'contact') continue;
        byTenant.set(change.tenantId, [...(byTenant.get(change.tenantId) ?? []), change]);
      }
      const batchId = orderedSequence(batchFirstSequence);
      const outcomes = { applied: 0, redelivered: 0 };
      for (const [tenantId, tenantChanges] of byTenant) outcomes[await applyTenant(tenantId, batchId, tenantChanges)] += 1;
      return outcomes;
    },
  };
}

export type CompletenessProjector = ReturnType<typeof createCompletenessProjector>;

type Presence = Parameters<typeof completenessDelta>[0];

/** A stored profile image as the completeness count reads it: which fields it has (a list of tags may arrive as a set). */
function presenceOf(image: Record<string, unknown> | undefined): Presence {
  if (!image) return undefined;
  const { tags, ...fields } = image;
  const list = tags instanceof Set ? [...(tags as Set<string>)] : Array.isArray(tags) ? (tags as string[]) : [];
  return { ...(fields as NonNullable<Presence>), tags: list };
}
