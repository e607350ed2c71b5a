/** One version of a tenant's data key as it is stored: wrapped, never in clear. */
export interface DataKeyRecord {
  tenantId: string;
  /** 1, 2, …; the highest is the tenant's active key. */
  version: number;
  /** The wrapped key, base64. */
  wrappedKey: string;
  masterKeyId: string;
  /** ISO 8601. */
  createdAt: string;
}

/** Where a tenant's wrapped data keys are kept, one record per version. */
export interface DataKeyStore {
  /** The highest version, read consistently, or null if the tenant has no key yet. */
  latest(tenantId: string): Promise<DataKeyRecord | null>;
  get(tenantId: string, version: number): Promise<DataKeyRecord | null>;
  /**
   * Adds a version. Throws `DataKeyConflictError` if the version exists, so two writers racing to
   * create the same version cannot both win.
   */
  create(record: DataKeyRecord): Promise<void>;
  /** Every version, oldest first. */
  list(tenantId: string): Promise<DataKeyRecord[]>;
  /** Replaces a version's wrapping (after a rewrap); throws `KeyNotFoundError` if it no longer exists. */
  replaceWrapped(tenantId: string, version: number, wrappedKey: string, masterKeyId: string): Promise<void>;
  /** Deletes every version (crypto-shredding); returns how many were deleted. */
  deleteAll(tenantId: string): Promise<number>;
}
