import type { Deal, Pipeline } from '@rapport/domain';
import { etagOf } from '@rapport/http';

/** The `{id}` path parameters of the sales routes, from their contracts. */
export { dealIdParams, pipelineIdParams } from '@rapport/http';

/** A deal's or pipeline's ETag, so a client can send it back as `If-Match`. */
export const versionHeaders = (record: Deal | Pipeline) => ({ etag: etagOf(record.version) });
