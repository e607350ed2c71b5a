import type { AuthContext, IngestKey } from '@rapport/domain';
import type { Context } from 'aws-lambda';

/** The Lambda context, plus what the shared middleware learns about the request. */
export interface RequestContext extends Context {
  /**
   * API Gateway's request id (also sent back as `x-request-id` and in every error body). Set by
   * the first middleware; optional only because Lambda invokes the handler with a plain context.
   */
  requestId?: string;
  /** Set by the authenticate middleware on routes for members. */
  auth?: AuthContext;
  /** Set on routes for ingest keys. */
  ingestKey?: IngestKey;
}
