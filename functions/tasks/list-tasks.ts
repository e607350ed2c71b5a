import { taskListQuerySchema } from '@rapport/domain';
import { createHttpHandler, ok } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';
import { decodeTaskCursor, encodeTaskCursor } from './task-http';

export const createListTasksHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'listTasks', { query: taskListQuerySchema }, async ({ query, actor }) => {
    const after = query.cursor === undefined ? undefined : decodeTaskCursor(query.cursor);
    const page = await rt.tasksFor(actor).list({ ...query, ...(after ? { after } : {}) });
    return ok({ items: page.items, nextCursor: page.lastId ? encodeTaskCursor(page.lastId) : null });
  });

export const handler = createListTasksHandler(runtime());
