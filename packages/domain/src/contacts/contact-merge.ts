import type { CompanySnapshot } from '../customers/company';
import type { Contact, StoredContact } from './contact';

/** The profile fields a merge chooses between; `tags` are always united, the owner stays the target's. */
export const MERGE_FIELDS = ['firstName', 'lastName', 'email', 'phone', 'company', 'title', 'address', 'birthday', 'notes', 'companyId'] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];
export type MergeChoice = 'target' | 'source';

/** How long a merge can be undone: the source's snapshot is kept (with a TTL) exactly as long. */
export const MERGE_UNDO_DAYS = 30;

/**
 * The merged profile: each field from the side chosen for it, by default the target's value, or the
 * source's where the target has none; tags united (target's first). Id, owner and creation stay the
 * target's.
 */
export function mergeProfiles(target: Contact, source: Contact, choices: Partial<Record<MergeField, MergeChoice>>, updatedAt: string): Contact {
  const merged: Contact = { ...target, version: target.version + 1, updatedAt };
  for (const field of MERGE_FIELDS) {
    const side = choices[field] ?? (target[field] !== undefined ? 'target' : 'source');
    const value = (side === 'target' ? target : source)[field];
    if (value === undefined) delete merged[field];
    else Object.assign(merged, { [field]: value });
  }
  const tags = [...new Set([...(target.tags ?? []), ...(source.tags ?? [])])];
  if (tags.length > 0) merged.tags = tags;
  return merged;
}

/** Where a merge is: its records still moving, done, being undone, or undone. */
export type MergeStatus = 'moving' | 'done' | 'undoing' | 'undone';

/** A merge as kept beside its target, for good: it names the source, never personal values. */
export interface MergeRecord {
  mergeId: string;
  targetId: string;
  sourceId: string;
  mergedAt: string;
  /** Until when (ISO 8601) it can be undone. */
  undoUntil: string;
  /** The target's version the merge wrote: an undo needs the target unchanged since. */
  mergedVersion: number;
  status: MergeStatus;
}

/** What a merge writes: the target before and after, the source as it was, and the target's new company. */
export interface MergePlan {
  record: MergeRecord;
  target: StoredContact;
  merged: StoredContact;
  source: StoredContact;
  /** The snapshot of `merged.companyId` when the merge changes the target's company. */
  company?: CompanySnapshot;
}

/** What an undo writes: the target back as it was (at a new version) and the source restored. */
export interface UndoPlan {
  record: MergeRecord;
  current: StoredContact;
  restored: StoredContact;
  source: StoredContact;
  targetCompany?: CompanySnapshot;
  sourceCompany?: CompanySnapshot;
}

/** A merge with the snapshot that lets it be undone (null once the snapshot has expired). */
export interface StoredMerge {
  record: MergeRecord;
  snapshot: { target: StoredContact; source: StoredContact } | null;
}
