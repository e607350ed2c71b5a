/** Runs tasks with at most `concurrency` in flight. */
export async function runAll(tasks: (() => Promise<void>)[], concurrency: number): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < tasks.length) await tasks[next++]!();
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, tasks.length) }, lane));
}
