import { GENESIS_HASH, isAuditEventIntact, type AuditEvent } from '@rapport/domain';
import type { AuditProblem } from './audit-problems';
import type { EventLine } from './event-lines';

/** An events object read for checking: its key, the seq range its name claims, and its lines in order. */
export interface ObjectLines {
  key: string;
  firstSeq: number;
  lastSeq: number;
  lines: readonly EventLine[];
}

export interface EventChainCheck {
  problems: AuditProblem[];
  /** The events that make up the chain, one per seq, in seq order (inserted duplicates left out). */
  events: AuditEvent[];
}

interface Placed {
  event: AuditEvent;
  intact: boolean;
  key: string;
  line: number;
}

/**
 * Checks the events of consecutive objects (in seq order) as one chain, naming each event that is
 * wrong and how: a hash that does not match its content (altered), a seq that no event has
 * (missing), an event after a later one in its object (reordered), an event the chain does not go
 * through (inserted) and, where no one event can be blamed, a broken `prevHash` link.
 */
export function checkEventChain(objects: readonly ObjectLines[]): EventChainCheck {
  const problems: AuditProblem[] = [];
  const placed: Placed[] = [];
  for (const object of objects) {
    for (const entry of object.lines) {
      if (entry.event === null) {
        problems.push({ kind: 'event_altered', object: object.key, detail: `line ${entry.line} is ${entry.reason}` });
      } else {
        placed.push({ event: entry.event, intact: isAuditEventIntact(entry.event), key: object.key, line: entry.line });
      }
    }
  }
  const bySeq = groupBySeq(placed);
  problems.push(...reorderings(placed, bySeq));
  const chain = pickChain(bySeq, problems);
  problems.push(...linkProblems(chain), ...gaps(objects, chain));
  return { problems: dedupe(problems), events: chain.map((entry) => entry.event) };
}

function groupBySeq(placed: readonly Placed[]): Map<number, Placed[]> {
  const bySeq = new Map<number, Placed[]>();
  for (const entry of placed) {
    const group = bySeq.get(entry.event.seq);
    if (group) group.push(entry);
    else bySeq.set(entry.event.seq, [entry]);
  }
  return new Map([...bySeq].sort(([a], [b]) => a - b));
}

/** Events placed after a later seq in the same object. A duplicated seq is an insertion, not a move. */
function reorderings(placed: readonly Placed[], bySeq: Map<number, Placed[]>): AuditProblem[] {
  const problems: AuditProblem[] = [];
  let highest = 0;
  for (const [index, entry] of placed.entries()) {
    if (placed[index - 1]?.key !== entry.key) highest = 0;
    const { seq } = entry.event;
    if (seq < highest && bySeq.get(seq)!.length === 1) {
      problems.push({ kind: 'event_reordered', event: seq, object: entry.key, detail: `line ${entry.line} holds event ${seq} after event ${highest}` });
    }
    highest = Math.max(highest, seq);
  }
  return problems;
}

/**
 * One event per seq. Where several claim a seq, the chain's own event is the one the next event
 * links to (or, failing that, one that links to the event before); the others are inserted.
 */
function pickChain(bySeq: Map<number, Placed[]>, problems: AuditProblem[]): Placed[] {
  const chain: Placed[] = [];
  for (const [seq, candidates] of bySeq) {
    let chosen = candidates[0]!;
    if (candidates.length > 1) {
      const linkedFromNext = new Set((bySeq.get(seq + 1) ?? []).map((next) => next.event.prevHash));
      const before = chain.at(-1);
      chosen =
        candidates.find((entry) => entry.intact && linkedFromNext.has(entry.event.hash)) ??
        candidates.find((entry) => entry.intact && before?.event.seq === seq - 1 && entry.event.prevHash === before.event.hash) ??
        candidates.find((entry) => entry.intact) ??
        chosen;
      for (const other of candidates.filter((entry) => entry !== chosen)) {
        problems.push({ kind: 'event_inserted', event: seq, object: other.key, detail: `line ${other.line} is a second event ${seq}, not the one the chain goes through` });
      }
    }
    chain.push(chosen);
  }
  return chain;
}

/**
 * Hashes and links along the chain. An event whose hash is wrong is altered. Where an intact event
 * does not link to an intact predecessor, one of the two is not the chain's: the one the chain
 * continues from is genuine (its successor links to it), so the other is inserted; with no
 * evidence either way, the link itself is reported broken.
 */
function linkProblems(chain: readonly Placed[]): AuditProblem[] {
  const problems: AuditProblem[] = [];
  const linkedBack = new Set<Placed>();
  const at = (entry: Placed) => ({ event: entry.event.seq, object: entry.key });
  for (const [index, entry] of chain.entries()) {
    const previous = chain[index - 1];
    const next = chain[index + 1];
    const { seq, prevHash, hash } = entry.event;
    if (!entry.intact) {
      problems.push({ kind: 'event_altered', ...at(entry), detail: `event ${seq}'s hash does not match its content` });
      continue;
    }
    if (seq === 1) {
      if (prevHash === GENESIS_HASH) linkedBack.add(entry);
      else problems.push({ kind: 'chain_broken', ...at(entry), detail: 'event 1 does not start from the genesis hash' });
      continue;
    }
    // After a gap (or at the start of the range) there is nothing to link to; the gap is reported on its own.
    if (!previous || previous.event.seq !== seq - 1) continue;
    if (prevHash === previous.event.hash) {
      linkedBack.add(entry);
      continue;
    }
    if (!previous.intact) continue;
    const continuesFromHere = next?.event.seq === seq + 1 && next.event.prevHash === hash;
    if (continuesFromHere) {
      problems.push({ kind: 'event_inserted', ...at(previous), detail: `event ${seq - 1} is not the one event ${seq} links to` });
    } else if (linkedBack.has(previous)) {
      problems.push({ kind: 'event_inserted', ...at(entry), detail: `event ${seq} does not link to event ${seq - 1} although its hash is intact` });
    } else {
      problems.push({ kind: 'chain_broken', ...at(entry), detail: `event ${seq}'s prevHash does not match event ${seq - 1}'s hash` });
    }
  }
  return problems;
}

/** Seqs with no event: between the chain's events, and within the ranges the objects' names claim. */
function gaps(objects: readonly ObjectLines[], chain: readonly Placed[]): AuditProblem[] {
  const seqs = [...chain.map((entry) => entry.event.seq), ...objects.flatMap((object) => [object.firstSeq, object.lastSeq])];
  if (seqs.length === 0) return [];
  const present = new Set(chain.map((entry) => entry.event.seq));
  const problems: AuditProblem[] = [];
  const last = seqs.reduce((a, b) => Math.max(a, b));
  for (let seq = seqs.reduce((a, b) => Math.min(a, b)); seq <= last; seq++) {
    if (present.has(seq)) continue;
    let end = seq;
    while (end + 1 <= last && !present.has(end + 1)) end++;
    const holder = objects.find((object) => object.firstSeq <= seq && seq <= object.lastSeq);
    problems.push({
      kind: 'event_missing',
      event: seq,
      ...(holder ? { object: holder.key } : {}),
      detail: end === seq ? `event ${seq} is missing` : `events ${seq}–${end} are missing`,
    });
    seq = end;
  }
  return problems;
}

/** One problem per kind and event or object: an impostor can be blamed from both of its links. */
function dedupe(problems: readonly AuditProblem[]): AuditProblem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const id = `${problem.kind}|${problem.event ?? ''}|${problem.object ?? ''}|${problem.event === undefined ? problem.detail : ''}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
