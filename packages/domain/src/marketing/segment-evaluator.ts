import type { SegmentDataSource } from './ports';
import { evaluateNode, firstDayOf, matchedConditions, needsOf, type CompiledNode, type ContactFacts } from './segment-evaluation';

/** Contacts read from the listing per Query. */
const LISTING_PAGE = 100;
/** Contacts whose partitions are read at once. */
const PARTITION_READS_AT_ONCE = 8;

export interface SegmentMatch {
  contactId: string;
  firstName: string;
  lastName?: string;
  lifecycleStage?: string;
  region?: string;
  /** The conditions that held, in words (set when asked for). */
  matched?: string[];
}

export interface EvaluationOptions {
  afterId?: string;
  /** Contacts read at most before answering (the rest come with a cursor). */
  scanLimit: number;
  /** Members found at most before answering. */
  memberLimit: number;
  now: Date;
  /** Whether the caller may see a contact of this owner (roles without `contacts:read_all` see their own). */
  owns: (ownerId: string) => boolean;
  withReasons: boolean;
}

export interface EvaluationResult {
  members: SegmentMatch[];
  /** The last contact considered, to go on from; null when the listing is exhausted. */
  lastId: string | null;
  /** What it cost: contacts read from the listing, scores items read, partition Queries made. */
  cost: { contactsRead: number; scoresRead: number; partitionQueries: number };
}

/**
 * Evaluates a segment over the tenant's contacts in id order, never by a scan: a page of the
 * contact listing, the scores of the same id range from the scores listing (both are keyed by
 * contact id, so this is a merge join in memory), then the rules under three-valued logic. Only
 * the contacts the cheap facts do not rule out have their partition read, once for the latest
 * order and once for the behaviour days the rules look back over.
 */
export async function evaluateSegment(rules: CompiledNode, source: SegmentDataSource, options: EvaluationOptions): Promise<EvaluationResult> {
  const needs = needsOf(rules);
  const members: SegmentMatch[] = [];
  const cost = { contactsRead: 0, scoresRead: 0, partitionQueries: 0 };
  let afterId = options.afterId;
  while (cost.contactsRead < options.scanLimit && members.length < options.memberLimit) {
    const page = await source.contacts({
      limit: Math.min(LISTING_PAGE, options.scanLimit - cost.contactsRead),
      customFieldIds: needs.customFieldIds,
      ...(afterId ? { afterId } : {}),
    });
    cost.contactsRead += page.items.length;
    if (page.items.length === 0) return { members, lastId: null, cost };
    const scores = needs.scores ? await source.scoresBetween(page.items[0]!.id, page.items.at(-1)!.id) : [];
    cost.scoresRead += scores.length;
    const scoresOf = new Map(scores.map((item) => [item.contactId, item]));
    const facts: ContactFacts[] = page.items
      .filter((contact) => options.owns(contact.ownerId))
      .map((contact) => ({ contact, scores: scoresOf.get(contact.id) ?? null }));
    const undecided = facts.filter((fact) => evaluateNode(rules, fact, options.now) === null);
    for (let start = 0; start < undecided.length; start += PARTITION_READS_AT_ONCE) {
      await Promise.all(
        undecided.slice(start, start + PARTITION_READS_AT_ONCE).map(async (fact) => {
          if (needs.orders) {
            fact.latestOrderAt = await source.latestOrderAt(fact.contact.id);
            cost.partitionQueries++;
          }
          if (needs.behaviourDays > 0) {
            fact.behaviour = await source.behaviourSince(fact.contact.id, firstDayOf(options.now, needs.behaviourDays));
            cost.partitionQueries++;
          }
        }),
      );
    }
    for (const fact of facts) {
      if (evaluateNode(rules, fact, options.now) !== true) continue;
      const { contact } = fact;
      members.push({
        contactId: contact.id,
        firstName: contact.firstName,
        ...(contact.lastName === undefined ? {} : { lastName: contact.lastName }),
        ...(contact.lifecycleStage === undefined ? {} : { lifecycleStage: contact.lifecycleStage }),
        ...(contact.region === undefined ? {} : { region: contact.region }),
        ...(options.withReasons ? { matched: matchedConditions(rules, fact, options.now) } : {}),
      });
      if (members.length >= options.memberLimit) {
        const last = contact.id === page.items.at(-1)!.id && page.lastId === null;
        return { members, lastId: last ? null : contact.id, cost };
      }
    }
    if (page.lastId === null) return { members, lastId: null, cost };
    afterId = page.lastId;
  }
  return { members, lastId: afterId ?? null, cost };
}
