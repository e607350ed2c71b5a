import type { z } from 'zod';

/*
 * Forms are checked with the API's own zod schemas, imported from the domain's browser entry
 * (`@rapport/domain/browser`: pure modules, zod only, no server code). The alternative, compiling
 * the JSON Schemas of the OpenAPI document, loses zod's messages ("must contain a digit") and
 * needs a runtime validator that compiles code (blocked by a strict CSP) or a generation step; with
 * the schemas themselves a form and the API cannot disagree, and the messages are the API's.
 */

export type FieldErrors = Partial<Record<string, string>>;

export type Checked<T> = { ok: true; data: T; errors: FieldErrors } | { ok: false; errors: FieldErrors };

/** Runs the API's schema over a form's values: the parsed input, or a message per field. */
export function check<S extends z.ZodType>(schema: S, values: unknown): Checked<z.output<S>> {
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data, errors: {} };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? '');
    errors[field] ??= issue.message;
  }
  return { ok: false, errors };
}

/**
 * Like {@link check}, with each message under the whole path of its field (`targets.urgent.resolutionMinutes`),
 * for a form whose inputs sit deeper than the body's first level.
 */
export function checkPaths<S extends z.ZodType>(schema: S, values: unknown): Checked<z.output<S>> {
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data, errors: {} };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) errors[issue.path.map(String).join('.')] ??= issue.message;
  return { ok: false, errors };
}

/** The schema's message as a sentence about the field: "Email must be a valid email address". */
export function sentence(label: string, message: string | undefined): string | undefined {
  if (!message) return undefined;
  return /^(must|is|should)\b/.test(message) ? `${label} ${message}` : message;
}

/**
 * Every rule of a schema with whether a value meets it, for rules shown as the person types. The
 * rules are the messages the schema gives for an empty value (each check fails on it), so the list
 * is read from the API's schema, never written again here.
 */
export function rulesOf(schema: z.ZodType, value: string): { rule: string; met: boolean }[] {
  const messages = (input: string) => {
    const result = schema.safeParse(input);
    return result.success ? [] : result.error.issues.map((issue) => issue.message);
  };
  const failing = messages(value);
  const rules = [...new Set([...messages(''), ...failing])];
  return rules.map((rule) => ({ rule, met: !failing.includes(rule) }));
}
