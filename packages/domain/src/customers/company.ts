import type { CustomFieldValues } from '../fields/field-definition';
import type { Versioned } from '../shared/versioned';

/** Where a customer (company or contact) stands with the tenant. */
export const LIFECYCLE_STAGES = ['lead', 'prospect', 'customer', 'churned'] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

/** Headcount bands, as most CRMs and data providers report company size. */
export const COMPANY_SIZES = ['1-10', '11-50', '51-200', '201-500', '501-1000', '1001-5000', '5001+'] as const;
export type CompanySize = (typeof COMPANY_SIZES)[number];

/**
 * A company (account) the tenant does business with. Nothing here is personal data (a company's
 * switchboard and address are public business details, so they are stored in clear), except
 * custom fields the tenant marks sensitive.
 */
export interface Company extends Versioned {
  id: string;
  name: string;
  /** Lower-cased host name, such as `northwind.example`. */
  domain?: string;
  industry?: string;
  size?: CompanySize;
  region?: string;
  phone?: string;
  address?: string;
  tags?: string[];
  lifecycleStage?: LifecycleStage;
  /** How the company came to the tenant (`web`, `referral`, `event`…), lower-case, for per-channel analytics. */
  sourceChannel?: string;
  /** The user responsible for this company; the creator until reassigned. */
  ownerId: string;
  /**
   * How many contacts point at this company. Moved only by the contact writes that link and unlink
   * (in their transactions), never by company writes, so deleting a company still in use is refused
   * atomically.
   */
  contactCount: number;
  /**
   * The tenant's custom fields, by key, in clear. Stored by field id instead, with sensitive values
   * encrypted: the one part of a company that may be personal data (see fields/custom-field-crypto.ts).
   */
  customFields?: CustomFieldValues;
}

/**
 * The part of a company a contact's partition keeps a copy of, so the 360 view needs no second
 * read. Written with every contact write that sets `companyId` (sending the same id again
 * refreshes it), deleted when it is cleared; a change to the company's name, domain or industry
 * rewrites every copy right after the change (found through an index from a company to its
 * contacts), so the 360 view trails a renamed company only by a moment.
 */
export interface CompanySnapshot {
  companyId: string;
  name: string;
  domain?: string;
  industry?: string;
}

export function snapshotOf(company: Company): CompanySnapshot {
  return {
    companyId: company.id,
    name: company.name,
    ...(company.domain === undefined ? {} : { domain: company.domain }),
    ...(company.industry === undefined ? {} : { industry: company.industry }),
  };
}
