import { taskPatchSchema } from '@rapport/domain';
import { createHttpHandler, expectedVersion, ok, taskEndpoints } from '@rapport/http';
import { tasksRuntime, type TasksRuntime } from '../shared/runtime/tasks';
import { taskHeaders, taskIdParams } from './task-http';

export const createUpdateTaskHandler = (rt: TasksRuntime) =>
  createHttpHandler(rt, taskEndpoints.updateTask, { params: taskIdParams, body: taskPatchSchema }, async ({ params, body, headers, actor }) => {
    const task = await rt.tasksFor(actor).update(params.id, body, expectedVersion(headers['if-match'], body.version));
    return ok(task, taskHeaders(task));
  });

export const handler = createUpdateTaskHandler(tasksRuntime());
