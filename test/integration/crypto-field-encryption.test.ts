import { DecryptionError, LocalKeyProvider, TenantKeyring, createFieldCipher } from '@rapport/crypto';
import { DynamoDataKeyStore } from '@rapport/data';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestResources, type TestResources } from '../support/test-stack';

let resources: TestResources;
let dir: string;

beforeAll(async () => {
  resources = await createTestResources();
  dir = await mkdtemp(join(tmpdir(), 'rapport-crypto-it-'));
});

afterAll(() => rm(dir, { recursive: true, force: true }));

/** One container: its own keyring (empty cache) and master-key reader, over the shared table and key file. */
function aContainer() {
  const store = new DynamoDataKeyStore({ client: resources.documents, tableName: resources.tableName });
  const provider = new LocalKeyProvider({ masterKeyFile: join(dir, 'keys', 'master.key') });
  return new TenantKeyring({ provider, store });
}

const email = { itemKey: ulid(), field: 'email' };

describe('field encryption over DynamoDB Local', () => {
  it('gives two containers racing on a new tenant one first key, usable by both', async () => {
    // Prepare
    const tenantId = ulid();
    const [first, second] = [aContainer(), aContainer()];

    // Act
    const [a, b] = await Promise.all([first.activeKey(tenantId), second.activeKey(tenantId)]);
    const stored = await createFieldCipher(first, tenantId).encrypt(email, 'jane.doe@example.com');

    // Assess
    expect([a.version, b.version]).toEqual([1, 1]);
    expect(a.key.equals(b.key)).toBe(true);
    expect(await createFieldCipher(second, tenantId).decrypt(email, stored)).toBe('jane.doe@example.com');
  });

  it('reads values written before a rotation, in any container, and writes new ones under the new version', async () => {
    // Prepare
    const tenantId = ulid();
    const container = aContainer();
    const cipher = createFieldCipher(container, tenantId);
    const old = await cipher.encrypt(email, 'jane.doe@example.com');

    // Act
    const rotation = await container.rotate(tenantId);
    const fresh = await cipher.encrypt(email, 'jane.doe@example.com');

    // Assess
    expect(rotation).toEqual({ activeVersion: 2, rewrapped: 1 });
    expect(cipher.keyVersionOf(fresh)).toBe(2);
    const elsewhere = createFieldCipher(aContainer(), tenantId);
    expect(await elsewhere.decrypt(email, old)).toBe('jane.doe@example.com');
    expect(await elsewhere.decrypt(email, fresh)).toBe('jane.doe@example.com');
  });

  it('makes a shredded tenant\'s values undecryptable everywhere, and leaves other tenants readable', async () => {
    // Prepare
    const [shredded, bystander] = [ulid(), ulid()];
    const container = aContainer();
    const value = await createFieldCipher(container, shredded).encrypt(email, 'jane.doe@example.com');
    await container.rotate(shredded);
    const newer = await createFieldCipher(container, shredded).encrypt(email, 'jane.doe@example.com');
    const untouched = await createFieldCipher(container, bystander).encrypt(email, 'bob@example.com');

    // Act
    const deleted = await container.shred(shredded);

    // Assess
    expect(deleted).toBe(2);
    const cold = aContainer();
    for (const stored of [value, newer]) {
      await expect(createFieldCipher(cold, shredded).decrypt(email, stored)).rejects.toBeInstanceOf(DecryptionError);
      await expect(createFieldCipher(container, shredded).decrypt(email, stored)).rejects.toBeInstanceOf(DecryptionError);
    }
    expect(await createFieldCipher(cold, bystander).decrypt(email, untouched)).toBe('bob@example.com');
  });

  it('keeps blind indexes stable across rotation and containers, and distinct across tenants', async () => {
    // Prepare
    const [tenantA, tenantB] = [ulid(), ulid()];
    const container = aContainer();
    const before = await createFieldCipher(container, tenantA).blindIndex('email', 'jane.doe@example.com');

    // Act
    await container.rotate(tenantA);
    const after = await createFieldCipher(aContainer(), tenantA).blindIndex('email', 'jane.doe@example.com');
    const inB = await createFieldCipher(container, tenantB).blindIndex('email', 'jane.doe@example.com');

    // Assess
    expect(after).toBe(before);
    expect(inB).not.toBe(before);
  });
});
