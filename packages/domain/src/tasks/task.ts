import type { Versioned } from '../shared/versioned';

/** What kind of work a task is; `other` for anything the list does not name. */
export const TASK_TYPES = ['follow_up', 'call', 'visit', 'email', 'meeting', 'other'] as const;
export type TaskType = (typeof TASK_TYPES)[number];

export const TASK_STATUSES = ['open', 'done'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** Free text about a customer is personal data: encrypted at rest, masked without `pii:read`. */
export const TASK_PERSONAL_FIELDS = ['notes'] as const;

/**
 * A piece of sales work due at a time and assigned to a user: a follow-up, a return visit, a call.
 * `dueAt` is ISO 8601 in UTC. `dealId` is an opaque reference (deals are their own area and are
 * not checked here). `reminderFiredFor` is the due time whose reminder has fired, so a reminder
 * fires once per due time.
 */
export interface Task extends Versioned {
  id: string;
  title: string;
  type: TaskType;
  status: TaskStatus;
  dueAt: string;
  assigneeId: string;
  contactId?: string;
  dealId?: string;
  notes?: string;
  createdBy: string;
  completedAt?: string;
  completedBy?: string;
  reminderFiredFor?: string;
}

/** A reminder to fire at a task's due time; one per task and due time (a new due time is a new reminder). */
export interface TaskReminder {
  tenantId: string;
  taskId: string;
  dueAt: string;
}
