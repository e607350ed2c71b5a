import { GetPublicKeyCommand, SignCommand, type KMSClient } from '@aws-sdk/client-kms';
import { createHash, createPublicKey } from 'node:crypto';
import { DIGEST_SIGNING_ALGORITHM } from './digest';
import type { DigestSigner } from './digest-signer';
import { SignerMisconfiguredError, SigningError } from './errors';

export interface KmsDigestSignerOptions {
  client: KMSClient;
  /** An asymmetric `ECC_NIST_P256` SIGN_VERIFY key; its ARN, so digests name the key itself, not an alias. */
  keyId: string;
}

/** KMS signs a RAW message of at most this many bytes; longer ones are sent as their SHA-256. */
export const KMS_MAX_RAW_MESSAGE_BYTES = 4096;

/**
 * Signs digests with a KMS key (ECDSA_SHA_256), so the private key never leaves KMS. Digests of
 * many objects outgrow KMS's 4 KiB limit for RAW messages; those are sent as their SHA-256 with
 * MessageType DIGEST, which gives the same signature KMS would have made over the RAW message.
 */
export class KmsDigestSigner implements DigestSigner {
  readonly keyId: string;
  readonly algorithm = DIGEST_SIGNING_ALGORITHM;
  readonly #client: KMSClient;
  #publicKey?: Promise<string>;

  constructor(options: KmsDigestSignerOptions) {
    this.#client = options.client;
    this.keyId = options.keyId;
  }

  async sign(data: Buffer): Promise<Buffer> {
    const raw = data.length <= KMS_MAX_RAW_MESSAGE_BYTES;
    try {
      const { Signature } = await this.#client.send(
        new SignCommand({
          KeyId: this.keyId,
          Message: raw ? data : createHash('sha256').update(data).digest(),
          MessageType: raw ? 'RAW' : 'DIGEST',
          SigningAlgorithm: DIGEST_SIGNING_ALGORITHM,
        }),
      );
      if (!Signature) throw new Error('KMS returned no signature');
      return Buffer.from(Signature);
    } catch (error) {
      throw new SigningError(this.keyId, { cause: error });
    }
  }

  /** Asked of KMS once per instance; a failed call is retried on the next. */
  publicKeyPem(): Promise<string> {
    this.#publicKey ??= this.#fetchPublicKey().catch((error: unknown) => {
      this.#publicKey = undefined;
      throw error;
    });
    return this.#publicKey;
  }

  async #fetchPublicKey(): Promise<string> {
    let response;
    try {
      response = await this.#client.send(new GetPublicKeyCommand({ KeyId: this.keyId }));
    } catch (error) {
      throw new SigningError(this.keyId, { cause: error });
    }
    const spec = response.KeySpec ?? response.CustomerMasterKeySpec;
    if (spec !== 'ECC_NIST_P256') throw new SignerMisconfiguredError(this.keyId, `its key spec is ${spec ?? 'unknown'}, not ECC_NIST_P256`);
    if (!response.PublicKey) throw new SigningError(this.keyId, { cause: new Error('KMS returned no public key') });
    return createPublicKey({ key: Buffer.from(response.PublicKey), format: 'der', type: 'spki' }).export({ format: 'pem', type: 'spki' }).toString();
  }
}
