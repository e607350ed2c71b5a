import type { InsightsJob } from '@rapport/domain';
import { ValidationError } from '@rapport/http';

/** A run as the API shows it: its progress and counts, not the worker's checkpoint. */
export function insightsStatusView(job: InsightsJob) {
  return {
    runId: job.runId,
    status: job.status,
    phase: job.phase,
    trigger: job.trigger,
    startedAt: job.startedAt,
    ...(job.finishedAt ? { finishedAt: job.finishedAt } : {}),
    customersScored: job.customersScored,
    customersRanked: job.customersRanked,
    productsWithRules: job.productsWithRules,
    ...(job.lastCompleted ? { lastCompleted: job.lastCompleted } : {}),
  };
}

const CHURN_POSITION = /^\d{5}#[0-9A-HJKMNP-TV-Z]{26}$/;

/** The churn list's cursor: its position in the listing (a score and a contact id, nothing personal), opaque to clients. */
export const churnCursor = {
  encode: (position: string) => Buffer.from(`c1:${position}`, 'utf8').toString('base64url'),
  decode: (cursor: string): string => {
    const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
    const position = decoded.startsWith('c1:') ? decoded.slice(3) : '';
    if (!CHURN_POSITION.test(position)) throw new ValidationError([{ field: 'query.cursor', message: 'is not a cursor returned by this API' }]);
    return position;
  },
};

/** The recommendations' cursor: an offset into the product's stored rules. */
export const ruleCursor = {
  encode: (offset: number) => Buffer.from(`r1:${offset}`, 'utf8').toString('base64url'),
  decode: (cursor: string): number => {
    const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
    const offset = /^r1:\d{1,4}$/.test(decoded) ? Number(decoded.slice(3)) : Number.NaN;
    if (!Number.isInteger(offset)) throw new ValidationError([{ field: 'query.cursor', message: 'is not a cursor returned by this API' }]);
    return offset;
  },
};
