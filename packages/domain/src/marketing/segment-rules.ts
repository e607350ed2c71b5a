import * as z from 'zod';
import { LIFECYCLE_STAGES } from '../customers/company';
import { PERSONAL_FIELDS } from '../contacts/contact';

/**
 * A segment's rules: a boolean tree of `all` / `any` groups over conditions on what a contact has
 * in clear (profile fields, non-sensitive custom fields), its scores (RFM) and its partition
 * (orders, behaviour days). Bounded in depth and size, so evaluating one contact is bounded too.
 */

/** Levels of groups: the root group and two nested ones. */
export const MAX_RULE_DEPTH = 3;
/** Conditions in a whole rule set. */
export const MAX_RULE_CONDITIONS = 30;
/** The longest look-back of a behaviour condition: behaviour days are read from the contact's partition. */
export const MAX_BEHAVIOUR_DAYS = 365;

export const TEXT_PROFILE_FIELDS = ['lifecycleStage', 'region', 'sourceChannel', 'ownerId', 'company', 'title'] as const;
export const RFM_FIELDS = ['rfm.recency', 'rfm.frequency', 'rfm.monetary'] as const;
export const BEHAVIOUR_FIELDS = ['behaviour.pageViews', 'behaviour.clicks', 'behaviour.dwellSeconds'] as const;
export const CUSTOM_FIELD_PREFIX = 'customFields.';

export const RULE_OPERATORS = ['eq', 'neq', 'in', 'contains', 'gt', 'gte', 'lt', 'lte', 'inLastDays'] as const;
export type RuleOperator = (typeof RULE_OPERATORS)[number];

export type RuleValue = string | number | boolean | string[];

/** One test of one field. `days` is the look-back of a behaviour condition. */
export interface RuleCondition {
  field: string;
  op: RuleOperator;
  value: RuleValue;
  days?: number;
}

export type RuleNode = { all: RuleNode[] } | { any: RuleNode[] } | RuleCondition;

/** Which data a condition needs, cheapest first: the profile and scores come from listings, the rest from the contact's partition. */
export type ConditionSource = 'profile' | 'custom' | 'scores' | 'orders' | 'behaviour';

export function sourceOf(field: string): ConditionSource {
  if (field.startsWith(CUSTOM_FIELD_PREFIX)) return 'custom';
  if (field.startsWith('rfm.')) return 'scores';
  if (field === 'purchase') return 'orders';
  if (field.startsWith('behaviour.')) return 'behaviour';
  return 'profile';
}

const COMPARISONS = ['eq', 'gt', 'gte', 'lt', 'lte'] as const;
const OPERATORS_OF: Record<Exclude<ConditionSource, 'custom'>, readonly RuleOperator[]> = {
  profile: ['eq', 'neq', 'in'],
  scores: COMPARISONS,
  orders: ['inLastDays'],
  behaviour: ['gte'],
};

/** The longest text a condition compares with, and the most values an `in` list holds. */
const MAX_VALUE_LENGTH = 200;
const MAX_VALUES = 50;
const isText = (value: unknown): value is string => typeof value === 'string' && value.trim().length > 0 && value.length <= MAX_VALUE_LENGTH;
const isTextList = (value: unknown): value is string[] => Array.isArray(value) && value.length >= 1 && value.length <= MAX_VALUES && value.every(isText);
const isWhole = (value: unknown, min: number, max: number): value is number => Number.isInteger(value) && (value as number) >= min && (value as number) <= max;

/** What is wrong with one condition (as [path below it, message]), or nothing. Custom fields are checked against their definitions by the service. */
function conditionProblem(condition: { field?: unknown; op?: unknown; value?: unknown; days?: unknown }): [string, string] | null {
  const { field, op, value, days } = condition;
  if (typeof field !== 'string') return ['field', 'is required'];
  if (field in PERSONAL_FIELDS || field === 'email' || field === 'phone') {
    return ['field', 'is personal data, stored encrypted: segments cannot filter on it'];
  }
  const known = [...TEXT_PROFILE_FIELDS, 'tags', ...RFM_FIELDS, 'purchase', ...BEHAVIOUR_FIELDS] as readonly string[];
  if (!known.includes(field) && !field.startsWith(CUSTOM_FIELD_PREFIX)) {
    return ['field', `must be one of ${known.join(', ')} or customFields.<key>`];
  }
  const source = sourceOf(field);
  if (source === 'custom') return null;
  const operators = field === 'tags' ? (['contains'] as const) : OPERATORS_OF[source];
  if (!operators.includes(op as RuleOperator)) return ['op', `must be one of ${operators.join(', ')} for ${field}`];
  if (field === 'lifecycleStage') {
    const stages = LIFECYCLE_STAGES as readonly string[];
    const ok = op === 'in' ? isTextList(value) && value.every((v) => stages.includes(v)) : typeof value === 'string' && stages.includes(value);
    return ok ? null : ['value', `must be ${op === 'in' ? 'a list of' : 'one of'} ${stages.join(', ')}`];
  }
  if (source === 'profile') return (op === 'in' ? isTextList(value) : isText(value)) ? null : ['value', op === 'in' ? 'must be a list of 1 to 50 texts' : 'must be a text of 1 to 200 characters'];
  if (field === 'tags') return isText(value) ? null : ['value', 'must be a tag'];
  if (source === 'scores') return isWhole(value, 1, 5) ? null : ['value', 'must be a score from 1 to 5'];
  if (source === 'orders') return isWhole(value, 1, 3650) ? null : ['value', 'must be a number of days from 1 to 3650'];
  if (!isWhole(value, 0, 10_000_000)) return ['value', 'must be a whole number, 0 or more'];
  return isWhole(days, 1, MAX_BEHAVIOUR_DAYS) ? null : ['days', `must be a number of days from 1 to ${MAX_BEHAVIOUR_DAYS}`];
}

