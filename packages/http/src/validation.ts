import type * as z from 'zod';
import { ValidationError, type FieldProblem } from './errors';

/**
 * Parses `value` with `schema`, or throws a ValidationError naming every bad field. `where`
 * prefixes field paths for input outside the body (`query`, `path`).
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, where?: 'query' | 'path'): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new ValidationError(result.error.issues.flatMap((issue) => problemsOf(issue, where)));
}

function problemsOf(issue: z.core.$ZodIssue, where?: string): FieldProblem[] {
  const at = (...path: PropertyKey[]) => [where, ...path.map(String)].filter(Boolean).join('.') || 'body';
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ field: at(...issue.path, key), message: 'is not a known field' }));
  }
  const message = issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : issue.message;
  return [{ field: at(...issue.path), message }];
}
