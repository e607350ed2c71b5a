/** Runs `work` on every item with at most `limit` in flight; the first failure stops the rest. */
export async function forEachLimited<T>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const index = next++;
      try {
        await work(items[index]!, index);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

/** Runs tasks, at most `limit` at once, first come first served. */
export interface Limiter {
  run<T>(task: () => Promise<T>): Promise<T>;
}

/**
 * A limit on what runs at once across everything that shares it (the loader's requests, whichever
 * phase sends them), so phases that do not depend on each other overlap and keep every slot busy.
 * After a task fails, no waiting or later task starts: each is refused with that failure.
 */
export function createLimiter(limit: number): Limiter {
  let active = 0;
  let failure: { error: unknown } | undefined;
  const waiting: (() => void)[] = [];
  const refuseAfterFailure = () => {
    if (failure) throw failure.error;
  };
  const release = () => {
    // The slot passes straight to the next in line, so a newcomer cannot take it in between.
    const next = waiting.shift();
    if (next) next();
    else active -= 1;
  };
  return {
    async run(task) {
      refuseAfterFailure();
      if (active < limit) active += 1;
      else await new Promise<void>((resolve) => waiting.push(resolve));
      try {
        refuseAfterFailure();
        return await task();
      } catch (error) {
        failure ??= { error };
        throw error;
      } finally {
        release();
      }
    },
  };
}

/** Waits for every one of `tasks` to settle, then throws the first failure: nothing is left running when it fails. */
export async function settleAll(tasks: readonly Promise<unknown>[]): Promise<void> {
  const results = await Promise.allSettled(tasks);
  const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed) throw failed.reason;
}
