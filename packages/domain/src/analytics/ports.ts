import type { ContactFacts } from './contact-projector';
import type { Cell, Counters, MetricFamily, SliceAttributes, SliceDimension } from './counters';
import type { OrderBook } from './customer-projector';
import type { Month } from './months';

/** The table item a stream record is about, as its keys name it (opaque to the domain). */
export interface SourceKey {
  pk: string;
  sk: string;
}

/** One change of one item, as the table's stream reports it (images unmarshalled). */
export interface SourceChange {
  tenantId: string;
  source: SourceKey;
  /** The stream's sequence number: increasing for one item, across shard splits too. */
  sequence: string;
  oldImage?: Record<string, unknown>;
  newImage?: Record<string, unknown>;
}

/**
 * What the analytics remember of one source record (an order, a rating, a deal, a ticket): the
 * facts it was last counted with (null once it is gone: a tombstone, kept past the stream's
 * retention so a redelivered older record is recognised) and the sequence number that set them.
 */
export interface SourceMarker {
  sequence: string;
  version: number;
  facts: unknown;
}

/**
 * One contact's analytics state: its profile facts (null once deleted), the slices its customer
 * numbers are counted in (kept after deletion so its orders leave the slices they were counted
 * in), and its order book. `profileSequence` is the last profile change applied.
 */
export interface ContactAnalyticsState {
  contactId: string;
  version: number;
  profileSequence?: string;
  profile: ContactFacts | null;
  slices: SliceAttributes | null;
  book: OrderBook;
}

export interface ProjectionCommit {
  marker?: { source: SourceKey; next: SourceMarker; expectedVersion: number | null };
  contact?: { next: ContactAnalyticsState; expectedVersion: number | null };
  counters: Counters;
}

/** Where the projector keeps its state and moves the aggregates (the DynamoDB adapter in `@rapport/data`). */
export interface AnalyticsProjectionStore {
  marker(tenantId: string, source: SourceKey): Promise<SourceMarker | null>;
  contactState(tenantId: string, contactId: string): Promise<ContactAnalyticsState | null>;
  /**
   * Writes the new state and moves the counters in one transaction, on the condition that the
   * state is still at the expected versions; false when it is not (another write came first).
   */
  commit(tenantId: string, commit: ProjectionCommit): Promise<boolean>;
}

/** The aggregate cells of one family, one slice dimension and a range of months. */
export interface AnalyticsReader {
  cells(tenantId: string, family: MetricFamily, dimension: SliceDimension, from: Month, to: Month): Promise<{ cell: Cell; counts: Record<string, number> }[]>;
}
