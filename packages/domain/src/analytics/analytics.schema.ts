import * as z from 'zod';
import { month } from '../shared/text';
import { monthSpan } from './months';

/** The longest range one dashboard read covers (its cost grows with the months it reads). */
export const MAX_ANALYTICS_MONTHS = 36;

export const ANALYTICS_GROUPINGS = ['month', 'region', 'channel', 'owner'] as const;
export type AnalyticsGrouping = (typeof ANALYTICS_GROUPINGS)[number];

const monthInQuery = month('must be a month as YYYY-MM');

/** `?from=YYYY-MM&to=YYYY-MM&by=month|region|channel|owner` of every analytics report. */
export const analyticsQuerySchema = z
  .object({
    from: monthInQuery.optional().describe('First month (UTC) counted; defaults to 11 months before `to`'),
    to: monthInQuery.optional().describe('Last month (UTC) counted; defaults to the current month'),
    by: z.enum(ANALYTICS_GROUPINGS).default('month').describe('One row per month (everything), or per region, channel or owner over the whole range'),
  })
  .superRefine((query, context) => {
    if (!query.from || !query.to) return;
    const span = monthSpan(query.from, query.to);
    if (span < 1) context.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
    else if (span > MAX_ANALYTICS_MONTHS) context.addIssue({ code: 'custom', path: ['to'], message: `must be at most ${MAX_ANALYTICS_MONTHS} months after from` });
  });
export type AnalyticsQueryInput = z.infer<typeof analyticsQuerySchema>;
