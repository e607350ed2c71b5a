import { auditContextOf } from '../audit/audit-context';
import type { Actor } from '../shared/auth-context';
import type { Clock } from '../shared/clock';
import { newId } from '../shared/ids';
import { newIngestSecret } from './ingest-key';
import type { IngestKey, IngestKeyRepository } from './ports';

/** What the API shows of an ingest key: never its secret (except once, at creation). */
export const ingestKeyView = (key: IngestKey) => ({ id: key.id, name: key.name, createdAt: key.createdAt, createdBy: key.createdBy });

/** Ingest keys of the caller's workspace (`settings:manage`). */
export function createIngestKeyService(deps: { keys: IngestKeyRepository; clock: Clock }, actor: Actor) {
  const audit = (action: 'ingest_key.created' | 'ingest_key.deleted', id: string) => ({
    context: auditContextOf(actor),
    entry: { action, target: { type: 'ingest-key', id }, outcome: 'success' as const },
  });
  return {
    async create(name: string) {
      const { secret, secretHash } = newIngestSecret();
      const key: IngestKey = { tenantId: actor.auth.tenantId, id: newId(), name, secretHash, createdAt: deps.clock.now().toISOString(), createdBy: actor.auth.userId };
      await deps.keys.create(key, audit('ingest_key.created', key.id));
      return { ...ingestKeyView(key), secret };
    },
    async list() {
      return (await deps.keys.list()).map(ingestKeyView);
    },
    delete(keyId: string) {
      return deps.keys.delete(keyId, audit('ingest_key.deleted', keyId));
    },
  };
}
