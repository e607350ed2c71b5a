import { describe, expect, it } from 'vitest';
import { etagOf, expectedVersion } from './concurrency';
import { decodeCursor, encodeCursor } from './cursor';
import { ValidationError } from './errors';

describe('expectedVersion', () => {
  it('reads strong and weak ETags, and falls back to the body', () => {
    expect(expectedVersion(etagOf(4))).toBe(4);
    expect(expectedVersion('W/"5"')).toBe(5);
    expect(expectedVersion(undefined, 6)).toBe(6);
    expect(expectedVersion(undefined)).toBeUndefined();
  });

  it('refuses a malformed ETag and a body version that disagrees with it', () => {
    expect(() => expectedVersion('*')).toThrow(ValidationError);
    expect(() => expectedVersion('"3"', 4)).toThrow(ValidationError);
  });
});

describe('cursors', () => {
  it('round-trips an id', () => {
    expect(decodeCursor(encodeCursor('01ARZ3NDEKTSV4RRFFQ69G5FAV'))).toBe('01ARZ3NDEKTSV4RRFFQ69G5FAV');
  });

  it.each(['', 'garbage', Buffer.from('v1:not-an-id').toString('base64url'), Buffer.from('{"pk":"TENANT#X"}').toString('base64url')])(
    'refuses %j',
    (cursor) => {
      expect(() => decodeCursor(cursor)).toThrow(ValidationError);
    },
  );
});
