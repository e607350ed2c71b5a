import * as z from 'zod';
import { instant, text } from '../shared/text';
import { DECIMAL_PATTERN, decimalPlaces, minorDigits } from '../customers/money';
import { currencySchema, decimalAmountSchema } from '../customers/money.schema';
import { ULID_PATTERN } from '../shared/ids';
import { CAMPAIGN_CHANNELS } from './campaign';

const instantSchema = instant();
const amountSchema = decimalAmountSchema('19.99');
const idSchema = (what: string) => z.string().regex(ULID_PATTERN, `must be ${what} id`);

/** An amount's problem in `currency`, if any. */
export function amountProblem(amount: string, currency: string): string | null {
  if (!DECIMAL_PATTERN.test(amount)) return 'must be a non-negative decimal amount such as 19.99';
  if (decimalPlaces(amount) > minorDigits(currency)) return `has more decimal places than ${currency} allows (${minorDigits(currency)})`;
  return null;
}

const windowProblem = (value: { startAt?: string | null; endAt?: string | null }) =>
  value.startAt && value.endAt && Date.parse(value.endAt) <= Date.parse(value.startAt);

/** `POST /v1/campaigns`. */
export const campaignCreateSchema = z
  .strictObject({
    name: text(200),
    channel: z.enum(CAMPAIGN_CHANNELS, { error: () => `must be one of ${CAMPAIGN_CHANNELS.join(', ')}` }),
    segmentId: idSchema('a segment'),
    currency: currencySchema,
    budget: amountSchema.optional(),
    startAt: instantSchema.optional(),
    endAt: instantSchema.optional(),
  })
  .superRefine((campaign, context) => {
    const problem = campaign.budget === undefined ? null : amountProblem(campaign.budget, campaign.currency);
    if (problem) context.addIssue({ code: 'custom', path: ['budget'], message: problem });
    if (windowProblem(campaign)) context.addIssue({ code: 'custom', path: ['endAt'], message: 'must be after startAt' });
  });
export type CampaignCreateInput = z.infer<typeof campaignCreateSchema>;

/** `PATCH /v1/campaigns/{id}`: the segment changes only in draft; `status: completed` ends a launched campaign. */
export const campaignPatchSchema = z.strictObject({
  name: text(200).optional(),
  segmentId: idSchema('a segment').optional(),
  budget: amountSchema.nullable().optional(),
  startAt: instantSchema.nullable().optional(),
  endAt: instantSchema.nullable().optional(),
  status: z.literal('completed', { error: () => 'can only be set to completed (launch with POST /v1/campaigns/{id}/launch)' }).optional(),
  version: z.int().min(1).optional(),
});
export type CampaignPatchInput = z.infer<typeof campaignPatchSchema>;

/** `POST /v1/campaigns/{id}/conversions`: the value is in the campaign's currency. */
export const conversionCreateSchema = z.strictObject({
  contactId: idSchema('a contact'),
  value: amountSchema.optional(),
  occurredAt: instantSchema.optional(),
  orderId: idSchema('an order').optional(),
});
export type ConversionCreateInput = z.infer<typeof conversionCreateSchema>;

/** `GET /v1/campaigns/performance?from=&to=`: campaigns launched in [from, to). */
export const performanceQuerySchema = z
  .strictObject({ from: instantSchema, to: instantSchema })
  .refine((query) => Date.parse(query.to) > Date.parse(query.from), { path: ['to'], message: 'must be after from' });
