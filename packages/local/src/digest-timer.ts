export interface DigestTimerOptions {
  /** The job, e.g. the digest handler; a rejection is reported and the timer goes on. */
  run: () => Promise<unknown>;
  /** Time between the end of one run and the start of the next. */
  intervalMs?: number;
  onError?: (error: unknown) => void;
}

export interface DigestTimer {
  /** Cancels the next run and waits for the one in progress, if any. */
  stop(): Promise<void>;
}

/** Locally, digests are written every minute (EventBridge's schedule in AWS). */
export const LOCAL_DIGEST_INTERVAL_MS = 60_000;

/**
 * The local stand-in for a scheduled rule: runs a job every `intervalMs`. The next run is
 * scheduled only when the current one ends, so runs never overlap however long one takes; two
 * digest runs at once would race for the same markers.
 */
export function startDigestTimer(options: DigestTimerOptions): DigestTimer {
  const intervalMs = options.intervalMs ?? LOCAL_DIGEST_INTERVAL_MS;
  const onError = options.onError ?? ((error: unknown) => console.error('The scheduled audit job failed', error));
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = options
        .run()
        .then(
          () => undefined,
          (error: unknown) => onError(error),
        )
        .finally(() => {
          running = undefined;
          schedule();
        });
    }, intervalMs);
    // A pending timer alone must not keep the process (or a test worker) alive.
    timer.unref();
  };
  schedule();

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
