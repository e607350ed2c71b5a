import { etagOf } from '@rapport/http';

/** The path parameters and `?limit=&cursor=` of the marketing routes, from their contracts. */
export { campaignIdParams, marketingPageQuery as pageQuery, segmentIdParams } from '@rapport/http';

/** A record's ETag, so a client can send it back as `If-Match`. */
export const versionHeaders = (record: { version: number }) => ({ etag: etagOf(record.version) });
