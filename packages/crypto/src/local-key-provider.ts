import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { open, seal } from './aes-gcm';
import { KeyProviderError, KeyUnwrapError } from './errors';
import { DATA_KEY_BYTES, type GeneratedDataKey, type KeyProvider } from './key-provider';

/** Where the local master key lives. */
export interface LocalKeyProviderOptions {
  /** The master key's file (locally `.data/keys/master.key`); created, with its folder, if missing. */
  masterKeyFile: string;
}

const MASTER_KEY_BYTES = 32;

/**
 * The local stand-in for KMS: a random master key in a file readable only by its owner. It wraps for
 * real (AES-256-GCM, the tenant in the authenticated data), so local mode behaves like AWS: a wrapped
 * key presented for another tenant, or under another master key, does not unwrap.
 */
export class LocalKeyProvider implements KeyProvider {
  readonly #masterKeyFile: string;
  #master?: Promise<{ key: Buffer; id: string }>;

  constructor(options: LocalKeyProviderOptions) {
    this.#masterKeyFile = options.masterKeyFile;
  }

  async generateDataKey(tenantId: string): Promise<GeneratedDataKey> {
    const master = await this.#masterKey();
    const plaintext = randomBytes(DATA_KEY_BYTES);
    return { plaintext, wrapped: seal(master.key, wrappingAad(tenantId), plaintext), masterKeyId: master.id };
  }

  async unwrap(tenantId: string, wrapped: Buffer, masterKeyId: string): Promise<Buffer> {
    const master = await this.#masterKey();
    if (masterKeyId !== master.id) {
      throw new KeyUnwrapError(tenantId, { cause: new Error(`wrapped under ${masterKeyId}, this master key is ${master.id}`) });
    }
    try {
      return open(master.key, wrappingAad(tenantId), wrapped);
    } catch (error) {
      throw new KeyUnwrapError(tenantId, { cause: error });
    }
  }

  async rewrap(tenantId: string, wrapped: Buffer, masterKeyId: string): Promise<{ wrapped: Buffer; masterKeyId: string }> {
    const master = await this.#masterKey();
    const plaintext = await this.unwrap(tenantId, wrapped, masterKeyId);
    return { wrapped: seal(master.key, wrappingAad(tenantId), plaintext), masterKeyId: master.id };
  }

  /** Read (or created) once per instance; a failed read is retried on the next call. */
  #masterKey(): Promise<{ key: Buffer; id: string }> {
    this.#master ??= loadOrCreate(this.#masterKeyFile).catch((error: unknown) => {
      this.#master = undefined;
      throw error;
    });
    return this.#master;
  }
}

const wrappingAad = (tenantId: string) => `rapport-datakey|${tenantId}`;

async function loadOrCreate(file: string): Promise<{ key: Buffer; id: string }> {
  const key = (await readIfExists(file)) ?? (await create(file));
  if (key.length !== MASTER_KEY_BYTES) {
    throw new KeyProviderError(`The master key file ${file} holds ${key.length} bytes, not ${MASTER_KEY_BYTES}`);
  }
  return { key, id: `local:${createHash('sha256').update(key).digest('hex').slice(0, 16)}` };
}

async function readIfExists(file: string): Promise<Buffer | null> {
  try {
    return await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

async function create(file: string): Promise<Buffer> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  // Written aside, then linked into place: `link` fails if the file exists, so two processes starting
  // at once cannot overwrite each other's key, and neither can read a half-written one.
  const draft = `${file}.${randomUUID()}.tmp`;
  await writeFile(draft, randomBytes(MASTER_KEY_BYTES), { flag: 'wx', mode: 0o600 });
  try {
    await link(draft, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await rm(draft, { force: true });
  }
  return readFile(file);
}
