import { ValidationError } from './errors';

/** The ETag of a record at `version`: strong, quoted. */
export function etagOf(version: number): string {
  return `"${version}"`;
}

/** An ETag this API issues (weak ones accepted too), as `If-Match` carries it once trimmed. */
export const ETAG_PATTERN = /^(?:W\/)?"(\d{1,15})"$/;

/**
 * The version a write was made against: from `If-Match` (an ETag we issued) or else from the body's
 * `version`. None means "apply to the current version". Both given and different is refused.
 */
export function expectedVersion(ifMatch: string | undefined, bodyVersion?: number): number | undefined {
  if (ifMatch === undefined || ifMatch.trim() === '') return bodyVersion;
  const match = ETAG_PATTERN.exec(ifMatch.trim());
  if (!match) {
    throw new ValidationError([{ field: 'if-match', message: 'must be an ETag returned by this API, such as "3"' }]);
  }
  const version = Number(match[1]);
  if (bodyVersion !== undefined && bodyVersion !== version) {
    throw new ValidationError([{ field: 'version', message: `is ${bodyVersion} but If-Match says ${version}` }]);
  }
  return version;
}
