import { day, isBlank, textProblem } from '../shared/text';
import type { CustomFieldValue, CustomFieldValues, FieldDefinition, FieldEntity } from './field-definition';
import type { FieldSet } from './field-set';

/** A bad custom value, named as the API names it: `customFields.<key>`. */
export interface CustomFieldIssue {
  field: string;
  message: string;
}

/** What a write asks of a record's custom values, by key: a value to set, or `null` to clear. */
export type CustomFieldChanges = Record<string, CustomFieldValue | null>;

export interface CheckOptions {
  /** On create, required fields must have a value and `null` means "no value". */
  mode: 'create' | 'patch';
  /**
   * Values come as text (a CSV cell): numbers and booleans are parsed from it, and an empty cell
   * means "no value". Otherwise they must have their JSON type (a number is a JSON number).
   */
  fromText?: boolean;
}

const MAX_TEXT = 1000;
const PLURAL: Record<FieldEntity, string> = { contact: 'contacts', company: 'companies' };
const dateSchema = day('must be a date as YYYY-MM-DD');
const BOOLEAN_WORDS: Record<string, boolean> = { true: true, yes: true, '1': true, false: false, no: false, '0': false };

/**
 * Checks custom values against the tenant's current definitions of one entity, and normalises
 * them (text trimmed). Returns every problem, not only the first, so a client (or a CSV import's
 * error report) can fix them all at once. Pure: the caller decides whether to throw.
 */
export function checkCustomFieldValues(
  fields: FieldSet,
  input: Record<string, unknown> | undefined,
  options: CheckOptions,
): { values: CustomFieldChanges; issues: CustomFieldIssue[] } {
  const values: CustomFieldChanges = {};
  const issues: CustomFieldIssue[] = [];
  const issue = (key: string, message: string) => issues.push({ field: `customFields.${key}`, message });

  for (const [key, raw] of Object.entries(input ?? {})) {
    const definition = fields.byKey.get(key);
    if (!definition) {
      issue(key, `is not a custom field of ${PLURAL[fields.entity]}: see GET /v1/fields`);
      continue;
    }
    const empty = raw === null || raw === undefined || (options.fromText === true && typeof raw === 'string' && raw.trim() === '');
    if (empty) {
      if (options.mode === 'patch') {
        if (definition.required) issue(key, 'is required and cannot be cleared');
        else values[key] = null;
      }
      continue;
    }
    const parsed = parseValue(definition, raw, options.fromText === true);
    if (typeof parsed === 'object') issue(key, parsed.problem);
    else values[key] = parsed;
  }
  if (options.mode === 'create') {
    for (const definition of fields.definitions) {
      if (definition.required && values[definition.key] === undefined && !issues.some((found) => found.field === `customFields.${definition.key}`)) {
        issue(definition.key, 'is required');
      }
    }
  }
  return { values, issues };
}

function parseValue(definition: FieldDefinition, raw: unknown, fromText: boolean): CustomFieldValue | { problem: string } {
  switch (definition.type) {
    case 'text': {
      if (typeof raw !== 'string') return { problem: 'must be text' };
      const text = raw.trim();
      if (text === '' || isBlank(text)) return { problem: 'must not be empty' };
      if (text.length > MAX_TEXT) return { problem: `must be at most ${MAX_TEXT} characters` };
      const problem = textProblem(text, 'multiline');
      return problem ? { problem } : text;
    }
    case 'number': {
      const number = typeof raw === 'number' ? raw : fromText && typeof raw === 'string' && raw.trim() !== '' ? Number(raw.trim()) : Number.NaN;
      return Number.isFinite(number) ? number : { problem: 'must be a number' };
    }
    case 'date': {
      const parsed = typeof raw === 'string' ? dateSchema.safeParse(raw.trim()) : null;
      return parsed?.success ? parsed.data : { problem: parsed?.error.issues[0]?.message ?? 'must be a date as YYYY-MM-DD' };
    }
    case 'select': {
      const options = definition.options ?? [];
      const choice = typeof raw === 'string' ? raw.trim() : undefined;
      return choice !== undefined && options.includes(choice) ? choice : { problem: `must be one of ${options.join(', ')}` };
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return raw;
      const word = fromText && typeof raw === 'string' ? BOOLEAN_WORDS[raw.trim().toLowerCase()] : undefined;
      return word ?? { problem: 'must be true or false' };
    }
    default: {
      const unknownType: never = definition.type;
      throw new TypeError(`No parser for field type ${String(unknownType)}`);
    }
  }
}

/** The values after a write: `changes` applied to `current`, cleared keys removed; undefined when none remain. */
export function applyCustomFieldChanges(current: CustomFieldValues | undefined, changes: CustomFieldChanges): CustomFieldValues | undefined {
  const next: CustomFieldValues = { ...current };
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) delete next[key];
    else next[key] = value;
  }
  return Object.keys(next).length === 0 ? undefined : next;
}

/** `customFields.<key>` for every key whose value differs, sorted: what an audit event names. */
export function changedCustomFields(before: CustomFieldValues | undefined, after: CustomFieldValues | undefined): string[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  return [...keys].filter((key) => before?.[key] !== after?.[key]).map((key) => `customFields.${key}`).sort();
}
