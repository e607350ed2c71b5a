import { taskPatchSchema } from '@rapport/domain';
import { createHttpHandler, expectedVersion, ok } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';
import { taskHeaders, taskIdParams } from './task-http';

export const createUpdateTaskHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'updateTask', { params: taskIdParams, body: taskPatchSchema }, async ({ params, body, headers, actor }) => {
    const task = await rt.tasksFor(actor).update(params.id, body, expectedVersion(headers['if-match'], body.version));
    return ok(task, taskHeaders(task));
  });

export const handler = createUpdateTaskHandler(runtime());
