import { createHttpHandler, expectedVersion, ok, taskEndpoints } from '@rapport/http';
import { tasksRuntime, type TasksRuntime } from '../shared/runtime/tasks';
import { taskHeaders, taskIdParams } from './task-http';
import { sealedIdempotentRuntime } from '../shared/sealed-idempotency';

export const createCompleteTaskHandler = (rt: TasksRuntime) =>
  createHttpHandler(sealedIdempotentRuntime(rt), taskEndpoints.completeTask, { params: taskIdParams }, async ({ params, headers, actor }) => {
    const task = await rt.tasksFor(actor).complete(params.id, expectedVersion(headers['if-match']));
    return ok(task, taskHeaders(task));
  });

export const handler = createCompleteTaskHandler(tasksRuntime());
