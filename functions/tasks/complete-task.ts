import { createHttpHandler, expectedVersion, ok } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';
import { taskHeaders, taskIdParams } from './task-http';

export const createCompleteTaskHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'completeTask', { params: taskIdParams }, async ({ params, headers, actor }) => {
    const task = await rt.tasksFor(actor).complete(params.id, expectedVersion(headers['if-match']));
    return ok(task, taskHeaders(task));
  });

export const handler = createCompleteTaskHandler(runtime());
