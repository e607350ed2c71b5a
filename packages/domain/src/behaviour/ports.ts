import type { Audited } from '../access/ports';

/** One event as stored: compact, and only for a short while (aggregates keep the long view). */
export interface StoredBehaviourEvent {
  eventId: string;
  contactId: string;
  type: 'page_view' | 'click' | 'dwell';
  day: string;
  occurredAt: string;
  url?: string;
  durationSeconds?: number;
}

/** Behaviour of one tenant: raw events (with a TTL) and per-customer daily totals. */
export interface BehaviourRepository {
  /** Which of these contact ids exist in the tenant. */
  existingContacts(contactIds: string[]): Promise<Set<string>>;
  /** Contact ids by the blind index of an email. */
  contactsByEmailIndex(emailIndex: string): Promise<string[]>;
  /** Stores each event once (by id) and adds it to its contact's day; returns how many were new. */
  record(events: StoredBehaviourEvent[]): Promise<number>;
}

/** An ingest key as stored: its secret only as a hash. */
export interface IngestKey {
  tenantId: string;
  id: string;
  name: string;
  secretHash: string;
  createdAt: string;
  createdBy: string;
}

export interface IngestKeyRepository {
  create(key: IngestKey, audit: Audited): Promise<void>;
  list(): Promise<IngestKey[]>;
  /** Throws NotFoundError. */
  delete(keyId: string, audit: Audited): Promise<void>;
}

/** Finds the key a request presents, across tenants: the key is how the request learns its tenant. */
export interface IngestKeyLookup {
  findBySecretHash(secretHash: string): Promise<IngestKey | null>;
}
