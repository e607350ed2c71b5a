import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DataKeyStore } from './data-key-store';
import { DecryptionError, InvalidScopeError } from './errors';
import { createFieldCipher, type FieldKeys, type FieldScope } from './field-cipher';
import { InMemoryDataKeyStore } from './in-memory-data-key-store';
import { LocalKeyProvider } from './local-key-provider';
import { TenantKeyring } from './tenant-keyring';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rapport-field-cipher-'));
});

afterAll(() => rm(dir, { recursive: true, force: true }));

const provider = () => new LocalKeyProvider({ masterKeyFile: join(dir, 'master.key') });

/** A keyring as one container holds it; pass a store to share keys with another container. */
function aKeyring(store: DataKeyStore = new InMemoryDataKeyStore()) {
  return { keyring: new TenantKeyring({ provider: provider(), store }), store };
}

const email: FieldScope = { itemKey: '01JQ0000000000000000000001', field: 'email' };
const STORED_FORMAT = /^enc:v1:(\d+):[A-Za-z0-9_-]+$/;

/** Flips one bit of the sealed bytes at the given offset from the start (iv, ciphertext or tag). */
function tamper(stored: string, offset: number): string {
  const [, , version, body] = stored.split(':');
  const sealed = Buffer.from(body!, 'base64url');
  sealed[offset]! ^= 0x01;
  return `enc:v1:${version}:${sealed.toString('base64url')}`;
}

