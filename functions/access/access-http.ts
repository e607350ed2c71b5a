import { ULID_PATTERN } from '@rapport/domain';
import { z } from 'zod';

/** `{id}` of a user: a ULID. */
export const userIdParams = z.object({ id: z.string().regex(ULID_PATTERN, 'must be a user id') });

/** `{id}` of a role: a built-in role's key (`sales_rep`) or a custom role's ULID. */
export const roleIdParams = z.object({ id: z.string().regex(/^([a-z_]{2,40}|[0-9A-HJKMNP-TV-Z]{26})$/, 'must be a role id') });
