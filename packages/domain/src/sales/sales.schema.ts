import * as z from 'zod';
import { day, month, text } from '../shared/text';
import { DECIMAL_PATTERN, decimalPlaces, minorDigits, toMinorUnits } from '../customers/money';
import { currencySchema, decimalAmountSchema } from '../customers/money.schema';
import { ULID_PATTERN } from '../shared/ids';
import { DEAL_STATUSES } from './deal';

const idOf = (what: string) => z.string().regex(ULID_PATTERN, `must be ${what} id`);

const amountSchema = decimalAmountSchema('1250.00');

/** A calendar day, YYYY-MM-DD, that exists. */
const daySchema = day();
/** A calendar month, YYYY-MM. */
export const monthSchema = month();

/** Checks `amount` against `currency` (decimal places, size), naming the field. */
function checkAmount(value: { amount?: string; currency?: string }, context: z.RefinementCtx): void {
  if (value.amount === undefined || value.currency === undefined) return;
  const path = ['amount'];
  if (!DECIMAL_PATTERN.test(value.amount)) context.addIssue({ code: 'custom', path, message: 'must be a non-negative decimal amount such as 1250.00' });
  else if (decimalPlaces(value.amount) > minorDigits(value.currency))
    context.addIssue({ code: 'custom', path, message: `has more decimal places than ${value.currency} allows (${minorDigits(value.currency)})` });
  else if (toMinorUnits(value.amount, value.currency) > BigInt(Number.MAX_SAFE_INTEGER)) context.addIssue({ code: 'custom', path, message: 'is more than this API can hold' });
}

const stageInputSchema = z.strictObject({
  /** An existing stage's id, to keep it (and its deals); omitted for a new stage. */
  id: idOf('a stage').optional(),
  name: text(100),
  probability: z.int('must be a whole percentage').min(0, 'must be at least 0').max(100, 'must be at most 100'),
});

const stagesSchema = z
  .array(stageInputSchema)
  .min(1, 'must have at least one stage')
  .max(30, 'must have at most 30 stages')
  .superRefine((stages, context) => {
    const names = new Set<string>();
    const ids = new Set<string>();
    stages.forEach((stage, index) => {
      const name = stage.name.toLowerCase();
      if (names.has(name)) context.addIssue({ code: 'custom', path: [index, 'name'], message: 'is the name of another stage' });
      names.add(name);
      if (stage.id !== undefined && ids.has(stage.id)) context.addIssue({ code: 'custom', path: [index, 'id'], message: 'is given twice' });
      if (stage.id !== undefined) ids.add(stage.id);
    });
  });

/** `POST /v1/pipelines`: stages in order; ids are given to them. */
export const pipelineCreateSchema = z.strictObject({ name: text(100), stages: stagesSchema });
export type PipelineCreateInput = z.infer<typeof pipelineCreateSchema>;

/**
 * `PATCH /v1/pipelines/{id}`: `stages`, when sent, is the whole new ordered list. A stage sent with
 * its id is kept (renamed, re-weighted, moved); one left out is removed, which is refused while open
 * deals are in it.
 */
export const pipelinePatchSchema = z
  .strictObject({ name: text(100).optional(), stages: stagesSchema.optional(), version: z.int().min(1).optional() })
  .refine((patch) => patch.name !== undefined || patch.stages !== undefined, { message: 'must change name or stages' });
export type PipelinePatchInput = z.infer<typeof pipelinePatchSchema>;

const dealFields = {
  title: text(200),
  amount: amountSchema,
  currency: currencySchema,
  expectedCloseDate: daySchema,
  companyId: idOf('a company'),
  ownerId: idOf('a user'),
};

/** `POST /v1/deals`. Without `pipelineId` the default pipeline; without `stageId` its first stage. */
export const dealCreateSchema = z
  .strictObject({
    title: dealFields.title,
    contactId: idOf('a contact'),
    companyId: dealFields.companyId.optional(),
    ownerId: dealFields.ownerId.optional(),
    pipelineId: idOf('a pipeline').optional(),
    stageId: idOf('a stage').optional(),
    amount: dealFields.amount,
    currency: dealFields.currency,
    expectedCloseDate: dealFields.expectedCloseDate,
  })
  .superRefine(checkAmount);
export type DealCreateInput = z.infer<typeof dealCreateSchema>;

/**
 * `PATCH /v1/deals/{id}`: the deal's own fields. Stage and outcome change through `move`, `won`
 * and `lost` (they keep history); `amount` and `currency` change together.
 */
export const dealPatchSchema = z
  .strictObject({
    title: dealFields.title.optional(),
    companyId: dealFields.companyId.nullable().optional(),
    ownerId: dealFields.ownerId.optional(),
    amount: dealFields.amount.optional(),
    currency: dealFields.currency.optional(),
    expectedCloseDate: dealFields.expectedCloseDate.optional(),
    version: z.int().min(1).optional(),
  })
  .refine((patch) => Object.keys(patch).some((key) => key !== 'version'), { message: 'must change at least one field' })
  .refine((patch) => (patch.amount === undefined) === (patch.currency === undefined), { message: 'must give amount and currency together', path: ['currency'] })
  .superRefine(checkAmount);
export type DealPatchInput = z.infer<typeof dealPatchSchema>;

export const dealMoveSchema = z.strictObject({ stageId: idOf('a stage'), version: z.int().min(1).optional() });
export const dealWonSchema = z.strictObject({ version: z.int().min(1).optional() });
export const dealLostSchema = z.strictObject({ reason: text(500), version: z.int().min(1).optional() });

/** `GET /v1/deals` filters. */
export const dealListFilterSchema = {
  pipelineId: idOf('a pipeline').optional(),
  stageId: idOf('a stage').optional(),
  status: z.enum(DEAL_STATUSES, { error: () => `must be one of ${DEAL_STATUSES.join(', ')}` }).optional(),
  ownerId: idOf('a user').optional(),
};

/** `POST /v1/contacts/{id}/convert`: the lead's first deal. */
export const contactConvertSchema = z
  .strictObject({
    title: dealFields.title,
    amount: dealFields.amount,
    currency: dealFields.currency,
    expectedCloseDate: dealFields.expectedCloseDate,
    pipelineId: idOf('a pipeline').optional(),
    stageId: idOf('a stage').optional(),
  })
  .superRefine(checkAmount);
export type ContactConvertInput = z.infer<typeof contactConvertSchema>;
