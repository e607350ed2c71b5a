import type { Audited } from '../access/ports';
import type { Page } from '../contacts/ports';
import type { Deal, DealStatus } from './deal';
import type { Pipeline } from './pipeline';

/** Pipelines of one tenant, bound to it when created; every write carries its audit event. */
export interface PipelineRepository {
  /** Returns false (and writes nothing) when a pipeline with this id exists already. */
  create(pipeline: Pipeline, audit: Audited): Promise<boolean>;
  get(id: string): Promise<Pipeline | null>;
  /** In creation order (the default pipeline first), `limit` at most, after `afterId`. */
  list(options: { limit: number; afterId?: string }): Promise<Page<Pipeline>>;
  /**
   * Writes `next` if the stored pipeline is still at `previous.version`, on the condition (in the
   * same transaction) that no open deal is in a removed stage. Throws NotFoundError,
   * VersionConflictError or StageInUseError.
   */
  replace(next: Pipeline, previous: Pipeline, audit: Audited): Promise<void>;
}

export interface DealListOptions {
  limit: number;
  afterId?: string;
  /** Only this owner's deals (a caller without `contacts:read_all`, or the `ownerId` filter). */
  ownerId?: string;
  pipelineId?: string;
  stageId?: string;
  status?: DealStatus;
}

/** The contact change that goes with a lead's conversion: lifecycle `lead` → `prospect`. */
export interface LeadConversion {
  contactId: string;
  /** The profile's version read; the conversion holds only if it is still current and still a lead. */
  version: number;
  updatedAt: string;
}

/**
 * Deals of one tenant, bound to it when created. Each write also writes the deal's snapshot in its
 * contact's partition and moves the pipeline's per-stage count of open deals, in the same
 * transaction as the deal and its audit event.
 */
export interface DealRepository {
  /** Throws NotFoundError for a contact deleted meanwhile or a stage no longer in the pipeline. */
  create(deal: Deal, audit: Audited, conversion?: LeadConversion): Promise<void>;
  get(id: string): Promise<Deal | null>;
  list(options: DealListOptions): Promise<Page<Deal>>;
  /** Writes `next` if the stored deal is still at `previous.version`. Throws NotFoundError / VersionConflictError. */
  replace(next: Deal, previous: Deal, audit: Audited): Promise<void>;
  delete(deal: Deal, expectedVersion: number | undefined, audit: Audited): Promise<void>;
  /** Open deals of a pipeline expected to close in the months `from`..`to` (YYYY-MM), one owner's when given. */
  openClosingIn(pipelineId: string, range: { from: string; to: string }, ownerId?: string): Promise<Deal[]>;
  /** Deals of a pipeline won in the months `from`..`to` (YYYY-MM, UTC), one owner's when given. */
  wonIn(pipelineId: string, range: { from: string; to: string }, ownerId?: string): Promise<Deal[]>;
}
