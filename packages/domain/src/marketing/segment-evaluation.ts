import { InvalidInputError } from '../errors';
import type { BehaviourDay } from '../customers/customer-record';
import type { FieldSet } from '../fields/field-set';
import type { CustomFieldValues, FieldType } from '../fields/field-definition';
import { CUSTOM_FIELD_PREFIX, conditionsOf, sourceOf, type ConditionSource, type RuleCondition, type RuleNode, type RuleOperator } from './segment-rules';

/** What segment evaluation reads of a contact: fields stored in clear, never a ciphertext. */
export interface SegmentContact {
  id: string;
  firstName: string;
  lastName?: string;
  ownerId: string;
  lifecycleStage?: string;
  region?: string;
  sourceChannel?: string;
  company?: string;
  title?: string;
  tags?: string[];
  /** As stored: by field id; only non-sensitive fields are compared (sensitive ones are refused when the rules are saved). */
  customFields?: CustomFieldValues;
}

/** The part of the customer-scores item (written by the insights job) that segments read. */
export interface SegmentScores {
  contactId: string;
  /** Absent for a customer without orders: the insights job gives them no RFM. */
  recency?: number;
  frequency?: number;
  monetary?: number;
}

/** A condition ready to evaluate: a custom field resolved to its stored id and type. */
export type CompiledCondition = RuleCondition & { source: ConditionSource; customFieldId?: string; customType?: FieldType };
export type CompiledNode = { all: CompiledNode[] } | { any: CompiledNode[] } | CompiledCondition;

const CUSTOM_OPERATORS: Record<FieldType, readonly RuleOperator[]> = {
  text: ['eq', 'neq', 'in'],
  select: ['eq', 'neq', 'in'],
  number: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte'],
  date: ['eq', 'gt', 'gte', 'lt', 'lte'],
  boolean: ['eq'],
};

function customValueFits(type: FieldType, op: RuleOperator, value: unknown): boolean {
  if (op === 'in') return Array.isArray(value) && value.length > 0 && value.length <= 50 && value.every((v) => typeof v === 'string');
  if (type === 'number') return typeof value === 'number' && Number.isFinite(value);
  if (type === 'boolean') return typeof value === 'boolean';
  if (type === 'date') return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
  return typeof value === 'string' && value.length > 0 && value.length <= 200;
}

/**
 * Resolves custom-field conditions against the tenant's definitions and checks what the schema
 * cannot: the field exists on contacts, is not sensitive (its values are encrypted; segments never
 * decrypt), and the operator and value fit its type. Problems name their path (`rules.all.1.field`).
 */
export function compileRules(rules: RuleNode, fields: FieldSet): CompiledNode {
  const at = (path: (string | number)[], key: string) => ['rules', ...path, key].join('.');
  for (const { condition, path } of conditionsOf(rules)) {
    if (sourceOf(condition.field) !== 'custom') continue;
    const key = condition.field.slice(CUSTOM_FIELD_PREFIX.length);
    const definition = fields.byKey.get(key);
    if (!definition) throw new InvalidInputError(at(path, 'field'), `names no custom field of contacts (${key})`);
    if (definition.sensitive) throw new InvalidInputError(at(path, 'field'), `is a sensitive field, stored encrypted: segments cannot filter on it`);
    const operators = CUSTOM_OPERATORS[definition.type];
    if (!operators.includes(condition.op)) throw new InvalidInputError(at(path, 'op'), `must be one of ${operators.join(', ')} for a ${definition.type} field`);
    if (!customValueFits(definition.type, condition.op, condition.value)) throw new InvalidInputError(at(path, 'value'), `does not fit the ${definition.type} field ${key}`);
  }
  const compile = (node: RuleNode): CompiledNode => {
    if ('all' in node) return { all: node.all.map(compile) };
    if ('any' in node) return { any: node.any.map(compile) };
    const source = sourceOf(node.field);
    if (source !== 'custom') return { ...node, source };
    const definition = fields.byKey.get(node.field.slice(CUSTOM_FIELD_PREFIX.length))!;
    return { ...node, source, customFieldId: definition.id, customType: definition.type };
  };
  return compile(rules);
}

/** What is known of one contact while it is evaluated; `undefined` = not read (yet). */
export interface ContactFacts {
  contact: SegmentContact;
  scores: SegmentScores | null;
  latestOrderAt?: string | null;
  behaviour?: BehaviourDay[];
}

const DAY_MS = 86_400_000;
/** The first day (YYYY-MM-DD, UTC) of a look-back of `days` days ending today. */
export const firstDayOf = (now: Date, days: number) => new Date(now.getTime() - (days - 1) * DAY_MS).toISOString().slice(0, 10);

