import type { LifecycleStage } from '../customers/company';
import type { CustomFieldValues } from '../fields/field-definition';
import type { Versioned } from '../shared/versioned';

/** Where a new contact stands unless told otherwise. */
export const DEFAULT_LIFECYCLE_STAGE = 'lead' as const;

/** A person the tenant does business with, as the domain sees it (personal fields in clear). */
export interface Contact extends Versioned {
  id: string;
  firstName: string;
  lastName?: string;
  email?: string;
  phone?: string;
  company?: string;
  title?: string;
  tags?: string[];
  address?: string;
  /** YYYY-MM-DD. */
  birthday?: string;
  notes?: string;
  /** The user responsible for this contact; the creator until reassigned. */
  ownerId: string;
  /** The company (account) the contact belongs to; its partition keeps a snapshot of it for the 360 view. */
  companyId?: string;
  /** Segmentation for analytics, stored in clear (none of it is personal): `lead` until changed. */
  lifecycleStage?: LifecycleStage;
  /** How the contact came to the tenant (`web`, `referral`…), lower-case. */
  sourceChannel?: string;
  region?: string;
  /**
   * The tenant's custom fields, by key, in clear. Stored by field id instead, sensitive values
   * encrypted (see fields/custom-field-crypto.ts).
   */
  customFields?: CustomFieldValues;
}

/**
 * The personal fields: encrypted before they reach the table, shown in clear only to callers with
 * `pii:read`, masked (by kind) for everyone else.
 */
export const PERSONAL_FIELDS = {
  email: 'email',
  phone: 'phone',
  address: 'text',
  birthday: 'date',
  notes: 'text',
} as const satisfies Partial<Record<keyof Contact, 'email' | 'phone' | 'text' | 'date'>>;

export type PersonalField = keyof typeof PERSONAL_FIELDS;

/**
 * A contact as stored: personal fields hold ciphertext; `emailIndex` and `phoneIndex` are the blind
 * indexes that find it by exact email and phone, `nameIndex` the HMAC of its name's blocking key
 * (see similarNameKey; none without a company), which finds the contacts worth comparing for fuzzy duplicates.
 */
export type StoredContact = Contact & { emailIndex?: string; phoneIndex?: string; nameIndex?: string };

/** The lookups a stored contact can be found by. */
export type ContactLookup = 'email' | 'phone' | 'name';
