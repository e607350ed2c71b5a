import { taskListQuerySchema } from '@rapport/domain';
import { createHttpHandler, ok, taskEndpoints } from '@rapport/http';
import { tasksRuntime, type TasksRuntime } from '../shared/runtime/tasks';
import { decodeTaskCursor, encodeTaskCursor } from './task-http';

export const createListTasksHandler = (rt: TasksRuntime) =>
  createHttpHandler(rt, taskEndpoints.listTasks, { query: taskListQuerySchema }, async ({ query, actor }) => {
    const after = query.cursor === undefined ? undefined : decodeTaskCursor(query.cursor);
    const page = await rt.tasksFor(actor).list({ ...query, ...(after ? { after } : {}) });
    return ok({ items: page.items, nextCursor: page.lastId ? encodeTaskCursor(page.lastId) : null });
  });

export const handler = createListTasksHandler(tasksRuntime());
