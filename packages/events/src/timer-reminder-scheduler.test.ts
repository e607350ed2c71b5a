import type { TaskReminder } from '@rapport/domain';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TimerReminderScheduler } from './timer-reminder-scheduler';

const reminder = (dueAt: string): TaskReminder => ({ tenantId: '01JDTENANT0000000000000000', taskId: '01JDTASK000000000000000000', dueAt });

describe('TimerReminderScheduler', () => {
  beforeEach(() => vi.useFakeTimers({ now: new Date('2026-12-01T10:00:00.000Z') }));
  afterEach(() => vi.useRealTimers());

  it('fires a reminder at its due time, once, even if armed twice', async () => {
    // Prepare
    const fired: TaskReminder[] = [];
    const timers = new TimerReminderScheduler({ fire: async (r) => fired.push(r) });
    const due = reminder('2026-12-01T10:00:05.000Z');

    // Act
    await timers.arm(due);
    await timers.arm(due);
    await vi.advanceTimersByTimeAsync(4_999);
    const early = fired.length;
    await vi.advanceTimersByTimeAsync(1);

    // Assess
    expect(early).toBe(0);
    expect(fired).toEqual([due]);
    expect(timers.pending).toBe(0);
  });

  it('does not fire a disarmed reminder', async () => {
    const fired: TaskReminder[] = [];
    const timers = new TimerReminderScheduler({ fire: async (r) => fired.push(r) });
    const due = reminder('2026-12-01T10:00:05.000Z');

    await timers.arm(due);
    await timers.disarm(due);
    await vi.advanceTimersByTimeAsync(10_000);

    expect(fired).toEqual([]);
  });

  it('waits beyond the longest timer in steps', async () => {
    const fired: TaskReminder[] = [];
    const timers = new TimerReminderScheduler({ fire: async (r) => fired.push(r) });

    await timers.arm(reminder('2027-01-15T10:00:00.000Z'));
    await vi.advanceTimersByTimeAsync(30 * 86_400_000);
    const before = fired.length;
    await vi.advanceTimersByTimeAsync(15 * 86_400_000);

    expect(before).toBe(0);
    expect(fired).toHaveLength(1);
  });
});
