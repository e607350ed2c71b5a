import { describe, expect, it } from 'vitest';
import { createLimiter, settleAll } from './concurrency';

/** A task that stays in flight until the test lets it finish. */
function heldTask(log: string[], name: string) {
  let finish!: () => void;
  let fail!: (error: Error) => void;
  const task = () =>
    new Promise<string>((resolve, reject) => {
      log.push(`start ${name}`);
      finish = () => resolve(name);
      fail = reject;
    });
  return { task, finish: () => finish(), fail: (error: Error) => fail(error) };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('createLimiter', () => {
  it('runs at most `limit` tasks at once across callers, the others in the order they came', async () => {
    // Prepare
    const limiter = createLimiter(2);
    const log: string[] = [];
    const tasks = ['a', 'b', 'c', 'd'].map((name) => heldTask(log, name));

    // Act
    const results = tasks.map(({ task }) => limiter.run(task));
    await turn();
    const startedFirst = [...log];
    tasks[1]!.finish();
    await turn();
    const afterOne = [...log];
    tasks[0]!.finish();
    await turn();
    tasks[2]!.finish();
    tasks[3]!.finish();

    // Assess
    expect(startedFirst).toEqual(['start a', 'start b']);
    expect(afterOne).toEqual(['start a', 'start b', 'start c']);
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c', 'd']);
    expect(log).toEqual(['start a', 'start b', 'start c', 'start d']);
  });

  it('starts nothing more after a task fails: waiting and later tasks are refused with that failure', async () => {
    // Prepare
    const limiter = createLimiter(1);
    const log: string[] = [];
    const [first, second] = [heldTask(log, 'first'), heldTask(log, 'second')];
    const running = limiter.run(first.task);
    const waiting = limiter.run(second.task);
    await turn();

    // Act
    first.fail(new Error('answered 400'));

    // Assess
    await expect(running).rejects.toThrow('answered 400');
    await expect(waiting).rejects.toThrow('answered 400');
    await expect(limiter.run(async () => 'later')).rejects.toThrow('answered 400');
    expect(log).toEqual(['start first']);
  });
});

describe('settleAll', () => {
  it('throws the first failure only once every task has settled', async () => {
    // Prepare
    const log: string[] = [];
    const slow = new Promise<void>((resolve) => setTimeout(() => (log.push('slow settled'), resolve()), 20));

    // Act
    const settled = settleAll([Promise.reject(new Error('first')), slow, Promise.reject(new Error('second'))]);

    // Assess
    await expect(settled).rejects.toThrow('first');
    expect(log).toEqual(['slow settled']);
  });
});