async function decryptionFailure(attempt: Promise<unknown>): Promise<DecryptionError> {
  const error = await attempt.then(
    () => expect.fail('expected the value not to decrypt'),
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(DecryptionError);
  return error as DecryptionError;
}

describe('FieldCipher: encrypting and decrypting', () => {
  it.each([
    ['email', 'jane.doe@example.com'],
    ['phone', '+1 (206) 555-8122'],
    ['address', '12 Rue de l’Église, 75004 Paris'],
    ['notes', 'Met at the fair 🎪, prefers calls after 5pm'],
    ['empty', ''],
  ])('round-trips a %s field in the stored format, without its plaintext in it', async (field, plaintext) => {
    // Prepare
    const cipher = createFieldCipher(aKeyring().keyring, 'tenant-a');
    const scope = { itemKey: 'contact-1', field };

    // Act
    const stored = await cipher.encrypt(scope, plaintext);
    const decrypted = await cipher.decrypt(scope, stored);

    // Assess
    expect(stored).toMatch(STORED_FORMAT);
    if (plaintext !== '') expect(stored).not.toContain(plaintext);
    expect(decrypted).toBe(plaintext);
  });

  it('encrypts the same value differently each time (random IV)', async () => {
    // Prepare
    const cipher = createFieldCipher(aKeyring().keyring, 'tenant-a');

    // Act
    const first = await cipher.encrypt(email, 'jane.doe@example.com');
    const second = await cipher.encrypt(email, 'jane.doe@example.com');

    // Assess
    expect(first).not.toBe(second);
    expect(await cipher.decrypt(email, second)).toBe('jane.doe@example.com');
  });

  it('is decrypted by another container holding the same keys', async () => {
    // Prepare
    const writer = aKeyring();
    const reader = aKeyring(writer.store);
    const stored = await createFieldCipher(writer.keyring, 'tenant-a').encrypt(email, 'jane.doe@example.com');

    // Act
    const decrypted = await createFieldCipher(reader.keyring, 'tenant-a').decrypt(email, stored);

    // Assess
    expect(decrypted).toBe('jane.doe@example.com');
  });
});

describe('FieldCipher: a value opens only where it was written', () => {
  it('refuses a ciphertext copied to another field of the same item', async () => {
    // Prepare
    const cipher = createFieldCipher(aKeyring().keyring, 'tenant-a');
    const stored = await cipher.encrypt(email, 'jane.doe@example.com');

    // Act
    const failure = await decryptionFailure(cipher.decrypt({ ...email, field: 'phone' }, stored));

    // Assess
    expect(failure.reason).toBe('authentication-failed');
  });

  it('refuses a ciphertext copied to the same field of another item', async () => {
    // Prepare
    const cipher = createFieldCipher(aKeyring().keyring, 'tenant-a');
    const stored = await cipher.encrypt(email, 'jane.doe@example.com');

    // Act
    const failure = await decryptionFailure(cipher.decrypt({ ...email, itemKey: '01JQ0000000000000000000002' }, stored));

    // Assess
    expect(failure.reason).toBe('authentication-failed');
  });

  it('refuses a ciphertext copied to another tenant, even one with a key of the same version', async () => {
    // Prepare
    const { keyring } = aKeyring();
    const tenantA = createFieldCipher(keyring, 'tenant-a');
    const tenantB = createFieldCipher(keyring, 'tenant-b');
    const stored = await tenantA.encrypt(email, 'jane.doe@example.com');
    await tenantB.encrypt(email, 'someone@example.com');

    // Act
    const failure = await decryptionFailure(tenantB.decrypt(email, stored));

    // Assess
    expect(failure.reason).toBe('authentication-failed');
  });

  it('binds the tenant into the value itself, so it would not cross tenants even under a shared key', async () => {
    // Prepare
    const sharedKey = Buffer.alloc(32, 9);
    const oneKeyForAll: FieldKeys = {
      activeKey: async () => ({ version: 1, key: sharedKey }),
      keyFor: async () => sharedKey,
      blindIndexKey: async () => sharedKey,
    };
    const stored = await createFieldCipher(oneKeyForAll, 'tenant-a').encrypt(email, 'jane.doe@example.com');

    // Act
    const failure = await decryptionFailure(createFieldCipher(oneKeyForAll, 'tenant-b').decrypt(email, stored));

    // Assess
    expect(failure.reason).toBe('authentication-failed');
  });

  it.each([
    ['the IV', 0],
    ['the ciphertext', 13],
    ['the tag', -1],
  ])('refuses a value with a flipped bit in %s', async (_part, offset) => {
    // Prepare
    const cipher = createFieldCipher(aKeyring().keyring, 'tenant-a');
    const stored = await cipher.encrypt(email, 'jane.doe@example.com');
    const sealedLength = Buffer.from(stored.split(':')[3]!, 'base64url').length;

    // Act
    const failure = await decryptionFailure(cipher.decrypt(email, tamper(stored, offset < 0 ? sealedLength + offset : offset)));

    // Assess
    expect(failure.reason).toBe('authentication-failed');
  });

  it('refuses a value whose key version was changed to another existing version', async () => {
    // Prepare
    const { keyring } = aKeyring();
    const cipher = createFieldCipher(keyring, 'tenant-a');
    const stored = await cipher.encrypt(email, 'jane.doe@example.com');
    await keyring.rotate('tenant-a');

    // Act
    const failure = await decryptionFailure(cipher.decrypt(email, stored.replace('enc:v1:1:', 'enc:v1:2:')));

    // Assess
    expect(failure.reason).toBe('authentication-failed');
  });

  it.each([
    ['plaintext', 'jane.doe@example.com'],
    ['an unknown format version', 'enc:v2:1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
    ['no key version', 'enc:v1::AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
    ['key version 0', 'enc:v1:0:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
    ['a body that is not base64url', 'enc:v1:1:AAAA+AAA/AAA=='],
    ['trailing text', 'enc:v1:1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA more'],
  ])('refuses %s as malformed', async (_case, stored) => {
    // Prepare
    const cipher = createFieldCipher(aKeyring().keyring, 'tenant-a');

    // Act
    const failure = await decryptionFailure(cipher.decrypt(email, stored));

    // Assess
    expect(failure.reason).toBe('malformed');
  });

  it('refuses a body too short to hold an IV and a tag as malformed, even when the key exists', async () => {
    // Prepare
    const cipher = createFieldCipher(aKeyring().keyring, 'tenant-a');
    await cipher.encrypt(email, 'x');

    // Act
    const failure = await decryptionFailure(cipher.decrypt(email, `enc:v1:1:${Buffer.alloc(27).toString('base64url')}`));

    // Assess
    expect(failure.reason).toBe('malformed');
  });

  it('refuses a value under a key version the tenant does not have', async () => {
    // Prepare
    const cipher = createFieldCipher(aKeyring().keyring, 'tenant-a');
    const stored = await cipher.encrypt(email, 'jane.doe@example.com');

    // Act
    const failure = await decryptionFailure(cipher.decrypt(email, stored.replace('enc:v1:1:', 'enc:v1:7:')));

    // Assess
    expect(failure.reason).toBe('unknown-key-version');
  });

  it('never puts the plaintext or the ciphertext in its errors', async () => {
    // Prepare
    const cipher = createFieldCipher(aKeyring().keyring, 'tenant-a');
    const stored = await cipher.encrypt(email, 'jane.doe@example.com');
    const body = stored.split(':')[3]!;

    // Act
    const failures = await Promise.all([
      decryptionFailure(cipher.decrypt({ ...email, field: 'phone' }, stored)),
      decryptionFailure(cipher.decrypt(email, stored.replace('enc:v1:1:', 'enc:v1:9:'))),
      decryptionFailure(cipher.decrypt(email, `${stored}!`)),
    ]);

    // Assess
    for (const failure of failures) {
      const logged = `${failure.message} ${String(failure.stack)} ${JSON.stringify(failure)}`;
      expect(logged).not.toContain('jane.doe');
      expect(logged).not.toContain(body.slice(0, 12));
    }
  });

  it('lets a store or KMS failure through as it is, not as a bad value', async () => {
    // Prepare
    const store = new InMemoryDataKeyStore();
    const writer = createFieldCipher(aKeyring(store).keyring, 'tenant-a');
    const stored = await writer.encrypt(email, 'jane.doe@example.com');
    const outage = new Error('injected: table unavailable');
    vi.spyOn(store, 'get').mockRejectedValueOnce(outage);

    // Act
    const attempt = createFieldCipher(aKeyring(store).keyring, 'tenant-a').decrypt(email, stored);

    // Assess
    await expect(attempt).rejects.toBe(outage);
  });

  it('refuses a scope that would make the authenticated data ambiguous', async () => {
    // Prepare
    const cipher = createFieldCipher(aKeyring().keyring, 'tenant-a');

    // Act
    const failures = await Promise.all(
      [
        cipher.encrypt({ itemKey: 'contact|1', field: 'email' }, 'x'),
        cipher.encrypt({ itemKey: 'contact-1', field: 'email|phone' }, 'x'),
        cipher.encrypt({ itemKey: '', field: 'email' }, 'x'),
        cipher.decrypt({ itemKey: 'contact-1', field: '' }, 'enc:v1:1:AAAA'),
      ].map((attempt) => attempt.catch((error: unknown) => error)),
    );
    const forTenant = () => createFieldCipher(aKeyring().keyring, 'tenant|a');
    const noKind = await cipher.blindIndex('', 'jane.doe@example.com').catch((error: unknown) => error);

    // Assess
    for (const failure of failures) expect(failure).toBeInstanceOf(InvalidScopeError);
    expect(noKind).toBeInstanceOf(InvalidScopeError);
    expect(forTenant).toThrow(InvalidScopeError);
  });
});

describe('FieldCipher: rotation and shredding', () => {
  it('still decrypts values written under version 1 after a rotation, and encrypts new ones under version 2', async () => {
    // Prepare
    const { keyring } = aKeyring();
    const cipher = createFieldCipher(keyring, 'tenant-a');
    const old = await cipher.encrypt(email, 'jane.doe@example.com');

    // Act
    await keyring.rotate('tenant-a');
    const decrypted = await cipher.decrypt(email, old);
    const fresh = await cipher.encrypt(email, 'jane.doe@example.com');

    // Assess
    expect(decrypted).toBe('jane.doe@example.com');
    expect(cipher.keyVersionOf(old)).toBe(1);
    expect(cipher.keyVersionOf(fresh)).toBe(2);
    expect(await cipher.decrypt(email, fresh)).toBe('jane.doe@example.com');
  });

  it('makes every value of a shredded tenant undecryptable, and leaves other tenants readable', async () => {
    // Prepare
    const { keyring, store } = aKeyring();
    const tenantA = createFieldCipher(keyring, 'tenant-a');
    const fromV1 = await tenantA.encrypt(email, 'jane.doe@example.com');
    await keyring.rotate('tenant-a');
    const fromV2 = await tenantA.encrypt({ ...email, field: 'phone' }, '+1 (206) 555-8122');
    const otherTenant = await createFieldCipher(keyring, 'tenant-b').encrypt(email, 'bob@example.com');

    // Act
    await keyring.shred('tenant-a');

    // Assess
    const coldContainer = aKeyring(store).keyring;
    const afterShred = createFieldCipher(coldContainer, 'tenant-a');
    expect((await decryptionFailure(afterShred.decrypt(email, fromV1))).reason).toBe('unknown-key-version');
    expect((await decryptionFailure(afterShred.decrypt({ ...email, field: 'phone' }, fromV2))).reason).toBe('unknown-key-version');
    expect((await decryptionFailure(tenantA.decrypt(email, fromV1))).reason).toBe('unknown-key-version');
    expect(await createFieldCipher(coldContainer, 'tenant-b').decrypt(email, otherTenant)).toBe('bob@example.com');
  });

  it('does not decrypt a shredded tenant\'s values under the new key it gets if used again', async () => {
    // Prepare
    const { keyring } = aKeyring();
    const cipher = createFieldCipher(keyring, 'tenant-a');
    const old = await cipher.encrypt(email, 'jane.doe@example.com');
    await keyring.shred('tenant-a');
    await cipher.encrypt(email, 'new@example.com');

    // Act
    const failure = await decryptionFailure(cipher.decrypt(email, old));

    // Assess
    expect(failure.reason).toBe('authentication-failed');
  });
});

describe('FieldCipher: telling stored values apart', () => {
  it('recognises only well-formed encrypted values, and reads their key version', async () => {
    // Prepare
    const cipher = createFieldCipher(aKeyring().keyring, 'tenant-a');
    const stored = await cipher.encrypt(email, 'jane.doe@example.com');

    // Act
    const verdicts = [stored, 'jane.doe@example.com', 'enc:v1:', 'enc:v1:x:AAAA', 'enc:v1:1:AAAA', '', undefined, 42].map((value) => cipher.isEncrypted(value));

    // Assess
    expect(verdicts).toEqual([true, false, false, false, false, false, false, false]);
    expect(cipher.keyVersionOf(stored)).toBe(1);
    expect(cipher.keyVersionOf('jane.doe@example.com')).toBeNull();
  });
});

describe('FieldCipher: blind indexes', () => {
  it('gives the same value the same index within a tenant, as a base64url HMAC', async () => {
    // Prepare
    const { keyring } = aKeyring();

    // Act
    const first = await createFieldCipher(keyring, 'tenant-a').blindIndex('email', 'jane.doe@example.com');
    const second = await createFieldCipher(keyring, 'tenant-a').blindIndex('email', 'jane.doe@example.com');
    const other = await createFieldCipher(keyring, 'tenant-a').blindIndex('email', 'john.doe@example.com');

    // Assess
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(second).toBe(first);
    expect(other).not.toBe(first);
  });

  it('gives the same value different indexes in two tenants, and for two kinds', async () => {
    // Prepare
    const { keyring } = aKeyring();
    const tenantA = createFieldCipher(keyring, 'tenant-a');

    // Act
    const inA = await tenantA.blindIndex('email', 'jane.doe@example.com');
    const inB = await createFieldCipher(keyring, 'tenant-b').blindIndex('email', 'jane.doe@example.com');
    const asPhone = await tenantA.blindIndex('phone', 'jane.doe@example.com');

    // Assess
    expect(inB).not.toBe(inA);
    expect(asPhone).not.toBe(inA);
  });

  it('survives rotations and is the same in another container', async () => {
    // Prepare
    const { keyring, store } = aKeyring();
    const cipher = createFieldCipher(keyring, 'tenant-a');
    const before = await cipher.blindIndex('email', 'jane.doe@example.com');

    // Act
    await keyring.rotate('tenant-a');
    await keyring.rotate('tenant-a');
    const after = await cipher.blindIndex('email', 'jane.doe@example.com');
    const elsewhere = await createFieldCipher(aKeyring(store).keyring, 'tenant-a').blindIndex('email', 'jane.doe@example.com');

    // Assess
    expect(after).toBe(before);
    expect(elsewhere).toBe(before);
  });

  it('changes once the tenant is shredded, so old index values match nothing', async () => {
    // Prepare
    const { keyring } = aKeyring();
    const cipher = createFieldCipher(keyring, 'tenant-a');
    const before = await cipher.blindIndex('email', 'jane.doe@example.com');

    // Act
    await keyring.shred('tenant-a');
    const after = await cipher.blindIndex('email', 'jane.doe@example.com');

    // Assess
    expect(after).not.toBe(before);
  });
});
