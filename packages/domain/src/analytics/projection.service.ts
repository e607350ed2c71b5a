import { ContentionError } from '../errors';
import { sequenceSeen } from '../stream-sequence';
import { contactCounters, contactFactsOf } from './contact-projector';
import { difference, merged, type Counters } from './counters';
import { customerCounters, orderFactsOf, withOrder, type OrderBook, type OrderFacts } from './customer-projector';
import { dealCounters, dealFactsOf, type DealFacts } from './deal-projector';
import { feedbackCounters, feedbackFactsOf, type FeedbackFacts } from './feedback-projector';
import type { AnalyticsProjectionStore, ContactAnalyticsState, ProjectionCommit, SourceChange, SourceMarker } from './ports';
import { ticketCounters, ticketFactsOf, type TicketFacts } from './ticket-projector';

/** The entities the analytics read from the table's stream (its event-source filter names these). */
export const ANALYTICS_SOURCE_ENTITIES = ['contact', 'transaction', 'feedback', 'deal', 'ticket'] as const;

export type ProjectionOutcome = 'applied' | 'unchanged' | 'redelivered' | 'ignored';

const ATTEMPTS = 5;

/**
 * Projects the table's stream into the analytics aggregates. For each record it recomputes what
 * its source counted before (from the state kept for it, not from the old image, so a record is
 * always taken out of exactly the slices it was counted in) and what it counts now (from the new
 * image; nothing once removed), and moves the aggregates by the difference in one transaction
 * with the new state.
 *
 * At-least-once delivery: each source's state carries the sequence number of the last record
 * applied to it; a record at or below it is a redelivery and changes nothing. A transaction
 * that lost a race (the state moved since it was read) is planned again from the new state.
 */
export function createAnalyticsProjector(store: AnalyticsProjectionStore) {
  async function planFor(change: SourceChange): Promise<ProjectionCommit | ProjectionOutcome> {
    const image = change.newImage ?? change.oldImage;
    switch (image?.entity) {
      case 'contact':
        return planContact(change, String(image.id ?? ''));
      case 'transaction':
        return planOrder(change, String(image.contactId ?? ''));
      case 'feedback':
        return planMarked<FeedbackFacts>(change, feedbackCounters, async () => {
          const contact = await store.contactState(change.tenantId, String(image.contactId ?? ''));
          return feedbackFactsOf(change.newImage, contact?.slices ?? null);
        });
      case 'deal':
        return planMarked<DealFacts>(change, dealCounters, async () => dealFactsOf(change.newImage));
      case 'ticket':
        return planMarked<TicketFacts>(change, ticketCounters, async () => ticketFactsOf(change.newImage));
      default:
        return 'ignored';
    }
  }

  async function planContact(change: SourceChange, contactId: string): Promise<ProjectionCommit | ProjectionOutcome> {
    if (!contactId) return 'ignored';
    const stored = await store.contactState(change.tenantId, contactId);
    if (sequenceSeen(stored?.profileSequence, change.sequence)) return 'redelivered';
    const state = stored ?? emptyState(contactId);
    const profile = contactFactsOf(change.newImage);
    const slices = profile ? profile.slices : state.slices;
    const before = merged(contactCounters(state.profile), customerCounters(state.book, state.slices));
    const after = merged(contactCounters(profile), customerCounters(state.book, slices));
    const counters = difference(before, after);
    // A change the analytics do not see (a name, an email) moves nothing and is not written; its redelivery recomputes the same nothing.
    if (stored && counters.size === 0 && JSON.stringify([stored.profile, stored.slices]) === JSON.stringify([profile, slices])) return 'unchanged';
    const next: ContactAnalyticsState = { ...state, profile, slices, profileSequence: change.sequence, version: state.version + 1 };
    return { contact: { next, expectedVersion: stored ? stored.version : null }, counters };
  }

  async function planOrder(change: SourceChange, contactId: string): Promise<ProjectionCommit | ProjectionOutcome> {
    const marker = await store.marker(change.tenantId, change.source);
    if (sequenceSeen(marker?.sequence, change.sequence)) return 'redelivered';
    const previous = (marker?.facts ?? null) as OrderFacts | null;
    const current = orderFactsOf(change.newImage);
    const owner = previous?.contactId ?? current?.contactId ?? contactId;
    if (!owner) return 'ignored';
    const stored = await store.contactState(change.tenantId, owner);
    const state = stored ?? emptyState(owner);
    let book: OrderBook = state.book;
    if (previous) book = withOrder(book, previous, -1);
    if (current) book = withOrder(book, current, 1);
    return {
      marker: { source: change.source, next: nextMarker(marker, change, current), expectedVersion: marker ? marker.version : null },
      contact: { next: { ...state, book, version: state.version + 1 }, expectedVersion: stored ? stored.version : null },
      counters: difference(customerCounters(state.book, state.slices), customerCounters(book, state.slices)),
    };
  }

  /** A source counted on its own: the marker's facts out, the new image's facts in. */
  async function planMarked<F>(
    change: SourceChange,
    counters: (facts: F | null) => Counters,
    factsNow: () => Promise<F | null>,
  ): Promise<ProjectionCommit | ProjectionOutcome> {
    const marker = await store.marker(change.tenantId, change.source);
    if (sequenceSeen(marker?.sequence, change.sequence)) return 'redelivered';
    const previous = (marker?.facts ?? null) as F | null;
    const current = change.newImage ? await factsNow() : null;
    return {
      marker: { source: change.source, next: nextMarker(marker, change, current), expectedVersion: marker ? marker.version : null },
      counters: difference(counters(previous), counters(current)),
    };
  }

  return {
    /** Applies one stream record; throws when it cannot (the stream delivers it again). */
    async project(change: SourceChange): Promise<ProjectionOutcome> {
      for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
        const plan = await planFor(change);
        if (typeof plan === 'string') return plan;
        if (await store.commit(change.tenantId, plan)) return 'applied';
      }
      // The stream delivers the record again; by then the writes it raced with are done.
      throw new ContentionError({ details: { entity: String((change.newImage ?? change.oldImage)?.entity), attempts: ATTEMPTS } });
    },
  };
}

export type AnalyticsProjector = ReturnType<typeof createAnalyticsProjector>;

function emptyState(contactId: string): ContactAnalyticsState {
  return { contactId, version: 0, profile: null, slices: null, book: {} };
}

function nextMarker(marker: SourceMarker | null, change: SourceChange, facts: unknown): SourceMarker {
  return { sequence: change.sequence, version: (marker?.version ?? 0) + 1, facts: facts ?? null };
}
