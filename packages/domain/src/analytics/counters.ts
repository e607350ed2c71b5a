import type { Month } from './months';

/**
 * The aggregate items the projectors move. Each is one cell of a metric family, for one slice
 * (everything, or one region, channel or owner) and one month; its attributes are counters that
 * only ever move by atomic ADD. The data layer spells each cell's key (keys.ts).
 */
export const METRIC_FAMILIES = {
  /** Contacts created and converted, by the month the contact was created. */
  contacts: 'CONV',
  /** Deals created, stages reached (by creation month), won and lost (by close month). */
  deals: 'DEAL',
  /** Orders, revenue, active, retained and new customers. */
  customers: 'ORD',
  /** CSAT and NPS responses, by the month the feedback was given. */
  satisfaction: 'SAT',
  /** Tickets: first responses and resolutions, by the month they happened. */
  service: 'SVC',
} as const;
export type MetricFamily = keyof typeof METRIC_FAMILIES;

export const SLICE_DIMENSIONS = ['all', 'region', 'channel', 'owner'] as const;
export type SliceDimension = (typeof SLICE_DIMENSIONS)[number];

/** One aggregate item: a family's counters for one slice and month. */
export interface Cell {
  family: MetricFamily;
  dimension: SliceDimension;
  /** The region, channel or owner id; empty for `all`. */
  value: string;
  month: Month;
}

/** Counter deltas by cell; attributes absent from a cell are not moved. */
export type Counters = Map<string, { cell: Cell; counts: Record<string, number> }>;

const cellId = (cell: Cell) => `${cell.family}\u0000${cell.dimension}\u0000${cell.value}\u0000${cell.month}`;

/** Adds `amount` to one counter of one cell. */
export function count(counters: Counters, cell: Cell, attribute: string, amount = 1): void {
  if (amount === 0) return;
  const id = cellId(cell);
  const entry = counters.get(id) ?? { cell, counts: {} };
  entry.counts[attribute] = (entry.counts[attribute] ?? 0) + amount;
  counters.set(id, entry);
}

/** Adds `amount` to a counter in each of the slices. */
export function countInSlices(counters: Counters, family: MetricFamily, slices: readonly SliceRef[], month: Month, attribute: string, amount = 1): void {
  for (const slice of slices) count(counters, { family, ...slice, month }, attribute, amount);
}

/** What moves when `before` is replaced by `after`: after − before, cells and counters at zero left out. */
export function difference(before: Counters, after: Counters): Counters {
  const delta: Counters = new Map();
  for (const { cell, counts } of after.values()) for (const [attribute, amount] of Object.entries(counts)) count(delta, cell, attribute, amount);
  for (const { cell, counts } of before.values()) for (const [attribute, amount] of Object.entries(counts)) count(delta, cell, attribute, -amount);
  for (const [id, entry] of delta) {
    for (const [attribute, amount] of Object.entries(entry.counts)) if (amount === 0) delete entry.counts[attribute];
    if (Object.keys(entry.counts).length === 0) delta.delete(id);
  }
  return delta;
}

/** Both sets of counters together. */
export function merged(...all: Counters[]): Counters {
  const out: Counters = new Map();
  for (const counters of all) for (const { cell, counts } of counters.values()) for (const [attribute, amount] of Object.entries(counts)) count(out, cell, attribute, amount);
  return out;
}

/** A slice a fact is counted in. */
export interface SliceRef {
  dimension: SliceDimension;
  value: string;
}

/** Who a fact belongs to, for slicing; absent attributes leave that dimension out. */
export interface SliceAttributes {
  region?: string;
  channel?: string;
  owner?: string;
}

/** Every fact is counted in `all`, and in its region, channel and owner where it has them. */
export function slicesOf(attributes: SliceAttributes | null | undefined): SliceRef[] {
  const slices: SliceRef[] = [{ dimension: 'all', value: '' }];
  if (attributes?.region) slices.push({ dimension: 'region', value: attributes.region });
  if (attributes?.channel) slices.push({ dimension: 'channel', value: attributes.channel });
  if (attributes?.owner) slices.push({ dimension: 'owner', value: attributes.owner });
  return slices;
}
