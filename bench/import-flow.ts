/**
 * A contacts import through the API as a client makes it (upload URL, preview, mapping, dry run
 * and commit, each polling the job until the worker is done), timed step by step: used by
 * `npm run bench:import` and by `npm run bench` for its import figure.
 */

export interface ImportStep {
  run: string;
  step: string;
  seconds: number;
  /** Rows per second, for the steps that go through the rows. */
  rowsPerSecond?: number;
  result: string;
}

export interface ImportFlowOptions {
  apiUrl: string;
  rows: number;
  /** Runs a dry run before each commit. */
  dryRun: boolean;
  /** Imports the same file a second time (every row skipped). */
  again: boolean;
  /** Called as each step ends (to print it at once). */
  onStep?: (step: ImportStep) => void;
}

/** A HubSpot-style export: every row valid and distinct. */
export function generatedCsv(count: number): string {
  // A distinct, valid London number per row (020 7xxx xxxx), so rows are neither refused nor duplicates.
  const phoneOf = (i: number) => {
    const digits = String(i).padStart(7, '0');
    return `+44 20 7${digits.slice(0, 3)} ${digits.slice(3)}`;
  };
  const lines = ['First Name,Last Name,Email Address,Phone Number,Company Name,Job Title,Tags,Notes'];
  for (let i = 1; i <= count; i++) {
    lines.push(`First${i},Last${i},person${i}@bench.example,${phoneOf(i)},Company ${i % 500},Buyer,"vip; newsletter","Met at the fair, row ${i}"`);
  }
  return `${lines.join('\n')}\n`;
}

/** Signs a new workspace up, imports `rows` generated contacts into it, and returns each step's time. */
export async function importThroughApi(options: ImportFlowOptions): Promise<{ tenantId: string; csvBytes: number; steps: ImportStep[] }> {
  const { apiUrl, rows } = options;
  const call = apiCaller(apiUrl);
  const signup = { companyName: 'Bench Co', name: 'Bench', email: `bench-import-${Date.now()}@example.com`, password: 'Bench-Passw0rd' };
  const tenant = await call('POST', '/v1/signup', signup);
  const { accessToken: token } = await call('POST', '/v1/auth/login', { email: signup.email, password: signup.password });
  const csv = generatedCsv(rows);
  const steps: ImportStep[] = [];
  const runs = options.again ? ['first import', 'same file again'] : ['first import'];

  for (const run of runs) {
    const timed = async <T>(step: string, action: () => Promise<T>, result: (value: T) => string, perRow = true) => {
      const start = performance.now();
      const value = await action();
      const seconds = (performance.now() - start) / 1000;
      const done: ImportStep = { run, step, seconds, ...(perRow ? { rowsPerSecond: rows / seconds } : {}), result: result(value) };
      steps.push(done);
      options.onStep?.(done);
      return value;
    };
    const created = await call('POST', '/v1/imports', { entity: 'contacts', fileName: 'bench.csv' }, token);
    await timed('upload (presigned PUT)', () => fetch(created.upload.url, { method: 'PUT', body: csv, headers: created.upload.headers }), (response) => String(response.status), false);
    const preview = await call('GET', `/v1/imports/${created.id}/preview`, undefined, token);
    await call('PUT', `/v1/imports/${created.id}/mapping`, { columns: preview.suggestedMapping }, token);
    /** Polls the job until it reaches one of `statuses`. */
    const settled = async (statuses: string[]) => {
      for (;;) {
        const job = await call('GET', `/v1/imports/${created.id}`, undefined, token);
        if (statuses.includes(job.status)) return job;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    };
    if (options.dryRun) {
      await timed(
        'dry run (validating → validated)',
        async () => {
          await call('POST', `/v1/imports/${created.id}/dry-run`, undefined, token);
          return settled(['validated', 'failed']);
        },
        (job) => (job.dryRun ? `${job.dryRun.valid} valid, ${job.dryRun.alreadyImported} imported before, ${job.dryRun.duplicateCount} duplicates` : `${job.status}: ${job.failure}`),
      );
    }
    await timed(
      'import (commit → completed)',
      async () => {
        await call('POST', `/v1/imports/${created.id}/commit`, undefined, token);
        return settled(['completed', 'failed']);
      },
      (job) => `${job.status}: ${job.progress.created} created, ${job.progress.skipped} skipped, ${job.progress.failed} failed`,
    );
  }
  return { tenantId: tenant.tenantId, csvBytes: Buffer.byteLength(csv), steps };
}

/** JSON calls to the API; anything but 2xx is an error naming the route and the answer. */
export function apiCaller(apiUrl: string) {
  return async (method: string, path: string, body?: unknown, token?: string) => {
    const response = await fetch(`${apiUrl}${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
    return response.json() as Promise<any>;
  };
}
