import { createHttpHandler, ok, taskEndpoints } from '@rapport/http';
import { tasksRuntime, type TasksRuntime } from '../shared/runtime/tasks';
import { taskHeaders, taskIdParams } from './task-http';

export const createGetTaskHandler = (rt: TasksRuntime) =>
  createHttpHandler(rt, taskEndpoints.getTask, { params: taskIdParams }, async ({ params, actor }) => {
    const task = await rt.tasksFor(actor).get(params.id);
    return ok(task, taskHeaders(task));
  });

export const handler = createGetTaskHandler(tasksRuntime());
