import { writeSection } from '../harden/sections';
import type { Failure, FuzzResult } from './fuzzer';

/** A failure as the test prints it: enough to send the request again by hand. */
export function describeFailure(failure: Failure): string {
  const { request } = failure;
  return [
    `#${failure.index} ${request.operation}: ${failure.problem}`,
    `  ${request.method} ${request.path} as ${request.caller}${request.mutation ? ` (broken: ${request.mutation})` : ''}`,
    ...Object.entries(request.headers).map(([name, value]) => `  ${name}: ${value}`),
    ...(request.body === undefined ? [] : [`  body: ${request.body}`]),
    `  → ${failure.status} ${failure.body}`,
  ].join('\n');
}

/** The run's counts over every operation. */
export function totalsOf(result: FuzzResult) {
  const total = (pick: (operation: FuzzResult['operations'][number]) => number) => result.operations.reduce((sum, operation) => sum + pick(operation), 0);
  return {
    valid: total((operation) => operation.valid),
    serverErrors: total((operation) => operation.serverErrors),
    writesOn4xx: total((operation) => operation.writesOn4xx),
    contractViolations: total((operation) => operation.contractViolations),
  };
}

/** The fuzz run as a section of the hardening report. */
export function writeFuzzSection(result: FuzzResult): string {
  const totals = totalsOf(result);
  return writeSection({
    section: 'fuzz',
    title: 'Fuzz: generated requests over every operation of the OpenAPI document',
    generatedAt: new Date().toISOString(),
    command: `FUZZ_RUNS=${result.requests} FUZZ_SEED=${result.seed} npm run fuzz`,
    summary: {
      seed: result.seed,
      operations: result.operations.length,
      requests: result.requests,
      validRequests: totals.valid,
      serverErrors: totals.serverErrors,
      writesOn4xx: totals.writesOn4xx,
      contractViolations: totals.contractViolations,
      failures: result.failures.length,
      durationSeconds: Math.round(result.durationMs / 100) / 10,
      generationSeconds: Math.round(result.generationMs / 100) / 10,
    },
    notes: result.failures.slice(0, 50).map((failure) => `${failure.request.operation}: ${failure.problem} — ${failure.request.method} ${failure.request.path.slice(0, 200)}`),
    table: {
      columns: ['operation', 'requests', 'valid', '5xx', 'writes on 4xx', 'contract', 'ms/request', 'statuses seen'],
      rows: result.operations.map((operation) => [
        operation.operation,
        operation.requests,
        operation.valid,
        operation.serverErrors,
        operation.writesOn4xx,
        operation.contractViolations,
        Math.round(operation.durationMs / Math.max(operation.requests, 1)),
        Object.entries(operation.statuses)
          .map(([status, count]) => `${status}×${count}`)
          .join(' '),
      ]),
    },
  });
}
