import { Progress, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { unwrap, useApi } from '../../api';
import { ErrorState } from '../../components/states';
import { Page } from '../../shell/page';
import { useActorNames, useVerify, type AuditEvent, type Verification } from './audit-queries';
import { lastDays, periodQuery, type PeriodDays } from './period';
import { PeriodForm } from './period-form';
import type { ReportedProblem } from './problem-words';
import { VerifyResult } from './verify-result';

/** The log holds at most 31 days per request and pages of 200: enough to place the problems of a normal period. */
const LOOKUP_DAYS = 31;
const LOOKUP_PAGES = 10;

/**
 * The events the problems name (by seq, or by id before they have one), read from the audit log
 * of the period's last 31 days, so each problem can say which record it belongs to and when.
 */
function useProblemEvents(period: PeriodDays, verification: Verification | undefined) {
  const { client } = useApi();
  const wanted = (verification?.problems ?? []).flatMap((problem) => (problem.event !== undefined ? [String(problem.event)] : problem.eventId ? [problem.eventId] : []));
  return useQuery({
    queryKey: ['audit', 'problem-events', period, wanted],
    enabled: wanted.length > 0,
    queryFn: async () => {
      const found = new Map<string, AuditEvent>();
      const query = periodQuery(period);
      const from = new Date(Math.max(new Date(query.from).getTime(), new Date(query.to).getTime() - LOOKUP_DAYS * 86_400_000 + 1)).toISOString();
      let cursor: string | undefined;
      for (let page = 0; page < LOOKUP_PAGES; page += 1) {
        const answer = await unwrap(client.GET('/v1/audit/events', { params: { query: { from, to: query.to, limit: 200, ...(cursor ? { cursor } : {}) } } }));
        for (const event of answer.items) {
          if (event.seq !== undefined) found.set(String(event.seq), event);
          found.set(event.eventId, event);
        }
        if (!answer.nextCursor || wanted.every((key) => found.has(key))) break;
        cursor = answer.nextCursor;
      }
      return found;
    },
  });
}

/** Seconds since `running` became true, to show that a long verification is still at work. */
function useElapsed(running: boolean) {
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    if (!running) return;
    setSeconds(0);
    const timer = setInterval(() => setSeconds((value) => value + 1), 1000);
    return () => clearInterval(timer);
  }, [running]);
  return seconds;
}

/** Verify a period: the chain, the archived objects, the signed digests and checkpoints, every problem in words. */
export default function VerifyPage() {
  const verify = useVerify();
  const [period, setPeriod] = useState<PeriodDays>(() => lastDays(1));
  const verified = verify.isSuccess ? (verify.variables ?? period) : period;
  const events = useProblemEvents(verified, verify.data);
  const actorName = useActorNames();
  const elapsed = useElapsed(verify.isPending);
  const eventOf = (problem: ReportedProblem) => {
    const key = problem.event !== undefined ? String(problem.event) : problem.eventId;
    return key ? events.data?.get(key) : undefined;
  };

  return (
    <Page title="Verify the audit trail">
      <Text>
        Rapport checks that every event of the period is still exactly as it was written: each event’s hash and its link to the one before, the archived files against the fingerprints the
        signed digests list, and the archived events against the signed checkpoints. Anything changed, removed, reordered or added is named below.
      </Text>
      <PeriodForm
        initial={period}
        submitLabel="Verify this period"
        busy={verify.isPending}
        error={verify.error}
        onSubmit={(next) => {
          setPeriod(next);
          verify.mutate(next);
        }}
      />
      {verify.isPending ? (
        <Stack gap="xs" role="status" aria-live="polite">
          <Text>Verifying: reading the archive, checking every hash, link and signature… {elapsed > 0 ? `${elapsed} s` : ''}</Text>
          <Progress value={100} animated striped aria-label="Verification in progress" />
        </Stack>
      ) : null}
      {verify.isError ? <ErrorState error={verify.error} onRetry={() => verify.mutate(period)} /> : null}
      {verify.isSuccess ? <VerifyResult verification={verify.data} period={verified} eventOf={eventOf} actorName={actorName} /> : null}
      {!verify.isPending && !verify.isSuccess && !verify.isError ? (
        <Text c="dimmed">Choose the days to check, then verify. A day takes seconds; a year may take a minute.</Text>
      ) : null}
    </Page>
  );
}
