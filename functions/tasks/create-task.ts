import { taskCreateSchema } from '@rapport/domain';
import { created, createHttpHandler, taskEndpoints } from '@rapport/http';
import { tasksRuntime, type TasksRuntime } from '../shared/runtime/tasks';
import { taskHeaders } from './task-http';
import { sealedIdempotentRuntime } from '../shared/sealed-idempotency';

export const createCreateTaskHandler = (rt: TasksRuntime) =>
  createHttpHandler(sealedIdempotentRuntime(rt), taskEndpoints.createTask, { body: taskCreateSchema }, async ({ body, actor }) => {
    const task = await rt.tasksFor(actor).create(body);
    return created(task, { ...taskHeaders(task), location: `/v1/tasks/${task.id}` });
  });

export const handler = createCreateTaskHandler(tasksRuntime());