function compare(op: RuleOperator, actual: string | number | boolean | undefined, expected: unknown): boolean {
  if (actual === undefined) return op === 'neq';
  const norm = (v: unknown) => (typeof v === 'string' ? v.trim().toLowerCase() : v);
  const a = norm(actual);
  switch (op) {
    case 'eq': return a === norm(expected);
    case 'neq': return a !== norm(expected);
    case 'in': return (expected as string[]).some((v) => norm(v) === a);
    case 'gt': return (a as number) > (expected as number);
    case 'gte': return (a as number) >= (expected as number);
    case 'lt': return (a as number) < (expected as number);
    case 'lte': return (a as number) <= (expected as number);
    default: return false;
  }
}

/** One condition: true, false, or null when it needs partition data not read yet. */
function conditionHolds(condition: CompiledCondition, facts: ContactFacts, now: Date): boolean | null {
  const { contact } = facts;
  switch (condition.source) {
    case 'profile':
      if (condition.field === 'tags') {
        const wanted = String(condition.value).trim().toLowerCase();
        return (contact.tags ?? []).some((tag) => tag.toLowerCase() === wanted);
      }
      return compare(condition.op, contact[condition.field as 'region'], condition.value);
    case 'custom':
      return compare(condition.op, contact.customFields?.[condition.customFieldId!], condition.value);
    case 'scores': {
      // A contact the insights job has not scored, or scored without orders (no RFM), matches no RFM condition.
      const dimension = condition.field.slice('rfm.'.length) as 'recency' | 'frequency' | 'monetary';
      const score = facts.scores?.[dimension];
      if (score === undefined) return false;
      return compare(condition.op, score, condition.value);
    }
    case 'orders':
      if (facts.latestOrderAt === undefined) return null;
      return facts.latestOrderAt !== null && Date.parse(facts.latestOrderAt) >= now.getTime() - Number(condition.value) * DAY_MS;
    case 'behaviour': {
      if (facts.behaviour === undefined) return null;
      const since = firstDayOf(now, condition.days!);
      const measure = condition.field.slice('behaviour.'.length) as 'pageViews' | 'clicks' | 'dwellSeconds';
      const total = facts.behaviour.filter((day) => day.day >= since).reduce((sum, day) => sum + (day[measure] ?? 0), 0);
      return total >= Number(condition.value);
    }
  }
}

/**
 * The tree under Kleene's three-valued logic: false as soon as the cheap facts rule a contact out
 * (so its partition is never read), null while a condition still waits for partition data.
 */
export function evaluateNode(node: CompiledNode, facts: ContactFacts, now: Date): boolean | null {
  if ('all' in node) {
    let unknown = false;
    for (const child of node.all) {
      const result = evaluateNode(child, facts, now);
      if (result === false) return false;
      if (result === null) unknown = true;
    }
    return unknown ? null : true;
  }
  if ('any' in node) {
    let unknown = false;
    for (const child of node.any) {
      const result = evaluateNode(child, facts, now);
      if (result === true) return true;
      if (result === null) unknown = true;
    }
    return unknown ? null : false;
  }
  return conditionHolds(node, facts, now);
}

/** The conditions that hold for a member, said in words: why it matched. */
export function matchedConditions(node: CompiledNode, facts: ContactFacts, now: Date): string[] {
  const out: string[] = [];
  const walk = (n: CompiledNode) => {
    if ('all' in n) n.all.forEach(walk);
    else if ('any' in n) n.any.forEach(walk);
    else if (conditionHolds(n, facts, now) === true) {
      out.push(`${n.field} ${n.op} ${Array.isArray(n.value) ? n.value.join('|') : String(n.value)}${n.days ? ` in ${n.days} days` : ''}`);
    }
  };
  walk(node);
  return out;
}

/** What the tree needs beyond the listings: whether to read orders, and how many days of behaviour. */
export function needsOf(node: CompiledNode): { scores: boolean; orders: boolean; behaviourDays: number; customFieldIds: string[] } {
  const needs = { scores: false, orders: false, behaviourDays: 0, customFieldIds: [] as string[] };
  const walk = (n: CompiledNode) => {
    if ('all' in n) n.all.forEach(walk);
    else if ('any' in n) n.any.forEach(walk);
    else if (n.source === 'scores') needs.scores = true;
    else if (n.source === 'orders') needs.orders = true;
    else if (n.source === 'behaviour') needs.behaviourDays = Math.max(needs.behaviourDays, n.days ?? 0);
    else if (n.source === 'custom' && !needs.customFieldIds.includes(n.customFieldId!)) needs.customFieldIds.push(n.customFieldId!);
  };
  walk(node);
  return needs;
}
