import { parseCheckpointKey, parseDigestKey, parseEventsObjectKey, type AuditProblem, type ProblemKind } from '@rapport/audit/browser';

/** A kind of problem in words: a heading, and what it means for the trail. */
export interface ProblemWords {
  /** What was found, as a heading: "An event was changed". */
  title: string;
  /** What it means and what it rules out, for someone who is not a cryptographer. */
  meaning: string;
}

/**
 * Every kind of problem the verifier reports, in words. Typed against the verifier's own union:
 * a new kind does not compile until it has its entry here, and an entry for a kind that no
 * longer exists does not compile either.
 */
export const PROBLEM_WORDS = {
  digest_invalid: {
    title: 'A signed digest does not verify',
    meaning: 'The digest is unreadable, belongs to another workspace, or its signature does not match: the archived objects it lists cannot be vouched for by it.',
  },
  digest_chain_broken: {
    title: 'The chain of signed digests is broken',
    meaning: 'Each digest names the one before it. This one does not follow on from its predecessor, so a digest may have been removed, replaced or inserted.',
  },
  object_altered: {
    title: 'An archived object was changed',
    meaning: 'The file of events in the archive no longer has the fingerprint (SHA-256) recorded when it was written: its content was changed after archiving.',
  },
  object_missing: {
    title: 'An archived object is missing',
    meaning: 'A digest lists this file of events, or the workspace records it as archived, but it is not in the archive: the events in it were removed.',
  },
  object_unlisted: {
    title: 'An archived object nobody wrote',
    meaning: 'This file is in the archive, but no digest lists it, the workspace has no record of it and no archiving run tried to write it: it was put there from outside.',
  },
  object_unreadable: {
    title: 'An archived object cannot be read',
    meaning: 'The file is not the compressed list of events the archive holds, so none of the events in it can be checked.',
  },
  event_altered: {
    title: 'An event was changed',
    meaning: 'The event’s content no longer matches its hash: something in it (who, what, when or the record) was edited after it was written, or the line is not an event at all.',
  },
  event_missing: {
    title: 'Events are missing',
    meaning: 'Sequence numbers have no event: a gap inside the trail, or events the workspace records as archived that the archive lacks at its end.',
  },
  event_late: {
    title: 'An event is not archived yet',
    meaning: 'The event was recorded longer ago than the few minutes archiving takes, and is still waiting. It is kept in the workspace, not lost, but it is not yet protected by the archive.',
  },
  event_reordered: {
    title: 'Events are out of order',
    meaning: 'An event sits after a later one in the archive: the order of the trail was changed.',
  },
  event_inserted: {
    title: 'An event was inserted',
    meaning: 'This event is not part of the chain that links every event to the one before it: it was added, or it duplicates an event’s place.',
  },
  chain_broken: {
    title: 'The chain of events is broken',
    meaning: 'An event does not link to the one before it, and no single event can be blamed: events may have been removed or replaced here.',
  },
  checkpoint_invalid: {
    title: 'A signed checkpoint does not verify',
    meaning: 'The checkpoint is unreadable, belongs to another workspace, differs from the one recorded, or its signature does not match.',
  },
  checkpoint_chain_broken: {
    title: 'The chain of checkpoints is broken',
    meaning: 'A checkpoint is missing, or does not link to the one before it: the signed history of the trail has a hole.',
  },
  checkpoint_inconsistent: {
    title: 'A checkpoint rewrites history',
    meaning: 'Its tree does not extend the previous checkpoint’s tree: events already signed for were changed, removed or reordered.',
  },
  checkpoint_root_mismatch: {
    title: 'The archived events do not match a checkpoint',
    meaning: 'Hashed together, the archived events do not give the root the checkpoint signed: some of them were changed since it was signed.',
  },
} as const satisfies Record<ProblemKind, ProblemWords>;

/** A problem's kind in words; a kind this console does not know yet is named as it is. */
export function wordsFor(kind: string): ProblemWords {
  return Object.hasOwn(PROBLEM_WORDS, kind)
    ? PROBLEM_WORDS[kind as ProblemKind]
    : { title: `A problem of a kind this console cannot describe yet (${kind})`, meaning: 'Update the console to read it in words; the evidence below is the verifier’s own.' };
}

/** A problem as the API gives it (its kind a string, since the API may know kinds this console does not). */
export type ReportedProblem = Omit<AuditProblem, 'kind'> & { kind: string };

const range = (first: number, last: number) => (first === last ? `event ${first}` : `events ${first} to ${last}`);

/** Which archived object a key names, in words: "the archived file of events 4 to 6, dated 2026-12-05". */
export function objectWords(key: string): string {
  const events = parseEventsObjectKey(key);
  if (events) return `the archived file of ${range(events.firstSeq, events.lastSeq)}, dated ${events.date}`;
  const digest = parseDigestKey(key);
  if (digest) return `the signed digest of ${range(digest.firstSeq, digest.lastSeq)}`;
  const checkpoint = parseCheckpointKey(key);
  if (checkpoint) return `the signed checkpoint of the first ${checkpoint.treeSize} ${checkpoint.treeSize === 1 ? 'event' : 'events'}`;
  return 'an archived file';
}

/** What the problem is about, in words: an event by its number or id, or an archived object. */
export function subjectWords(problem: ReportedProblem): string {
  if (problem.event !== undefined) return `Event ${problem.event}${problem.object ? `, in ${objectWords(problem.object)}` : ''}`;
  if (problem.eventId !== undefined) return `Event ${problem.eventId} (not numbered yet)`;
  if (problem.object !== undefined) return objectWords(problem.object).replace(/^./, (letter) => letter.toUpperCase());
  return 'The trail of the period';
}
