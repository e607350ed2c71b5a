import * as z from 'zod';
import { instant, text } from '../shared/text';
import { channelSchema } from './segment.schema';
import { DIRECTIONS, FEEDBACK_KINDS, INTERACTION_TYPES, SCORE_RANGES } from './customer-record';
import { DECIMAL_PATTERN, decimalPlaces, minorDigits, toMinorUnits } from './money';
import { currencySchema, decimalAmountSchema } from './money.schema';

const enumOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: (issue) => (issue.input === undefined ? 'is required' : `must be one of ${values.join(', ')}`) });

const instantSchema = instant();

/** A price as a decimal string or a JSON number; numbers are read through their shortest decimal form. */
const priceSchema = decimalAmountSchema('19.99');

const lineSchema = z.strictObject({
  product: text(200),
  quantity: z.int('must be a whole number').min(1, 'must be at least 1').max(1_000_000, 'must be at most 1000000'),
  unitPrice: priceSchema,
});

/** `POST /v1/contacts/{id}/transactions`: the amount is computed from the lines, never sent. */
export const transactionCreateSchema = z
  .strictObject({
    items: z.array(lineSchema).min(1, 'must have at least one item').max(100, 'must have at most 100 items'),
    currency: currencySchema,
    time: instantSchema.optional(),
    reference: text(100).optional(),
  })
  .superRefine((order, context) => {
    const digits = minorDigits(order.currency);
    let total = 0n;
    order.items.forEach((line, index) => {
      const path = ['items', index, 'unitPrice'];
      if (!DECIMAL_PATTERN.test(line.unitPrice)) {
        context.addIssue({ code: 'custom', path, message: 'must be a non-negative decimal amount such as 19.99' });
      } else if (decimalPlaces(line.unitPrice) > digits) {
        context.addIssue({ code: 'custom', path, message: `has more decimal places than ${order.currency} allows (${digits})` });
      } else {
        total += BigInt(line.quantity) * toMinorUnits(line.unitPrice, order.currency);
      }
    });
    if (total > BigInt(Number.MAX_SAFE_INTEGER)) context.addIssue({ code: 'custom', path: ['items'], message: 'add up to more than this API can hold' });
  });
export type TransactionCreateInput = z.infer<typeof transactionCreateSchema>;

/** `POST /v1/contacts/{id}/interactions`. */
export const interactionCreateSchema = z.strictObject({
  type: enumOf(INTERACTION_TYPES),
  direction: enumOf(DIRECTIONS).optional(),
  subject: text(300).optional(),
  body: text(10_000).optional(),
  occurredAt: instantSchema.optional(),
  durationSeconds: z.int('must be a whole number of seconds').min(0, 'must not be negative').max(604_800, 'must be at most a week').optional(),
});
export type InteractionCreateInput = z.infer<typeof interactionCreateSchema>;

/** The check above as JSON Schema, for the OpenAPI document: per kind, whether a score is required and its range. */
function scoreRulesOf(): Record<string, unknown>[] {
  const kindIs = (kinds: readonly string[]) => ({ properties: { kind: { enum: kinds } }, required: ['kind'] });
  const scored = Object.entries(SCORE_RANGES).map(([kind, range]) => ({
    if: kindIs([kind]),
    then: { properties: { score: { minimum: range.min, maximum: range.max } }, required: ['score'] },
  }));
  const unscored = FEEDBACK_KINDS.filter((kind) => !SCORE_RANGES[kind]);
  return [...scored, { if: kindIs(unscored), then: { properties: { score: false } } }];
}

/** `POST /v1/contacts/{id}/feedback`: CSAT and NPS carry a score in their range; the other kinds none. */
export const feedbackCreateSchema = z
  .strictObject({
    kind: enumOf(FEEDBACK_KINDS),
    score: z
      .int('must be a whole number')
      .optional()
      .describe(`${Object.entries(SCORE_RANGES).map(([kind, range]) => `${kind}: ${range.min}–${range.max}`).join(', ')}; none for the other kinds`),
    comment: text(5_000).optional(),
    channel: channelSchema.optional(),
  })
  .superRefine((feedback, context) => {
    const range = SCORE_RANGES[feedback.kind];
    if (!range) {
      if (feedback.score !== undefined) context.addIssue({ code: 'custom', path: ['score'], message: `must not be given for ${feedback.kind} feedback` });
    } else if (feedback.score === undefined) {
      context.addIssue({ code: 'custom', path: ['score'], message: `is required for ${feedback.kind} (${range.min}–${range.max})` });
    } else if (feedback.score < range.min || feedback.score > range.max) {
      context.addIssue({ code: 'custom', path: ['score'], message: `must be from ${range.min} to ${range.max} for ${feedback.kind}` });
    }
  })
  .meta({ allOf: scoreRulesOf() });
export type FeedbackCreateInput = z.infer<typeof feedbackCreateSchema>;
