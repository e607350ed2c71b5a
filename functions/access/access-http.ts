/** `{id}` of a user and of a role, from the routes' contracts. */
export { roleIdParams, userIdParams } from '@rapport/http';
