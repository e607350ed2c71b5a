import type { RouteDefinition } from './route-definition';

/** The tasks routes (see `route-definition.ts`); their contracts are in `../openapi/contracts/tasks.ts`. */
export const taskRoutes = {
  createTask: {
    method: 'POST',
    path: '/v1/tasks',
    handler: 'tasks/create-task',
    authorization: 'tasks:write',
    access: { table: 'readWrite', fieldKeys: true, reminders: true },
    idempotent: true,
    summary: 'Create a task (follow-up, call, visit…) due at a time and assigned to a user; its reminder fires then',
  },
  listTasks: {
    method: 'GET',
    path: '/v1/tasks',
    handler: 'tasks/list-tasks',
    authorization: 'tasks:read',
    access: { table: 'readWrite', fieldKeys: true },
    summary: 'Tasks in due order, by status, assignee or contact; due today (in a time zone) or overdue',
  },
  getTask: {
    method: 'GET',
    path: '/v1/tasks/{id}',
    handler: 'tasks/get-task',
    authorization: 'tasks:read',
    access: { table: 'readWrite', fieldKeys: true },
    summary: 'One task',
  },
  updateTask: {
    method: 'PATCH',
    path: '/v1/tasks/{id}',
    handler: 'tasks/update-task',
    authorization: 'tasks:write',
    access: { table: 'readWrite', fieldKeys: true, reminders: true },
    summary: "Change a task; a new due time moves its reminder",
  },
  deleteTask: {
    method: 'DELETE',
    path: '/v1/tasks/{id}',
    handler: 'tasks/delete-task',
    authorization: 'tasks:write',
    access: { table: 'readWrite', reminders: true },
    summary: 'Delete a task and its reminder',
  },
  completeTask: {
    method: 'POST',
    path: '/v1/tasks/{id}/complete',
    handler: 'tasks/complete-task',
    authorization: 'tasks:write',
    access: { table: 'readWrite', fieldKeys: true, reminders: true },
    idempotent: true,
    summary: 'Mark a task done; its reminder no longer fires',
  },
} as const satisfies Record<string, RouteDefinition>;
