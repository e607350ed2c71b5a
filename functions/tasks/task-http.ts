import type { TaskView } from '@rapport/domain';
import { encodeCursor, etagOf, ValidationError } from '@rapport/http';

/** The `{id}` path parameter of the task routes, from their contract. */
export { taskIdParams } from '@rapport/http';

/** A task's ETag, so a client can send it back as `If-Match`. */
export const taskHeaders = (task: TaskView) => ({ etag: etagOf(task.version) });

/** A listing position: the due time (ISO, UTC) and the task id. */
const POSITION = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z#[0-9A-HJKMNP-TV-Z]{26}$/;

/**
 * Task lists page in due order, so their cursor carries the last position (due time and id)
 * rather than only an id; like every cursor it is opaque, and the partition is rebuilt from the
 * caller's verified tenant.
 */
export const encodeTaskCursor = (position: string) => encodeCursor(position);

export function decodeTaskCursor(cursor: string): string {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  const position = decoded.startsWith('v1:') ? decoded.slice(3) : '';
  if (!POSITION.test(position)) throw new ValidationError([{ field: 'query.cursor', message: 'is not a cursor returned by this API' }]);
  return position;
}
