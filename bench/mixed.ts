/**
 * A mixed contacts workload: each client of a tenant creates, reads, lists and updates that
 * tenant's contacts for a fixed time, then stops by itself. Used to compare one tenant alone with
 * many tenants at once (a tenant's people must not wait on other tenants').
 */

export interface MixedTenant {
  name: string;
  token: string;
}

export interface TenantLoad {
  tenant: string;
  requests: number;
  errors: number;
  perSecond: number;
  p50Ms: number;
  p95Ms: number;
  /** The first few errors (route and status, never a body with personal data). */
  samples: string[];
}

export interface MixedLoadOptions {
  apiUrl: string;
  tenants: readonly MixedTenant[];
  clientsPerTenant: number;
  seconds: number;
  /** Longest wait for one answer; a request still open at the end is cut off here. @default 30_000 */
  requestTimeoutMs?: number;
}

/** The mix, out of 10 operations: 3 creates, 4 reads by id, 1 list page, 2 updates. */
const MIX = ['create', 'get', 'get', 'list', 'create', 'get', 'patch', 'get', 'create', 'patch'] as const;

/** Runs every tenant's clients at once for `seconds`, and reports each tenant's throughput and errors. */
export async function runMixedLoad(options: MixedLoadOptions): Promise<TenantLoad[]> {
  const timeoutMs = options.requestTimeoutMs ?? 30_000;
  const deadline = performance.now() + options.seconds * 1000;
  const started = performance.now();
  const loads = await Promise.all(
    options.tenants.map(async (tenant) => {
      const ids: string[] = [];
      const latencies: number[] = [];
      const samples: string[] = [];
      let errors = 0;
      const headers = { authorization: `Bearer ${tenant.token}`, 'content-type': 'application/json' };
      const call = async (method: string, path: string, body?: unknown): Promise<any> => {
        const before = performance.now();
        try {
          const response = await fetch(`${options.apiUrl}${path}`, {
            method,
            headers,
            ...(body === undefined ? {} : { body: JSON.stringify(body) }),
            signal: AbortSignal.timeout(timeoutMs),
          });
          const answer = response.headers.get('content-type')?.startsWith('application/json') ? await response.json() : await response.arrayBuffer();
          latencies.push(performance.now() - before);
          if (!response.ok) {
            errors++;
            if (samples.length < 5) samples.push(`${method} ${path.replace(/[0-9A-HJKMNP-TV-Z]{26}/g, '{id}')} answered ${response.status}`);
            return undefined;
          }
          return answer;
        } catch (error) {
          latencies.push(performance.now() - before);
          errors++;
          if (samples.length < 5) samples.push(`${method} ${path.replace(/[0-9A-HJKMNP-TV-Z]{26}/g, '{id}')}: ${(error as Error).name}`);
          return undefined;
        }
      };
      const client = async (clientIndex: number) => {
        for (let n = clientIndex; performance.now() < deadline; n++) {
          const operation = ids.length === 0 ? 'create' : MIX[n % MIX.length]!;
          const id = ids[(n * 7919) % Math.max(1, ids.length)];
          switch (operation) {
            case 'create': {
              const created = await call('POST', '/v1/contacts', { firstName: `Mixed ${clientIndex}-${n}`, lastName: tenant.name, email: `mixed-${clientIndex}-${n}@example.com`, tags: ['bench'] });
              if (created?.id) ids.push(created.id);
              break;
            }
            case 'get':
              await call('GET', `/v1/contacts/${id}`);
              break;
            case 'list':
              await call('GET', '/v1/contacts?limit=25');
              break;
            case 'patch':
              await call('PATCH', `/v1/contacts/${id}`, { title: `Title ${n}` });
              break;
          }
        }
      };
      await Promise.all(Array.from({ length: options.clientsPerTenant }, (_, index) => client(index)));
      return { tenant, latencies, errors, samples };
    }),
  );
  const elapsedSeconds = (performance.now() - started) / 1000;
  return loads.map(({ tenant, latencies, errors, samples }) => {
    latencies.sort((a, b) => a - b);
    const percentile = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
    return { tenant: tenant.name, requests: latencies.length, errors, perSecond: latencies.length / elapsedSeconds, p50Ms: percentile(50), p95Ms: percentile(95), samples };
  });
}
