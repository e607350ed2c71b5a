import { createHttpHandler, ok } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';
import { taskHeaders, taskIdParams } from './task-http';

export const createGetTaskHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'getTask', { params: taskIdParams }, async ({ params, actor }) => {
    const task = await rt.tasksFor(actor).get(params.id);
    return ok(task, taskHeaders(task));
  });

export const handler = createGetTaskHandler(runtime());
