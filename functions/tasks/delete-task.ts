import { createHttpHandler, expectedVersion, noContent, taskEndpoints } from '@rapport/http';
import { tasksRuntime, type TasksRuntime } from '../shared/runtime/tasks';
import { taskIdParams } from './task-http';

export const createDeleteTaskHandler = (rt: TasksRuntime) =>
  createHttpHandler(rt, taskEndpoints.deleteTask, { params: taskIdParams }, async ({ params, headers, actor }) => {
    await rt.tasksFor(actor).delete(params.id, expectedVersion(headers['if-match']));
    return noContent();
  });

export const handler = createDeleteTaskHandler(tasksRuntime());
