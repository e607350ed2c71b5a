import type { AuditAction } from '../audit/audit-event';
import type { AuditLog } from '../audit/audit-log';
import type { ContactRepository, Page } from '../contacts/ports';
import { customerScopeOf } from '../customers/customer-scope';
import { InvalidInputError, NotFoundError, VersionConflictError } from '../errors';
import type { FieldCipher } from '../privacy/field-cipher';
import type { Actor } from '../shared/auth-context';
import type { Clock } from '../shared/clock';
import { newId } from '../shared/ids';
import { todayIn } from './due-window';
import type { AssigneeDirectory, ReminderScheduler, TaskListing, TaskRepository } from './ports';
import type { Task, TaskReminder } from './task';
import { maskTask, openTask, sealTask } from './task-privacy';
import type { TaskCreateInput, TaskListQuery, TaskPatchInput } from './task.schema';

export interface TaskServiceDeps {
  tasks: TaskRepository;
  contacts: ContactRepository;
  assignees: AssigneeDirectory;
  reminders: ReminderScheduler;
  cipher: FieldCipher;
  auditLog: AuditLog;
  clock: Clock;
}

/** What the API shows of a task: everything but the reminder's bookkeeping. */
export type TaskView = Omit<Task, 'reminderFiredFor'>;

/**
 * Tasks of the caller's workspace. Without `contacts:read_all` a caller sees only the tasks
 * assigned to them (404 for the others, as for contacts they do not own). Notes are personal:
 * encrypted at rest, shown in clear only with `pii:read` (audited as `task.pii_read`).
 *
 * Reminders: a task whose due time is still ahead has its reminder armed. The reminder is armed
 * before the task is written and disarmed after, so a failure in between leaves at worst a stale
 * reminder, which is a no-op when it fires (it re-reads the task), never a task without one.
 */
