import type { Company } from '@rapport/domain';
import { etagOf } from '@rapport/http';

/** The `{id}` path parameter of the company routes, from their contracts. */
export { companyIdParams } from '@rapport/http';

/** A company's ETag, so a client can send it back as `If-Match`. */
export const companyHeaders = (company: Company) => ({ etag: etagOf(company.version) });