const valueSchema = z.union(
  [
    z.string().max(MAX_VALUE_LENGTH, `must be at most ${MAX_VALUE_LENGTH} characters`),
    z.number(),
    z.boolean(),
    z.array(z.string().max(MAX_VALUE_LENGTH, `must be at most ${MAX_VALUE_LENGTH} characters`)).max(MAX_VALUES, `must have at most ${MAX_VALUES} values`),
  ],
  { error: () => `must be a text of at most ${MAX_VALUE_LENGTH} characters, a number, true, false or a list of at most ${MAX_VALUES} texts` },
);

/**
 * One node at `depth` (1 = the root): a group (`all` or `any`) or a condition. One object shape
 * with optional keys rather than a union, so a problem is reported at its own path
 * (`rules.all.1.field`) instead of as "no variant matched"; written out per level, so the depth
 * bound is in the schema (and the OpenAPI document) itself.
 */
function nodeAt(depth: number): z.ZodType<RuleNode> {
  const children = depth < MAX_RULE_DEPTH
    ? z.array(nodeAt(depth + 1)).min(1, 'must have at least one rule').max(MAX_RULE_CONDITIONS, `must have at most ${MAX_RULE_CONDITIONS} rules`).optional()
    : z.array(z.unknown()).max(0, `nests too deep: groups nest at most ${MAX_RULE_DEPTH} levels`).optional();
  return z
    .strictObject({
      all: children.describe('Every rule must hold'),
      any: children.describe('At least one rule must hold'),
      field: z.string().max(100).optional().describe('lifecycleStage, region, sourceChannel, ownerId, company, title, tags, customFields.<key>, rfm.recency|frequency|monetary, purchase, behaviour.pageViews|clicks|dwellSeconds'),
      op: z.enum(RULE_OPERATORS).optional(),
      value: valueSchema.optional(),
      days: z
        .int('must be a whole number')
        .min(1, `must be a number of days from 1 to ${MAX_BEHAVIOUR_DAYS}`)
        .max(MAX_BEHAVIOUR_DAYS, `must be a number of days from 1 to ${MAX_BEHAVIOUR_DAYS}`)
        .optional()
        .describe('The look-back of a behaviour condition, in days'),
    })
    .superRefine((node, context) => {
      const kinds = (['all', 'any', 'field'] as const).filter((key) => node[key] !== undefined);
      if (kinds.length !== 1) {
        context.addIssue({ code: 'custom', path: kinds.length === 0 ? ['field'] : [kinds[1]!], message: 'a rule is either a group (all or any) or a condition (field, op, value)' });
        return;
      }
      if (kinds[0] !== 'field') return;
      const problem = conditionProblem(node);
      if (problem) context.addIssue({ code: 'custom', path: [problem[0]], message: problem[1] });
    }) as unknown as z.ZodType<RuleNode>;
}

/** A rule set: its root is a group. */
export const ruleSetSchema = nodeAt(1).superRefine((root, context) => {
  if (!('all' in root) && !('any' in root)) context.addIssue({ code: 'custom', path: ['all'], message: 'the rules must be a group: all or any' });
  const count = [...conditionsOf(root)].length;
  if (count > MAX_RULE_CONDITIONS) context.addIssue({ code: 'custom', path: [], message: `must have at most ${MAX_RULE_CONDITIONS} conditions in all (has ${count})` });
});

/** Every condition of a tree, with its path below the rules (`all.1`). */
export function* conditionsOf(node: RuleNode, path: (string | number)[] = []): Generator<{ condition: RuleCondition; path: (string | number)[] }> {
  if ('all' in node) for (const [index, child] of node.all.entries()) yield* conditionsOf(child, [...path, 'all', index]);
  else if ('any' in node) for (const [index, child] of node.any.entries()) yield* conditionsOf(child, [...path, 'any', index]);
  else yield { condition: node, path };
}