export function createTaskService(deps: TaskServiceDeps, actor: Actor) {
  const scope = customerScopeOf(actor);
  const tenantId = actor.auth.tenantId;
  const now = () => deps.clock.now().toISOString();
  const reminderOf = (task: Task): TaskReminder => ({ tenantId, taskId: task.id, dueAt: task.dueAt });
  /** Still to fire: open, due later than now, and not fired for this due time. */
  const isArmed = (task: Task) => task.status === 'open' && task.dueAt > now() && task.reminderFiredFor !== task.dueAt;
  const audited = (action: AuditAction, task: Task, changedFields?: string[]) =>
    scope.audited({
      action,
      target: { type: 'task', id: task.id },
      ...(changedFields ? { changedFields } : {}),
      details: { assigneeId: task.assigneeId, dueAt: task.dueAt, ...(task.contactId ? { contactId: task.contactId } : {}) },
    });

  async function assertAssignee(userId: string): Promise<void> {
    if (!(await deps.assignees.isActiveMember(userId))) throw new InvalidInputError('assigneeId', 'is not an active member of this workspace');
  }

  async function assertContact(contactId: string): Promise<void> {
    const contact = await deps.contacts.get(contactId);
    if (!contact || !scope.owns(contact.ownerId)) throw new InvalidInputError('contactId', 'is not a contact in this workspace');
  }

  async function load(id: string): Promise<Task> {
    const task = await deps.tasks.get(id);
    if (!task || !scope.owns(task.assigneeId)) throw new NotFoundError('task', id);
    return task;
  }

  /** A stale reminder is a no-op when it fires, so failing to remove one is not worth failing the request. */
  const disarmQuietly = (reminder: TaskReminder) => deps.reminders.disarm(reminder).catch(() => undefined);

  async function views(stored: Task[]): Promise<TaskView[]> {
    const shown = scope.seesPersonalData ? await Promise.all(stored.map((task) => openTask(deps.cipher, task))) : stored.map(maskTask);
    const revealed = scope.seesPersonalData ? shown.filter((task) => task.notes !== undefined).map((task) => task.id) : [];
    if (revealed.length > 0) {
      await deps.auditLog.record(tenantId, scope.audited({ action: 'task.pii_read', target: null, targetIds: revealed, details: { tasks: revealed.length } }));
    }
    return shown.map(({ reminderFiredFor: _fired, ...view }) => view);
  }
  const viewOf = async (task: Task) => (await views([task]))[0]!;
  /** The caller's own answer after a write: what they sent, shown as they may see it, without a read audit. */
  const ownView = ({ reminderFiredFor: _fired, ...task }: Task): TaskView => (scope.seesPersonalData ? task : maskTask(task));

  async function write(next: Task, previous: Task, action: AuditAction, changedFields: string[]): Promise<Task> {
    const wasArmed = isArmed(previous);
    const armed = isArmed(next);
    const moved = next.dueAt !== previous.dueAt;
    if (armed && (moved || !wasArmed)) await deps.reminders.arm(reminderOf(next));
    try {
      await deps.tasks.replace(await sealTask(deps.cipher, next), previous, audited(action, next, changedFields), { armed });
    } catch (error) {
      if (armed && moved) await disarmQuietly(reminderOf(next));
      throw error;
    }
    if (wasArmed && (moved || !armed)) await disarmQuietly(reminderOf(previous));
    return next;
  }

  return {
    async create(input: TaskCreateInput): Promise<TaskView> {
      const assigneeId = input.assigneeId ?? actor.auth.userId;
      await assertAssignee(assigneeId);
      if (input.contactId) await assertContact(input.contactId);
      const at = now();
      const task: Task = {
        id: newId(),
        title: input.title,
        type: input.type,
        status: 'open',
        dueAt: input.dueAt,
        assigneeId,
        ...(input.contactId ? { contactId: input.contactId } : {}),
        ...(input.dealId ? { dealId: input.dealId } : {}),
        ...(input.notes ? { notes: input.notes } : {}),
        createdBy: actor.auth.userId,
        version: 1,
        createdAt: at,
        updatedAt: at,
      };
      const armed = isArmed(task);
      if (armed) await deps.reminders.arm(reminderOf(task));
      try {
        await deps.tasks.create(await sealTask(deps.cipher, task), audited('task.created', task, Object.keys(input).sort()), { armed });
      } catch (error) {
        if (armed) await disarmQuietly(reminderOf(task));
        throw error;
      }
      return ownView(task);
    },

    async get(id: string): Promise<TaskView> {
      return viewOf(await load(id));
    },

    /** In due order. `due=today` is today in `tz`; `due=overdue` is open and due before now. */
    async list(query: TaskListQuery & { after?: string }): Promise<Page<TaskView>> {
      if (!scope.seesAll && query.assigneeId !== undefined && query.assigneeId !== actor.auth.userId) return { items: [], lastId: null };
      const assigneeId = scope.seesAll ? query.assigneeId : actor.auth.userId;
      const today = query.due === 'today' ? todayIn(query.tz, deps.clock.now()) : undefined;
      const listing: TaskListing = {
        status: query.status,
        limit: query.limit,
        ...(assigneeId ? { assigneeId } : {}),
        ...(query.contactId ? { contactId: query.contactId } : {}),
        ...(today ? { dueFrom: today.from, dueBefore: today.to } : {}),
        ...(query.due === 'overdue' ? { dueBefore: now() } : {}),
        ...(query.after ? { after: query.after } : {}),
      };
      const page = await deps.tasks.list(listing);
      return { items: await views(page.items), lastId: page.lastId };
    },

    async update(id: string, patch: TaskPatchInput, expectedVersion?: number): Promise<TaskView> {
      const current = await load(id);
      if (expectedVersion !== undefined && expectedVersion !== current.version) throw new VersionConflictError('task', id, expectedVersion, current.version);
      const { version: _version, ...fields } = patch;
      if (fields.assigneeId !== undefined && fields.assigneeId !== current.assigneeId) await assertAssignee(fields.assigneeId);
      if (fields.contactId && fields.contactId !== current.contactId) await assertContact(fields.contactId);
      const opened = await openTask(deps.cipher, current);
      const next: Task = { ...opened, version: current.version + 1, updatedAt: now() };
      for (const [field, value] of Object.entries(fields)) {
        if (value === null) delete next[field as keyof Task];
        else if (value !== undefined) Object.assign(next, { [field]: value });
      }
      const changed = Object.keys(fields)
        .filter((field) => JSON.stringify(opened[field as keyof Task]) !== JSON.stringify(next[field as keyof Task]))
        .sort();
      return ownView(await write(next, current, 'task.updated', changed));
    },

    /** Done is final for its reminder: a completed task never fires. Completing a done task changes nothing. */
    async complete(id: string, expectedVersion?: number): Promise<TaskView> {
      const current = await load(id);
      if (expectedVersion !== undefined && expectedVersion !== current.version) throw new VersionConflictError('task', id, expectedVersion, current.version);
      if (current.status === 'done') return viewOf(current);
      const at = now();
      const next: Task = { ...(await openTask(deps.cipher, current)), status: 'done', completedAt: at, completedBy: actor.auth.userId, version: current.version + 1, updatedAt: at };
      return ownView(await write(next, current, 'task.completed', ['completedAt', 'status']));
    },

    async delete(id: string, expectedVersion?: number): Promise<void> {
      const current = await load(id);
      await deps.tasks.delete(id, expectedVersion, audited('task.deleted', current));
      if (isArmed(current)) await disarmQuietly(reminderOf(current));
    },
  };
}

export type TaskService = ReturnType<typeof createTaskService>;
