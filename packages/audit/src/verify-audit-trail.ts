import type { S3Client } from '@aws-sdk/client-s3';
import {
  datesBetween,
  dayBefore,
  eventsDatePrefix,
  parseDigestKey,
  parseEventsObjectKey,
  tenantDigestsPrefix,
  type EventsObjectName,
} from './archive-layout';
import type { AuditProblem, AuditTrailVerification } from './audit-problems';
import { checkDigestChain, type DigestChainCheck } from './digest-chain-check';
import { checkEventChain, type ObjectLines } from './event-chain-check';
import { ArchiveUnreadableError } from './errors';
import { decodeEventLines, sha256Hex } from './event-lines';
import { getBytes, listKeys, mapWithConcurrency } from './s3-objects';

export interface VerifyAuditTrailOptions {
  s3: S3Client;
  bucket: string;
  tenantId: string;
  from: Date;
  to: Date;
  /** The digest signer's public key (SPKI PEM): `DigestSigner.publicKeyPem()`. */
  publicKeyPem: string;
  /**
   * The latest digest as known from outside the bucket (the table's digested marker, or what an
   * auditor noted): without it, deleting the newest digests would only turn the objects they
   * covered into pending ones.
   */
  latestDigest?: { key: string; sha256: string };
  /** S3 reads in flight at once. */
  concurrency?: number;
}

/**
 * Checks a tenant's archived audit trail between two times, from S3 alone: every digest (signature
 * and link to the one before), each events object dated within the range (and the day before, to
 * link across the boundary) against the digest that lists it, and every event's hash, seq and link.
 * Each problem names the event or object it is about.
 */
export async function verifyAuditTrail(options: VerifyAuditTrailOptions): Promise<AuditTrailVerification> {
  const { s3, bucket, tenantId } = options;
  const concurrency = options.concurrency ?? 8;

  const digestKeys = (await listKeys(s3, bucket, tenantDigestsPrefix(tenantId))).filter((key) => parseDigestKey(key) !== null);
  const digests = await mapWithConcurrency(digestKeys, concurrency, async (key) => ({ key, bytes: await getBytes(s3, bucket, key) }));
  const digestCheck = checkDigestChain(tenantId, digests, options.publicKeyPem);
  const problems: AuditProblem[] = [...digestCheck.problems];
  if (options.latestDigest) problems.push(...anchorProblems(options.latestDigest, digests));

  const dates = datesBetween(dayBefore(options.from), options.to);
  const listedKeys = (await mapWithConcurrency(dates, concurrency, (date) => listKeys(s3, bucket, eventsDatePrefix(tenantId, date)))).flat();
  const present: Array<{ key: string; name: EventsObjectName }> = [];
  for (const key of listedKeys) {
    const name = parseEventsObjectKey(key);
    if (name?.tenantId === tenantId) present.push({ key, name });
    else problems.push({ kind: 'object_unlisted', object: key, detail: 'not an events object name' });
  }
  problems.push(...missingObjects(digestCheck, new Set(dates), new Set(listedKeys)));

  let pendingObjects = 0;
  const read = await mapWithConcurrency(present, concurrency, async ({ key, name }) => {
    const bytes = await getBytes(s3, bucket, key);
    if (!bytes) return { problem: { kind: 'object_missing', object: key, detail: 'it vanished while being read' } as AuditProblem };
    const listed = digestCheck.listed.get(key);
    let problem: AuditProblem | undefined;
    if (listed?.trusted && sha256Hex(bytes) !== listed.sha256) {
      problem = { kind: 'object_altered', object: key, detail: `its SHA-256 differs from the one ${listed.digestKey} lists` };
    } else if (!listed && name.firstSeq <= digestCheck.lastDigestedSeq) {
      // Older than the last digest yet in none: not part of the signed trail, so its events are not read into the chain.
      return { problem: { kind: 'object_unlisted', object: key, detail: 'no digest lists it though it is older than the last digest' } as AuditProblem };
    } else if (!listed) {
      pendingObjects += 1;
    }
    try {
      return { problem, object: { key, firstSeq: name.firstSeq, lastSeq: name.lastSeq, lines: decodeEventLines(key, bytes) } satisfies ObjectLines };
    } catch (error) {
      if (!(error instanceof ArchiveUnreadableError)) throw error;
      return { problem: problem ?? { kind: 'object_unreadable', object: key, detail: 'it is not gzip' } };
    }
  });
  const objects: ObjectLines[] = [];
  for (const result of read) {
    if (result.problem) problems.push(result.problem);
    if ('object' in result && result.object) objects.push(result.object);
  }
  objects.sort((a, b) => a.firstSeq - b.firstSeq || a.key.localeCompare(b.key));

  const chain = checkEventChain(objects);
  problems.push(...chain.problems);
  const from = options.from.getTime();
  const to = options.to.getTime();
  const events = chain.events.filter((event) => {
    const time = Date.parse(event.time);
    return time >= from && time <= to;
  }).length;

  return {
    ok: problems.length === 0,
    checked: { events, objects: present.length, digests: digests.length },
    pendingObjects,
    problems,
  };
}

/** Objects a digest lists, dated within the dates read, that the archive does not hold. */
function missingObjects(digestCheck: DigestChainCheck, dates: Set<string>, present: Set<string>): AuditProblem[] {
  return [...digestCheck.listed.values()]
    .filter((object) => !present.has(object.key) && dates.has(parseEventsObjectKey(object.key)?.date ?? ''))
    .map((object) => ({ kind: 'object_missing', object: object.key, detail: `${object.digestKey} lists it` }));
}

/** The latest digest known from outside must still be there, unchanged (later ones may follow it). */
function anchorProblems(latest: { key: string; sha256: string }, digests: ReadonlyArray<{ key: string; bytes: Buffer | null }>): AuditProblem[] {
  const found = digests.find((digest) => digest.key === latest.key);
  if (!found?.bytes) return [{ kind: 'digest_chain_broken', object: latest.key, detail: 'the latest digest known is missing' }];
  if (sha256Hex(found.bytes) !== latest.sha256) return [{ kind: 'digest_chain_broken', object: latest.key, detail: 'the latest digest known has changed' }];
  return [];
}
