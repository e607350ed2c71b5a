import type { Versioned } from '../shared/versioned';

/** The records a tenant can define custom fields on. */
export const FIELD_ENTITIES = ['contact', 'company'] as const;
export type FieldEntity = (typeof FIELD_ENTITIES)[number];

/** What a custom field holds; each has its JSON shape (see custom-values.ts). */
export const FIELD_TYPES = ['text', 'number', 'date', 'select', 'boolean'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** A machine name: lower-case letters, digits and `_`, starting with a letter (`loyalty_tier`). */
export const FIELD_KEY_PATTERN = /^[a-z][a-z0-9_]{0,49}$/;

/** Custom fields a tenant may define, all entities together; bounds the per-request read of them. */
export const MAX_FIELD_DEFINITIONS = 100;

/**
 * A custom field the tenant defined on contacts or companies. `entity`, `key`, `type` and
 * `sensitive` are fixed once created: values may already be stored in that shape (and, when
 * sensitive, encrypted), and finding out whether any are would need a scan of the tenant's records.
 */
export interface FieldDefinition extends Versioned {
  id: string;
  entity: FieldEntity;
  /** Unique per entity within the tenant; the name values go by in `customFields`. */
  key: string;
  label: string;
  type: FieldType;
  /** The allowed values of a `select` field, in display order. */
  options?: string[];
  /** A value is needed when a record is created (records created before it became required keep none). */
  required: boolean;
  /** Values are encrypted like personal data, masked without `pii:read`, and reads in clear are audited. */
  sensitive: boolean;
}

/** A value as the API shows it: a string for text, date (YYYY-MM-DD) and select, else number or boolean. */
export type CustomFieldValue = string | number | boolean;

/**
 * A record's custom values. In the domain (`Contact`, `Company`) keyed by field key, in clear; as
 * stored, keyed by field id, sensitive ones as ciphertext. Keying storage by id means a deleted
 * field's values can never be read as those of a later field that reuses its key.
 */
export type CustomFieldValues = Record<string, CustomFieldValue>;
