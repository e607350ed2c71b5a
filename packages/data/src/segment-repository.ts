import type { Audited, Page, Segment, SegmentRepository } from '@rapport/domain';
import type { AuditedWriter } from './audited-writer';
import type { TableOptions } from './contact-repository';
import { keys } from './keys';
import { ListedRecordStore } from './listed-record-store';

/** Saved segments of one tenant; every write goes with its audit event. */
export class DynamoSegmentRepository implements SegmentRepository {
  readonly #store: ListedRecordStore<Segment>;

  constructor(options: TableOptions & { writer: AuditedWriter }, tenantId: string) {
    this.#store = new ListedRecordStore(options, tenantId, { entity: 'segment', key: keys.segment, listing: keys.segmentListing });
  }

  create(segment: Segment, audit: Audited): Promise<void> {
    return this.#store.create(segment, audit);
  }

  get(id: string): Promise<Segment | null> {
    return this.#store.get(id);
  }

  list(page: { limit: number; afterId?: string }): Promise<Page<Segment>> {
    return this.#store.list(page);
  }

  replace(next: Segment, previous: Segment, audit: Audited): Promise<void> {
    return this.#store.replace(next, previous, audit);
  }

  /** Campaigns already launched keep their audiences: those were fixed at launch. */
  delete(id: string, audit: Audited): Promise<void> {
    return this.#store.delete(id, audit);
  }
}
