import { ULID_PATTERN, type Company } from '@rapport/domain';
import { etagOf } from '@rapport/http';
import { z } from 'zod';

/** The `{id}` path parameter of the company routes. */
export const companyIdParams = z.object({ id: z.string().regex(ULID_PATTERN, 'must be a company id') });

/** A company's ETag, so a client can send it back as `If-Match`. */
export const companyHeaders = (company: Company) => ({ etag: etagOf(company.version) });
