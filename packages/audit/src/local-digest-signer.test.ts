import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { LocalDigestSigner } from './local-digest-signer';

const aKeyFile = () => join(mkdtempSync(join(tmpdir(), 'audit-signer-')), 'keys', 'audit-signing.pem');

describe('LocalDigestSigner', () => {
  it('creates a P-256 key readable only by its owner, and signs what its public key verifies', async () => {
    // Prepare
    const keyFile = aKeyFile();
    const data = Buffer.from('digest body');

    // Act
    const signer = new LocalDigestSigner({ keyFile });
    const signature = await signer.sign(data);

    // Assess
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(keyFile, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(signer.algorithm).toBe('ECDSA_SHA_256');
    expect(verify('sha256', data, await signer.publicKeyPem(), signature)).toBe(true);
    expect(verify('sha256', Buffer.from('other'), await signer.publicKeyPem(), signature)).toBe(false);
  });

  it('reuses the key file on the next start, so earlier signatures still verify', async () => {
    // Prepare
    const keyFile = aKeyFile();
    const before = new LocalDigestSigner({ keyFile });
    const signature = await before.sign(Buffer.from('signed yesterday'));

    // Act
    const after = new LocalDigestSigner({ keyFile });

    // Assess
    expect(after.keyId).toBe(before.keyId);
    expect(after.keyId).toMatch(/^local:[0-9a-f]{16}$/);
    expect(verify('sha256', Buffer.from('signed yesterday'), await after.publicKeyPem(), signature)).toBe(true);
  });

  it('gives a different key a different key id', () => {
    expect(new LocalDigestSigner({ keyFile: aKeyFile() }).keyId).not.toBe(new LocalDigestSigner({ keyFile: aKeyFile() }).keyId);
  });
});
