import type { ReminderScheduler, TaskReminder } from '@rapport/domain';
import { reminderScheduleName } from './reminder-schedule';

/** setTimeout's longest delay (about 24.8 days); longer waits are taken in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface TimerReminderSchedulerOptions {
  /** Fires one reminder: the same code the fire-reminder function runs. */
  fire: (reminder: TaskReminder) => Promise<unknown>;
  now?: () => number;
  onError?: (error: unknown) => void;
}

/**
 * Reminders as timers in this process: the local stand-in for EventBridge Scheduler. Timers do not
 * survive a restart; the local stack catches up on start from the index of armed reminders.
 */
export class TimerReminderScheduler implements ReminderScheduler {
  readonly #timers = new Map<string, NodeJS.Timeout>();
  readonly #fire: TimerReminderSchedulerOptions['fire'];
  readonly #now: () => number;
  readonly #onError: (error: unknown) => void;

  constructor(options: TimerReminderSchedulerOptions) {
    this.#fire = options.fire;
    this.#now = options.now ?? Date.now;
    this.#onError = options.onError ?? ((error) => console.error('A task reminder failed to fire', error));
  }

  async arm(reminder: TaskReminder): Promise<void> {
    const name = reminderScheduleName(reminder);
    if (this.#timers.has(name)) return;
    this.#wait(name, reminder);
  }

  async disarm(reminder: TaskReminder): Promise<void> {
    const name = reminderScheduleName(reminder);
    clearTimeout(this.#timers.get(name));
    this.#timers.delete(name);
  }

  /** How many reminders are waiting. */
  get pending(): number {
    return this.#timers.size;
  }

  #wait(name: string, reminder: TaskReminder): void {
    const delay = Math.max(0, Date.parse(reminder.dueAt) - this.#now());
    const timer = setTimeout(() => {
      if (delay > MAX_TIMER_MS) return this.#wait(name, reminder);
      this.#timers.delete(name);
      this.#fire(reminder).catch(this.#onError);
    }, Math.min(delay, MAX_TIMER_MS));
    // A pending reminder alone must not keep the process (or a test worker) alive.
    timer.unref();
    this.#timers.set(name, timer);
  }
}
