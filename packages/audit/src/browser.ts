/**
 * The part of the audit package a browser may load: what the verifier's problems are (types only)
 * and what an archive key says about the object it names. The web console puts a verification in
 * words with these, so a new problem kind cannot ship without its sentence (the console's map is
 * typed against `ProblemKind`). Everything reachable from here is pure TypeScript with no imports
 * (an architecture test holds it to that).
 */
export type { AuditProblem, AuditTrailVerification, ProblemKind } from './audit-problems';
export { parseCheckpointKey, parseDigestKey, parseEventsObjectKey, type EventsObjectName } from './archive-layout';
