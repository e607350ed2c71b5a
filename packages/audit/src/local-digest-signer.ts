import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { DIGEST_SIGNING_ALGORITHM } from './digest';
import type { DigestSigner } from './digest-signer';
import { SignerMisconfiguredError } from './errors';

export interface LocalDigestSignerOptions {
  /** The private key's PEM file (locally `.data/keys/audit-signing.pem`); created, mode 0600, if missing. */
  keyFile: string;
}

/**
 * The local stand-in for the KMS signer: an ECDSA P-256 key pair generated once into a file readable
 * only by its owner and reused on every start, so digests written before a restart still verify.
 * The key is loaded in the constructor: `keyId` names it, and a handler builds its signer once, at
 * cold start.
 */
export class LocalDigestSigner implements DigestSigner {
  readonly keyId: string;
  readonly algorithm = DIGEST_SIGNING_ALGORITHM;
  readonly #privateKey: KeyObject;
  readonly #publicKeyPem: string;

  constructor(options: LocalDigestSignerOptions) {
    this.#privateKey = loadOrCreate(options.keyFile);
    const publicKey = createPublicKey(this.#privateKey);
    if (publicKey.asymmetricKeyType !== 'ec' || publicKey.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
      throw new SignerMisconfiguredError(options.keyFile, 'the key file does not hold an ECDSA P-256 key');
    }
    this.#publicKeyPem = publicKey.export({ format: 'pem', type: 'spki' }).toString();
    const fingerprint = createHash('sha256').update(publicKey.export({ format: 'der', type: 'spki' })).digest('hex');
    this.keyId = `local:${fingerprint.slice(0, 16)}`;
  }

  async sign(data: Buffer): Promise<Buffer> {
    // node:crypto's ECDSA signatures are DER-encoded by default, as KMS's are.
    return sign('sha256', data, this.#privateKey);
  }

  async publicKeyPem(): Promise<string> {
    return this.#publicKeyPem;
  }
}

function loadOrCreate(file: string): KeyObject {
  try {
    return createPrivateKey(readFileSync(file));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  // Written aside, then linked into place: `link` fails if the file exists, so two processes starting
  // at once cannot overwrite each other's key, and neither reads a half-written one.
  const draft = `${file}.${randomUUID()}.tmp`;
  writeFileSync(draft, privateKey.export({ format: 'pem', type: 'pkcs8' }), { flag: 'wx', mode: 0o600 });
  try {
    linkSync(draft, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    rmSync(draft, { force: true });
  }
  return createPrivateKey(readFileSync(file));
}
