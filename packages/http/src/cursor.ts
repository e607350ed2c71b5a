import { isId } from '@rapport/domain';
import { ValidationError } from './errors';

/**
 * Cursors are opaque to clients and carry only the last id returned. The partition they page
 * through is rebuilt from the caller's verified tenant, so a cursor cannot reach another tenant.
 */
export function encodeCursor(lastId: string): string {
  return Buffer.from(`v1:${lastId}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): string {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  const lastId = decoded.startsWith('v1:') ? decoded.slice(3) : '';
  if (!isId(lastId)) throw new ValidationError([{ field: 'query.cursor', message: 'is not a cursor returned by this API' }]);
  return lastId;
}
