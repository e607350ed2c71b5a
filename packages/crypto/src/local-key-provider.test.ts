import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyProviderError, KeyUnwrapError } from './errors';
import { LocalKeyProvider } from './local-key-provider';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rapport-local-kms-'));
});

afterAll(() => rm(dir, { recursive: true, force: true }));

/** A master key file of its own, in a folder that does not exist yet. */
const aMasterKeyFile = () => join(dir, randomUUID(), 'keys', 'master.key');

describe('LocalKeyProvider', () => {
  it('creates a 32-byte master key readable only by its owner, in a folder it creates', async () => {
    // Prepare
    const masterKeyFile = aMasterKeyFile();
    const provider = new LocalKeyProvider({ masterKeyFile });

    // Act
    const generated = await provider.generateDataKey('tenant-a');

    // Assess
    const file = await stat(masterKeyFile);
    expect(file.mode & 0o777).toBe(0o600);
    expect(file.size).toBe(32);
    expect(generated.plaintext).toHaveLength(32);
    expect(generated.masterKeyId).toMatch(/^local:[0-9a-f]{16}$/);
  });

  it('wraps for real: the wrapped key is not the key, and unwraps to it', async () => {
    // Prepare
    const provider = new LocalKeyProvider({ masterKeyFile: aMasterKeyFile() });
    const { plaintext, wrapped, masterKeyId } = await provider.generateDataKey('tenant-a');

    // Act
    const unwrapped = await provider.unwrap('tenant-a', wrapped, masterKeyId);

    // Assess
    expect(wrapped.includes(plaintext)).toBe(false);
    expect(unwrapped.equals(plaintext)).toBe(true);
  });

  it('keeps the master key: a second instance on the same file unwraps what the first wrapped', async () => {
    // Prepare
    const masterKeyFile = aMasterKeyFile();
    const first = new LocalKeyProvider({ masterKeyFile });
    const { plaintext, wrapped, masterKeyId } = await first.generateDataKey('tenant-a');
    const masterKey = await readFile(masterKeyFile);

    // Act
    const second = new LocalKeyProvider({ masterKeyFile });
    const unwrapped = await second.unwrap('tenant-a', wrapped, masterKeyId);

    // Assess
    expect(unwrapped.equals(plaintext)).toBe(true);
    expect((await readFile(masterKeyFile)).equals(masterKey)).toBe(true);
    expect((await second.generateDataKey('tenant-a')).masterKeyId).toBe(masterKeyId);
  });

  it('agrees on one master key when two instances create the file at once', async () => {
    // Prepare
    const masterKeyFile = aMasterKeyFile();
    const [a, b] = [new LocalKeyProvider({ masterKeyFile }), new LocalKeyProvider({ masterKeyFile })];

    // Act
    const [fromA, fromB] = await Promise.all([a.generateDataKey('tenant-a'), b.generateDataKey('tenant-a')]);

    // Assess
    expect(fromA.masterKeyId).toBe(fromB.masterKeyId);
    expect((await b.unwrap('tenant-a', fromA.wrapped, fromA.masterKeyId)).equals(fromA.plaintext)).toBe(true);
  });

  it('refuses to unwrap a tenant\'s key for another tenant', async () => {
    // Prepare
    const provider = new LocalKeyProvider({ masterKeyFile: aMasterKeyFile() });
    const { wrapped, masterKeyId } = await provider.generateDataKey('tenant-a');

    // Act
    const attempt = provider.unwrap('tenant-b', wrapped, masterKeyId);

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(KeyUnwrapError);
    await expect(attempt).rejects.toMatchObject({ tenantId: 'tenant-b', code: 'KEY_UNWRAP_FAILED' });
  });

  it('refuses a key wrapped under another master key, and an altered one', async () => {
    // Prepare
    const provider = new LocalKeyProvider({ masterKeyFile: aMasterKeyFile() });
    const other = new LocalKeyProvider({ masterKeyFile: aMasterKeyFile() });
    const foreign = await other.generateDataKey('tenant-a');
    const own = await provider.generateDataKey('tenant-a');
    const altered = Buffer.from(own.wrapped);
    altered[20]! ^= 0x01;

    // Act
    const failures = await Promise.all(
      [
        provider.unwrap('tenant-a', foreign.wrapped, foreign.masterKeyId),
        provider.unwrap('tenant-a', foreign.wrapped, own.masterKeyId),
        provider.unwrap('tenant-a', altered, own.masterKeyId),
      ].map((attempt) => attempt.catch((error: unknown) => error)),
    );

    // Assess
    for (const failure of failures) expect(failure).toBeInstanceOf(KeyUnwrapError);
  });

  it('rewraps under a fresh IV to the same key, and refuses to rewrap for another tenant', async () => {
    // Prepare
    const provider = new LocalKeyProvider({ masterKeyFile: aMasterKeyFile() });
    const { plaintext, wrapped, masterKeyId } = await provider.generateDataKey('tenant-a');

    // Act
    const rewrapped = await provider.rewrap('tenant-a', wrapped, masterKeyId);
    const forOther = await provider.rewrap('tenant-b', wrapped, masterKeyId).catch((error: unknown) => error);

    // Assess
    expect(rewrapped.wrapped.equals(wrapped)).toBe(false);
    expect(rewrapped.masterKeyId).toBe(masterKeyId);
    expect((await provider.unwrap('tenant-a', rewrapped.wrapped, rewrapped.masterKeyId)).equals(plaintext)).toBe(true);
    expect(forOther).toBeInstanceOf(KeyUnwrapError);
  });

  it('refuses a master key file of the wrong size instead of using it', async () => {
    // Prepare
    const masterKeyFile = join(dir, `${randomUUID()}.key`);
    await writeFile(masterKeyFile, Buffer.alloc(16, 1), { mode: 0o600 });
    const provider = new LocalKeyProvider({ masterKeyFile });

    // Act
    const attempt = provider.generateDataKey('tenant-a');

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(KeyProviderError);
  });
});
