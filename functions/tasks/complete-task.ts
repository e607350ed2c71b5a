import { createHttpHandler, expectedVersion, ok, taskEndpoints } from '@rapport/http';
import { tasksRuntime, type TasksRuntime } from '../shared/runtime/tasks';
import { taskHeaders, taskIdParams } from './task-http';
import { idempotentRuntime } from '../shared/idempotency';

export const createCompleteTaskHandler = (rt: TasksRuntime) =>
  createHttpHandler(idempotentRuntime(rt), taskEndpoints.completeTask, { params: taskIdParams }, async ({ params, headers, actor }) => {
    const task = await rt.tasksFor(actor).complete(params.id, expectedVersion(headers['if-match']));
    return ok(task, taskHeaders(task));
  });

export const handler = createCompleteTaskHandler(tasksRuntime());
