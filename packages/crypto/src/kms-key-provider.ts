import {
  DecryptCommand,
  GenerateDataKeyCommand,
  IncorrectKeyException,
  InvalidCiphertextException,
  KMSClient,
  ReEncryptCommand,
} from '@aws-sdk/client-kms';
import { KeyProviderError, KeyUnwrapError } from './errors';
import { DATA_KEY_BYTES, type GeneratedDataKey, type KeyProvider } from './key-provider';

/** The KMS key that wraps data keys, and the client to reach it. */
export interface KmsKeyProviderOptions {
  /** Built once per container by the caller; a default client is made only when none is given. */
  client?: KMSClient;
  /** The customer-managed key (id, ARN or alias) that wraps new data keys. */
  keyId: string;
}

/**
 * Data keys wrapped by a KMS key. Every call carries the encryption context `{ tenantId }`, which
 * KMS binds into the ciphertext and checks on decrypt: a wrapped key presented for another tenant is
 * refused by KMS itself, and CloudTrail records which tenant each use was for.
 */
export class KmsKeyProvider implements KeyProvider {
  readonly #client: KMSClient;
  readonly #keyId: string;

  constructor(options: KmsKeyProviderOptions) {
    this.#client = options.client ?? new KMSClient({});
    this.#keyId = options.keyId;
  }

  async generateDataKey(tenantId: string): Promise<GeneratedDataKey> {
    const output = await this.#client.send(
      new GenerateDataKeyCommand({ KeyId: this.#keyId, KeySpec: 'AES_256', EncryptionContext: { tenantId } }),
    );
    return {
      plaintext: dataKey(output.Plaintext),
      wrapped: Buffer.from(required(output.CiphertextBlob, 'CiphertextBlob')),
      masterKeyId: required(output.KeyId, 'KeyId'),
    };
  }

  async unwrap(tenantId: string, wrapped: Buffer, masterKeyId: string): Promise<Buffer> {
    try {
      const output = await this.#client.send(
        new DecryptCommand({ CiphertextBlob: wrapped, KeyId: masterKeyId, EncryptionContext: { tenantId } }),
      );
      return dataKey(output.Plaintext);
    } catch (error) {
      throw refusal(error, tenantId);
    }
  }

  async rewrap(tenantId: string, wrapped: Buffer, masterKeyId: string): Promise<{ wrapped: Buffer; masterKeyId: string }> {
    try {
      // ReEncrypt happens inside KMS: the data key never leaves it in clear.
      const output = await this.#client.send(
        new ReEncryptCommand({
          CiphertextBlob: wrapped,
          SourceKeyId: masterKeyId,
          SourceEncryptionContext: { tenantId },
          DestinationKeyId: this.#keyId,
          DestinationEncryptionContext: { tenantId },
        }),
      );
      return {
        wrapped: Buffer.from(required(output.CiphertextBlob, 'CiphertextBlob')),
        masterKeyId: required(output.KeyId, 'KeyId'),
      };
    } catch (error) {
      throw refusal(error, tenantId);
    }
  }
}

/** KMS's "this ciphertext is not for this key or context" becomes our typed refusal; anything else (throttling, access) stays as it is. */
function refusal(error: unknown, tenantId: string): unknown {
  return error instanceof InvalidCiphertextException || error instanceof IncorrectKeyException
    ? new KeyUnwrapError(tenantId, { cause: error })
    : error;
}

function required<T>(value: T | undefined, field: string): T {
  if (value === undefined) throw new KeyProviderError(`KMS answered without ${field}`);
  return value;
}

function dataKey(plaintext: Uint8Array | undefined): Buffer {
  const key = Buffer.from(required(plaintext, 'Plaintext'));
  if (key.length !== DATA_KEY_BYTES) throw new KeyProviderError(`KMS returned a ${key.length}-byte data key, not ${DATA_KEY_BYTES}`);
  return key;
}
