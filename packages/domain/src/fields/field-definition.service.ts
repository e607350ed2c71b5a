import { auditContextOf } from '../audit/audit-context';
import type { AuditEntry } from '../audit/audit-event';
import type { Audited } from '../access/ports';
import { FieldLockedError, InvalidInputError, NotFoundError, VersionConflictError } from '../errors';
import type { Actor } from '../shared/auth-context';
import type { Clock } from '../shared/clock';
import { newId } from '../shared/ids';
import type { FieldDefinition } from './field-definition';
import type { FieldCreateInput, FieldPatchInput } from './field.schema';
import type { FieldDefinitionRepository } from './ports';

export interface FieldDefinitionServiceDeps {
  fields: FieldDefinitionRepository;
  clock: Clock;
}

/** Times an update re-reads and retries when another write moved the definition in between. */
const UPDATE_ATTEMPTS = 3;

/**
 * Custom field definitions for one caller; `deps.fields` is bound to the caller's tenant. The
 * route table decides who may read (`contacts:read`) and manage (`settings:manage`) them.
 * Deleting a definition leaves its values in the records: they are no longer shown, and the next
 * write of each record drops them (storage is keyed by field id, so a new field reusing the key
 * never sees them).
 */
export function createFieldDefinitionService(deps: FieldDefinitionServiceDeps, actor: Actor) {
  const audited = (entry: Omit<AuditEntry, 'outcome'>): Audited => ({ context: auditContextOf(actor), entry: { ...entry, outcome: 'success' } });

  async function load(id: string): Promise<FieldDefinition> {
    const definition = await deps.fields.get(id);
    if (!definition) throw new NotFoundError('field', id);
    return definition;
  }

  return {
    list: (options: { limit: number; afterId?: string }) => deps.fields.list(options),

    get: load,

    async create(input: FieldCreateInput): Promise<FieldDefinition> {
      const now = deps.clock.now().toISOString();
      const definition: FieldDefinition = { ...input, id: newId(), version: 1, createdAt: now, updatedAt: now };
      await deps.fields.create(definition, audited({ action: 'field.created', target: { type: 'field', id: definition.id }, changedFields: Object.keys(input).sort() }));
      return definition;
    },

    async update(id: string, patch: FieldPatchInput, expectedVersion?: number): Promise<FieldDefinition> {
      for (let attempt = 1; ; attempt++) {
        const current = await load(id);
        if (expectedVersion !== undefined && expectedVersion !== current.version) throw new VersionConflictError('field', id, expectedVersion, current.version);
        if (patch.type !== undefined && patch.type !== current.type) throw new FieldLockedError(id, 'type');
        if (patch.sensitive !== undefined && patch.sensitive !== current.sensitive) throw new FieldLockedError(id, 'sensitive');
        if (patch.options !== undefined && current.type !== 'select') throw new InvalidInputError('options', 'is only for select fields');
        const next: FieldDefinition = {
          ...current,
          ...(patch.label === undefined ? {} : { label: patch.label }),
          ...(patch.options === undefined ? {} : { options: patch.options }),
          ...(patch.required === undefined ? {} : { required: patch.required }),
          version: current.version + 1,
          updatedAt: deps.clock.now().toISOString(),
        };
        const changedFields = (['label', 'options', 'required'] as const).filter((field) => JSON.stringify(current[field]) !== JSON.stringify(next[field]));
        try {
          await deps.fields.replace(next, current, audited({ action: 'field.updated', target: { type: 'field', id }, changedFields }));
          return next;
        } catch (error) {
          // Without a version from the client the change applies to the current one: re-read and retry.
          if (!(error instanceof VersionConflictError) || expectedVersion !== undefined || attempt >= UPDATE_ATTEMPTS) throw error;
        }
      }
    },

    async delete(id: string, expectedVersion?: number): Promise<void> {
      const definition = await load(id);
      await deps.fields.delete(definition, expectedVersion, audited({ action: 'field.deleted', target: { type: 'field', id }, details: { entity: definition.entity, key: definition.key } }));
    },
  };
}

export type FieldDefinitionService = ReturnType<typeof createFieldDefinitionService>;
