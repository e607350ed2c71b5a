import { KmsDigestSigner, LocalDigestSigner } from '@rapport/audit';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createArchiveRuntime, createDigestRuntime } from './audit-runtime';

const base = { TABLE_NAME: 'rapport-test', AUDIT_BUCKET: 'rapport-test-audit', AWS_REGION: 'eu-west-1' };
const KEY_ARN = 'arn:aws:kms:eu-west-1:111122223333:key/0f6b7e2c-audit';

describe('the audit functions\' runtime', () => {
  it('signs digests with KMS when given a key id', () => {
    // Act
    const runtime = createDigestRuntime({ ...base, AUDIT_SIGNING_KEY_ID: KEY_ARN });

    // Assess
    expect(runtime.signer).toBeInstanceOf(KmsDigestSigner);
    expect(runtime.signer.keyId).toBe(KEY_ARN);
  });

  it('signs digests with a local key file when given one', () => {
    // Act
    const runtime = createDigestRuntime({ ...base, AUDIT_SIGNING_KEY_FILE: join(mkdtempSync(join(tmpdir(), 'audit-keys-')), 'audit-signing.pem') });

    // Assess
    expect(runtime.signer).toBeInstanceOf(LocalDigestSigner);
  });

  it.each([
    ['neither signing key', {}],
    ['both signing keys', { AUDIT_SIGNING_KEY_ID: KEY_ARN, AUDIT_SIGNING_KEY_FILE: '/tmp/key.pem' }],
  ])('refuses %s', (_what, keys) => {
    // Act + Assess
    expect(() => createDigestRuntime({ ...base, ...keys })).toThrow(/exactly one of AUDIT_SIGNING_KEY_ID/);
  });

  it('refuses to start the archiver without a bucket or table', () => {
    // Act + Assess
    expect(() => createArchiveRuntime({ TABLE_NAME: 'rapport-test' })).toThrow(/AUDIT_BUCKET/);
    expect(() => createArchiveRuntime({ AUDIT_BUCKET: 'rapport-test-audit' })).toThrow(/TABLE_NAME/);
  });
});
