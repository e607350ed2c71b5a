import type { Audited } from '../access/ports';
import type { Page } from '../contacts/ports';
import type { FieldDefinition } from './field-definition';

/**
 * The custom field definitions of one tenant, bound to it when created. Every write carries its
 * audit event, written in the same transaction.
 */
export interface FieldDefinitionRepository {
  /** Every definition (at most MAX_FIELD_DEFINITIONS), read consistently: what a record write validates against. */
  listAll(): Promise<FieldDefinition[]>;
  /** In creation order, `limit` at most, after `afterId`. */
  list(options: { limit: number; afterId?: string }): Promise<Page<FieldDefinition>>;
  get(id: string): Promise<FieldDefinition | null>;
  /**
   * Claims the definition's key on its entity in the same transaction. Throws FieldKeyTakenError,
   * or FieldLimitReachedError when the tenant has MAX_FIELD_DEFINITIONS already.
   */
  create(definition: FieldDefinition, audit: Audited): Promise<void>;
  /** Writes `next` if the stored definition is still at `previous.version`. Throws NotFoundError / VersionConflictError. */
  replace(next: FieldDefinition, previous: FieldDefinition, audit: Audited): Promise<void>;
  /** Deletes it and releases its key. Throws NotFoundError / VersionConflictError when `expectedVersion` is stale. */
  delete(definition: FieldDefinition, expectedVersion: number | undefined, audit: Audited): Promise<void>;
}
