import type { DataKeyRecord, DataKeyStore } from './data-key-store';
import { DataKeyConflictError, KeyNotFoundError } from './errors';

/**
 * A {@link DataKeyStore} in process memory, with the same conflict and not-found behaviour as the
 * DynamoDB one. For unit tests and tools; keys kept here die with the process.
 */
export class InMemoryDataKeyStore implements DataKeyStore {
  readonly #tenants = new Map<string, Map<number, DataKeyRecord>>();

  async latest(tenantId: string): Promise<DataKeyRecord | null> {
    return (await this.list(tenantId)).at(-1) ?? null;
  }

  async get(tenantId: string, version: number): Promise<DataKeyRecord | null> {
    const record = this.#tenants.get(tenantId)?.get(version);
    return record ? { ...record } : null;
  }

  async create(record: DataKeyRecord): Promise<void> {
    const versions = this.#tenants.get(record.tenantId) ?? new Map<number, DataKeyRecord>();
    if (versions.has(record.version)) throw new DataKeyConflictError(record.tenantId, record.version);
    versions.set(record.version, { ...record });
    this.#tenants.set(record.tenantId, versions);
  }

  async list(tenantId: string): Promise<DataKeyRecord[]> {
    const versions = [...(this.#tenants.get(tenantId)?.values() ?? [])];
    return versions.sort((a, b) => a.version - b.version).map((record) => ({ ...record }));
  }

  async replaceWrapped(tenantId: string, version: number, wrappedKey: string, masterKeyId: string): Promise<void> {
    const record = this.#tenants.get(tenantId)?.get(version);
    if (!record) throw new KeyNotFoundError(tenantId, version);
    record.wrappedKey = wrappedKey;
    record.masterKeyId = masterKeyId;
  }

  async deleteAll(tenantId: string): Promise<number> {
    const count = this.#tenants.get(tenantId)?.size ?? 0;
    this.#tenants.delete(tenantId);
    return count;
  }
}
