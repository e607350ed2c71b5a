/** Runs `total` calls of `call` with `concurrency` in flight, and reports latency and throughput. */
export interface LoadResult {
  count: number;
  errors: number;
  p50Ms: number;
  p95Ms: number;
  perSecond: number;
}

export async function runLoad(total: number, concurrency: number, call: (index: number) => Promise<boolean>): Promise<LoadResult> {
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < total) {
      const index = next++;
      const before = performance.now();
      const okay = await call(index).catch(() => false);
      latencies.push(performance.now() - before);
      if (!okay) errors++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsedMs = performance.now() - started;
  latencies.sort((a, b) => a - b);
  const percentile = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
  return { count: total, errors, p50Ms: percentile(50), p95Ms: percentile(95), perSecond: (total / elapsedMs) * 1000 };
}
