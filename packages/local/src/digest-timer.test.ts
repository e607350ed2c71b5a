import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startDigestTimer } from './digest-timer';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('startDigestTimer', () => {
  it('runs the job once per interval', async () => {
    // Prepare
    const run = vi.fn(async () => undefined);
    const timer = startDigestTimer({ run, intervalMs: 1000 });

    // Act
    await vi.advanceTimersByTimeAsync(3500);

    // Assess
    expect(run).toHaveBeenCalledTimes(3);
    await timer.stop();
  });

  it('never starts a run while the previous one is still going', async () => {
    // Prepare
    let active = 0;
    let mostAtOnce = 0;
    const run = vi.fn(async () => {
      active += 1;
      mostAtOnce = Math.max(mostAtOnce, active);
      await new Promise((resolve) => setTimeout(resolve, 2500));
      active -= 1;
    });
    const timer = startDigestTimer({ run, intervalMs: 1000 });

    // Act
    await vi.advanceTimersByTimeAsync(10_000);

    // Assess: each run takes 2.5 s and the next starts 1 s after it ends (at 1, 4.5 and 8 s).
    expect(mostAtOnce).toBe(1);
    expect(run).toHaveBeenCalledTimes(3);
    const stopping = timer.stop();
    await vi.advanceTimersByTimeAsync(2500);
    await stopping;
  });

  it('reports a failed run and keeps going', async () => {
    // Prepare
    const failure = new Error('S3 unavailable');
    const run = vi.fn().mockRejectedValueOnce(failure).mockResolvedValue(undefined);
    const onError = vi.fn();
    const timer = startDigestTimer({ run, intervalMs: 1000, onError });

    // Act
    await vi.advanceTimersByTimeAsync(2100);

    // Assess
    expect(onError).toHaveBeenCalledExactlyOnceWith(failure);
    expect(run).toHaveBeenCalledTimes(2);
    await timer.stop();
  });

  it('waits on stop for the run in progress, and runs no more', async () => {
    // Prepare
    let finished = false;
    const run = vi.fn(async () => {
      await new Promise((resolve) => setTimeout(resolve, 500));
      finished = true;
    });
    const timer = startDigestTimer({ run, intervalMs: 1000 });
    await vi.advanceTimersByTimeAsync(1100);

    // Act
    const stopping = timer.stop();
    await vi.advanceTimersByTimeAsync(500);
    await stopping;
    await vi.advanceTimersByTimeAsync(5000);

    // Assess
    expect(finished).toBe(true);
    expect(run).toHaveBeenCalledTimes(1);
  });
});
