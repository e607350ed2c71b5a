/**
 * What the verifier can find wrong with a tenant's audit trail. Each problem names the event (by
 * seq, or by id before it has one) or object (by key) it is about; `detail` is structural only
 * (seqs, ids, keys, line numbers), never an event's content.
 */
export type ProblemKind =
  /** A digest is unreadable, not this tenant's, or its signature does not verify. */
  | 'digest_invalid'
  /** A digest does not link to the one before it (by key and SHA-256), or does not follow on from it. */
  | 'digest_chain_broken'
  /** An object's SHA-256 differs from the one its digest lists. */
  | 'object_altered'
  /** A digest lists an object, or the table records one as integrated, that is not in the archive. */
  | 'object_missing'
  /** An object in the archive that neither the table nor a digest records (and no integrator attempted). */
  | 'object_unlisted'
  /** An object that is not gzip JSON Lines. */
  | 'object_unreadable'
  /** An event whose hash does not match its content (or a line that is not an event at all). */
  | 'event_altered'
  /** Sequence numbers with no event: a gap, or a tail the table records as integrated but the archive lacks. */
  | 'event_missing'
  /** An event committed longer ago than the grace period that the integrator has not sequenced yet (it is in the table, not lost). */
  | 'event_late'
  /** An event placed after a later one inside an object. */
  | 'event_reordered'
  /** An event that is not part of the chain: a second event with the same seq, or one the chain does not link through. */
  | 'event_inserted'
  /** A `prevHash` that does not match the previous event's hash, where no single event can be blamed. */
  | 'chain_broken'
  /** A checkpoint is unreadable, not this tenant's, or its signature does not verify. */
  | 'checkpoint_invalid'
  /** A checkpoint is missing (one links to it, or the table records it as the latest), or does not link to the one before it. */
  | 'checkpoint_chain_broken'
  /** A checkpoint's tree does not extend the previous checkpoint's (its RFC 9162 consistency proof fails). */
  | 'checkpoint_inconsistent'
  /** The archived events, hashed into the tree, do not give a checkpoint's signed root. */
  | 'checkpoint_root_mismatch';

export interface AuditProblem {
  kind: ProblemKind;
  /** The event's seq, when the problem is about one event (or the first of a run). */
  event?: number;
  /** The event's id, for an event that has no seq yet. */
  eventId?: string;
  /** The object's (or digest's) key. */
  object?: string;
  detail: string;
}

export interface AuditTrailVerification {
  /** True when there are no problems (pending objects and events within the grace period are not problems). */
  ok: boolean;
  checked: {
    /** Events whose time is within the range (events just outside it are read to link across the boundary, not counted). */
    events: number;
    objects: number;
    digests: number;
  };
  /** Objects newer than the last digest: not yet signed for, so checked against the table's record and their chain. */
  pendingObjects: number;
  /** Events committed within the grace period that the integrator has not sequenced yet. */
  pendingEvents: number;
  /** Objects an integrator put but another one's commit outran: recorded as such, outside the chain. */
  supersededObjects: number;
  problems: AuditProblem[];
}
