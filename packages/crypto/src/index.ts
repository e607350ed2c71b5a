export {
  CryptoError,
  DataKeyConflictError,
  DecryptionError,
  InvalidScopeError,
  KeyNotFoundError,
  KeyProviderError,
  KeyUnwrapError,
  type CryptoErrorCode,
  type DecryptionFailure,
} from './errors';
export { DATA_KEY_BYTES, type GeneratedDataKey, type KeyProvider } from './key-provider';
export { KmsKeyProvider, type KmsKeyProviderOptions } from './kms-key-provider';
export { LocalKeyProvider, type LocalKeyProviderOptions } from './local-key-provider';
export type { DataKeyRecord, DataKeyStore } from './data-key-store';
export { InMemoryDataKeyStore } from './in-memory-data-key-store';
export { TenantKeyring, type ActiveKey, type RotationResult, type TenantKeyringOptions } from './tenant-keyring';
export { createFieldCipher, type FieldCipher, type FieldKeys, type FieldScope } from './field-cipher';
