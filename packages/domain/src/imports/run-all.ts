/**
 * Runs tasks with at most `concurrency` in flight. After a task fails no new one starts, and the
 * first error is thrown once the tasks in flight have settled, so nothing of the run is still
 * writing when the caller sees it fail.
 */
export async function runAll(tasks: (() => Promise<void>)[], concurrency: number): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const lane = async () => {
    while (!failure && next < tasks.length) {
      try {
        await tasks[next++]!();
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, tasks.length) }, lane));
  if (failure) throw failure.error;
}
