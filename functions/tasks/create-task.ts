import { taskCreateSchema } from '@rapport/domain';
import { created, createHttpHandler } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';
import { taskHeaders } from './task-http';

export const createCreateTaskHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'createTask', { body: taskCreateSchema }, async ({ body, actor }) => {
    const task = await rt.tasksFor(actor).create(body);
    return created(task, { ...taskHeaders(task), location: `/v1/tasks/${task.id}` });
  });

export const handler = createCreateTaskHandler(runtime());
