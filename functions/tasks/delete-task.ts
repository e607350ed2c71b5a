import { createHttpHandler, expectedVersion, noContent } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';
import { taskIdParams } from './task-http';

export const createDeleteTaskHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'deleteTask', { params: taskIdParams }, async ({ params, headers, actor }) => {
    await rt.tasksFor(actor).delete(params.id, expectedVersion(headers['if-match']));
    return noContent();
  });

export const handler = createDeleteTaskHandler(runtime());
