import type { Audited } from '../access/ports';
import type { Page } from '../contacts/ports';
import type { Task, TaskReminder, TaskStatus } from './task';

/** Which tasks a list reads: one status partition of the due-ordered index, optionally narrowed. */
export interface TaskListing {
  status: TaskStatus;
  /** One assignee's tasks (their own index partition). */
  assigneeId?: string;
  /** Tasks linked to one contact: a bounded filter on the partition read. */
  contactId?: string;
  /** Due at or after this instant (ISO, UTC). */
  dueFrom?: string;
  /** Due before this instant (ISO, UTC; exclusive). */
  dueBefore?: string;
  limit: number;
  /** The cursor position: the last `dueAt#id` returned. */
  after?: string;
}

/** A tenant's tasks; every write goes with its audit event in one transaction. */
export interface TaskRepository {
  create(task: Task, audit: Audited, options: { armed: boolean }): Promise<void>;
  get(id: string): Promise<Task | null>;
  /** In due order (earliest first); `lastId` is the position to pass as `after`. */
  list(listing: TaskListing): Promise<Page<Task>>;
  /** Replaces the task if it is still at `previous.version`; `armed` says whether its reminder is still to fire. */
  replace(next: Task, previous: Task, audit: Audited, options: { armed: boolean }): Promise<void>;
  delete(id: string, expectedVersion: number | undefined, audit: Audited): Promise<void>;
  /**
   * Marks the reminder of `dueAt` fired, with its audit event, if the task is still open, still due
   * then, and that reminder has not fired yet; false (nothing written) otherwise.
   */
  markReminderFired(id: string, dueAt: string, audit: Audited): Promise<boolean>;
}

/** Armed reminders of every tenant, in due order: for catching up those missed while nothing ran. */
export interface ArmedReminderIndex {
  /** Every armed reminder (due or not), earliest first, to fire the missed ones and arm timers again after a restart. */
  all(): AsyncIterable<TaskReminder>;
}

/**
 * Sets off a reminder at a task's due time (EventBridge Scheduler in AWS, a timer locally). Arming
 * the same reminder twice is harmless; a reminder that fires late or for a changed task is a
 * no-op, because the firing re-reads the task.
 */
export interface ReminderScheduler {
  arm(reminder: TaskReminder): Promise<void>;
  disarm(reminder: TaskReminder): Promise<void>;
}

/** Whether a user is an active member of the tenant (a task's assignee must be). */
export interface AssigneeDirectory {
  isActiveMember(userId: string): Promise<boolean>;
}
