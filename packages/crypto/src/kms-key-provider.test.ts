import {
  DecryptCommand,
  GenerateDataKeyCommand,
  InvalidCiphertextException,
  KMSClient,
  KMSInvalidStateException,
  ReEncryptCommand,
} from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { KeyProviderError, KeyUnwrapError } from './errors';
import { KmsKeyProvider } from './kms-key-provider';

const KEY_ARN = 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const dataKey = Buffer.alloc(32, 7);
const wrapped = Buffer.from('wrapped-by-kms');

function aProvider() {
  const client = new KMSClient({ region: 'eu-west-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  const kms = mockClient(client);
  return { kms, provider: new KmsKeyProvider({ client, keyId: 'alias/rapport-data' }) };
}

/** What KMS says when the encryption context does not match the one the key was wrapped with. */
const contextMismatch = () => new InvalidCiphertextException({ message: 'context mismatch', $metadata: {} });

describe('KmsKeyProvider', () => {
  it('generates an AES-256 data key bound to the tenant by the encryption context', async () => {
    // Prepare
    const { kms, provider } = aProvider();
    kms.on(GenerateDataKeyCommand).resolves({ Plaintext: dataKey, CiphertextBlob: wrapped, KeyId: KEY_ARN });

    // Act
    const generated = await provider.generateDataKey('tenant-a');

    // Assess
    expect(kms.commandCalls(GenerateDataKeyCommand).map((call) => call.args[0].input)).toEqual([
      { KeyId: 'alias/rapport-data', KeySpec: 'AES_256', EncryptionContext: { tenantId: 'tenant-a' } },
    ]);
    expect(generated.plaintext.equals(dataKey)).toBe(true);
    expect(generated.wrapped.equals(wrapped)).toBe(true);
    expect(generated.masterKeyId).toBe(KEY_ARN);
  });

  it('unwraps with the key that wrapped it and the tenant\'s encryption context', async () => {
    // Prepare
    const { kms, provider } = aProvider();
    kms.on(DecryptCommand).resolves({ Plaintext: dataKey, KeyId: KEY_ARN });

    // Act
    const unwrapped = await provider.unwrap('tenant-a', wrapped, KEY_ARN);

    // Assess
    expect(kms.commandCalls(DecryptCommand).map((call) => call.args[0].input)).toEqual([
      { CiphertextBlob: wrapped, KeyId: KEY_ARN, EncryptionContext: { tenantId: 'tenant-a' } },
    ]);
    expect(unwrapped.equals(dataKey)).toBe(true);
  });

  it('sends the other tenant\'s context when asked to unwrap for it, so KMS refuses', async () => {
    // Prepare
    const { kms, provider } = aProvider();
    kms.on(DecryptCommand).rejects(contextMismatch());
    kms.on(DecryptCommand, { EncryptionContext: { tenantId: 'tenant-a' } }).resolves({ Plaintext: dataKey, KeyId: KEY_ARN });

    // Act
    const attempt = provider.unwrap('tenant-b', wrapped, KEY_ARN);

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(KeyUnwrapError);
    await expect(attempt).rejects.toMatchObject({ tenantId: 'tenant-b' });
    expect(kms.commandCalls(DecryptCommand).map((call) => call.args[0].input.EncryptionContext)).toEqual([{ tenantId: 'tenant-b' }]);
  });

  it('rewraps inside KMS under the current key, with the tenant\'s context on both sides', async () => {
    // Prepare
    const { kms, provider } = aProvider();
    const rewrapped = Buffer.from('rewrapped-by-kms');
    const newArn = KEY_ARN.replace('1234abcd', '5678efgh');
    kms.on(ReEncryptCommand).resolves({ CiphertextBlob: rewrapped, KeyId: newArn, SourceKeyId: KEY_ARN });

    // Act
    const result = await provider.rewrap('tenant-a', wrapped, KEY_ARN);

    // Assess
    expect(kms.commandCalls(ReEncryptCommand).map((call) => call.args[0].input)).toEqual([
      {
        CiphertextBlob: wrapped,
        SourceKeyId: KEY_ARN,
        SourceEncryptionContext: { tenantId: 'tenant-a' },
        DestinationKeyId: 'alias/rapport-data',
        DestinationEncryptionContext: { tenantId: 'tenant-a' },
      },
    ]);
    expect(result.wrapped.equals(rewrapped)).toBe(true);
    expect(result.masterKeyId).toBe(newArn);
    expect(kms.commandCalls(DecryptCommand)).toHaveLength(0);
  });

  it('refuses to rewrap another tenant\'s key the way it refuses to unwrap it', async () => {
    // Prepare
    const { kms, provider } = aProvider();
    kms.on(ReEncryptCommand).rejects(contextMismatch());

    // Act
    const attempt = provider.rewrap('tenant-b', wrapped, KEY_ARN);

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(KeyUnwrapError);
    expect(kms.commandCalls(ReEncryptCommand)[0]?.args[0].input.SourceEncryptionContext).toEqual({ tenantId: 'tenant-b' });
  });

  it('passes other KMS failures through unchanged, since they may be retried', async () => {
    // Prepare
    const { kms, provider } = aProvider();
    const disabled = new KMSInvalidStateException({ message: 'key is disabled', $metadata: {} });
    kms.on(DecryptCommand).rejects(disabled);

    // Act
    const attempt = provider.unwrap('tenant-a', wrapped, KEY_ARN);

    // Assess
    await expect(attempt).rejects.toBe(disabled);
  });

  it('refuses an answer without a key, or with a key of the wrong size', async () => {
    // Prepare
    const { kms, provider } = aProvider();
    kms.on(GenerateDataKeyCommand).resolves({ CiphertextBlob: wrapped, KeyId: KEY_ARN });
    kms.on(DecryptCommand).resolves({ Plaintext: Buffer.alloc(16), KeyId: KEY_ARN });

    // Act
    const failures = await Promise.all(
      [provider.generateDataKey('tenant-a'), provider.unwrap('tenant-a', wrapped, KEY_ARN)].map((attempt) => attempt.catch((error: unknown) => error)),
    );

    // Assess
    for (const failure of failures) expect(failure).toBeInstanceOf(KeyProviderError);
  });
});
