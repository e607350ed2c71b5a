import { TASK_STATUSES, TASK_TYPES, taskCreateSchema, taskListQuerySchema, taskPatchSchema, ULID_PATTERN } from '@rapport/domain';
import * as z from 'zod';
import { ETAG, ETAG_AND_LOCATION, noContentResponse, okWith, pageOf, versioned, type RouteContract } from '../contract';
import { endpointsOf } from '../../endpoint';
import { taskRoutes } from '../../routes/tasks';

/** The `{id}` path parameter of the task routes. */
export const taskIdParams = z.object({ id: z.string().regex(ULID_PATTERN, 'must be a task id') });

export const taskSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    type: z.enum(TASK_TYPES),
    status: z.enum(TASK_STATUSES),
    dueAt: z.iso.datetime().describe('When the task is due, in UTC'),
    assigneeId: z.string(),
    contactId: z.string().optional(),
    dealId: z.string().optional().describe('A reference to a deal, as given (not checked)'),
    notes: z.string().optional().describe('Personal data: masked without pii:read'),
    createdBy: z.string(),
    completedAt: z.iso.datetime().optional(),
    completedBy: z.string().optional(),
    ...versioned,
  })
  .meta({ id: 'Task' });

const changed = 'The task changed since the version sent (If-Match or version)';

export const taskContracts = {
  createTask: {
    tag: 'tasks',
    request: { body: taskCreateSchema },
    responses: { 201: { description: 'The task, with its ETag and Location', body: taskSchema, headers: ETAG_AND_LOCATION } },
  },
  listTasks: {
    tag: 'tasks',
    request: { query: taskListQuerySchema },
    responses: okWith(pageOf(taskSchema), 'A page of tasks, earliest due first'),
  },
  getTask: {
    tag: 'tasks',
    request: { params: taskIdParams },
    responses: okWith(taskSchema, 'The task, with its ETag', ETAG),
  },
  updateTask: {
    tag: 'tasks',
    ifMatch: true,
    request: { params: taskIdParams, body: taskPatchSchema },
    responses: okWith(taskSchema, 'The changed task, with its new ETag', ETAG),
    errors: { 409: changed },
  },
  deleteTask: {
    tag: 'tasks',
    ifMatch: true,
    request: { params: taskIdParams },
    responses: { 204: noContentResponse },
    errors: { 409: changed },
  },
  completeTask: {
    tag: 'tasks',
    ifMatch: true,
    request: { params: taskIdParams },
    responses: okWith(taskSchema, 'The task, done, with its new ETag', ETAG),
    errors: { 409: changed },
  },
} satisfies Record<keyof typeof taskRoutes, RouteContract>;

/** The tasks routes with their contracts, as the handlers are built from them. */
export const taskEndpoints = /* @__PURE__ */ endpointsOf(taskRoutes, taskContracts);
