import { Alert, Card, Code, Stack, Text, Title } from '@mantine/core';
import type { AuditEvent, Verification } from './audit-queries';
import { periodWords, when, type PeriodDays } from './period';
import { subjectWords, wordsFor, type ReportedProblem } from './problem-words';

/** A coloured alert's title in the text colour: Mantine's light title colours fall below AA contrast. */
const ALERT_TEXT = { title: { color: 'var(--mantine-color-text)' } };

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The record an event is about, in words: "contact 01H…", or none. */
export function recordWords(event: Pick<AuditEvent, 'target'>): string {
  return event.target ? `${event.target.type} ${event.target.id}` : 'no single record';
}

function ProblemItem({ problem, eventOf, actorName }: { problem: ReportedProblem; eventOf: (problem: ReportedProblem) => AuditEvent | undefined; actorName: (userId: string | null) => string }) {
  const words = wordsFor(problem.kind);
  const event = eventOf(problem);
  return (
    <Card withBorder padding="md" component="li" data-kind={problem.kind}>
      <Stack gap={6}>
        <Title order={3} size="h5">
          {words.title}
        </Title>
        <Text>
          <strong>Where: </strong>
          {subjectWords(problem)}.
        </Text>
        {event ? (
          <Text>
            <strong>Record and time: </strong>
            {event.action} on {recordWords(event)}, by {actorName(event.actor.userId)}, at {when(event.time)}.
          </Text>
        ) : null}
        <Text>
          <strong>Evidence: </strong>
          {problem.detail}.
        </Text>
        {problem.object ? (
          <Text size="sm">
            Archive key: <Code style={{ overflowWrap: 'anywhere' }}>{problem.object}</Code>
          </Text>
        ) : null}
        <Text size="sm" c="dimmed">
          {words.meaning}
        </Text>
      </Stack>
    </Card>
  );
}

/**
 * A verification in words: that the period's trail is intact, or every problem pinpointed — which
 * event or archived object, what kind of problem, the verifier's evidence, and the record and time
 * the event belongs to when the log has it (`eventOf`).
 */
export function VerifyResult({
  verification,
  period,
  eventOf = () => undefined,
  actorName = (userId) => userId ?? 'Rapport itself',
}: {
  verification: Verification;
  period: PeriodDays;
  eventOf?: (problem: ReportedProblem) => AuditEvent | undefined;
  actorName?: (userId: string | null) => string;
}) {
  const { checked, problems } = verification;
  const scope = `Checked ${count(checked.events, 'event', 'events')} in ${count(checked.objects, 'archived object', 'archived objects')}, against ${count(checked.digests, 'signed digest', 'signed digests')} and ${count(checked.checkpoints, 'signed checkpoint', 'signed checkpoints')}.`;
  return (
    <Stack gap="md" aria-label="Verification result" role="region">
      {verification.ok ? (
        <Alert color="teal" title={`The audit trail of ${periodWords(period)} is intact`} styles={ALERT_TEXT}>
          <Text>{scope}</Text>
          <Text mt="xs">No event was changed, removed, reordered or added, and every signature checks out.</Text>
        </Alert>
      ) : (
        <Alert color="red" title={`${count(problems.length, 'problem', 'problems')} found in the audit trail of ${periodWords(period)}`} styles={ALERT_TEXT}>
          <Text>{scope}</Text>
          <Text mt="xs">Each problem below says where it is, what the evidence is and what it means. Keep the evidence export of this period before anything else changes.</Text>
        </Alert>
      )}
      {verification.pendingEvents > 0 ? (
        <Text>
          {count(verification.pendingEvents, 'event', 'events')} made in the last few minutes {verification.pendingEvents === 1 ? 'is' : 'are'} not archived yet: {verification.pendingEvents === 1 ? 'it is' : 'they are'} checked
          once archived.
        </Text>
      ) : null}
      {verification.pendingObjects > 0 ? (
        <Text>
          {count(verification.pendingObjects, 'archived object is', 'archived objects are')} newer than the last signed digest: checked against the workspace’s own record until the next digest
          signs for {verification.pendingObjects === 1 ? 'it' : 'them'}.
        </Text>
      ) : null}
      {verification.supersededObjects > 0 ? (
        <Text>
          {count(verification.supersededObjects, 'archived object was', 'archived objects were')} written by an archiving run that another run overtook; Rapport records{' '}
          {verification.supersededObjects === 1 ? 'it' : 'them'} as such, outside the trail.
        </Text>
      ) : null}
      {problems.length > 0 ? (
        <Stack component="ul" gap="sm" aria-label="Problems found" p={0} m={0} style={{ listStyle: 'none' }}>
          {problems.map((problem, index) => (
            <ProblemItem key={`${problem.kind}-${problem.event ?? problem.eventId ?? problem.object ?? ''}-${index}`} problem={problem} eventOf={eventOf} actorName={actorName} />
          ))}
        </Stack>
      ) : null}
    </Stack>
  );
}
