/** A data key as the master key hands it out: in clear for use, and wrapped for storage. */
export interface GeneratedDataKey {
  /** 32 bytes; held only in memory. */
  plaintext: Buffer;
  /** The data key encrypted under the master key, bound to the tenant. */
  wrapped: Buffer;
  /** Which master key wrapped it; needed to unwrap it again. */
  masterKeyId: string;
}

/**
 * The master key that wraps tenant data keys (KMS in AWS, a local file on a laptop). Every wrap is
 * bound to the tenant, so a wrapped key copied to another tenant's records does not unwrap.
 */
export interface KeyProvider {
  /** A fresh 256-bit data key for the tenant, in clear and wrapped by the master key. */
  generateDataKey(tenantId: string): Promise<GeneratedDataKey>;
  /** The data key in clear; throws `KeyUnwrapError` if it was not wrapped for this tenant. */
  unwrap(tenantId: string, wrapped: Buffer, masterKeyId: string): Promise<Buffer>;
  /** Re-wraps under the current master key material/id (rotation) without exposing the key. */
  rewrap(tenantId: string, wrapped: Buffer, masterKeyId: string): Promise<{ wrapped: Buffer; masterKeyId: string }>;
}

/** AES-256. */
export const DATA_KEY_BYTES = 32;
