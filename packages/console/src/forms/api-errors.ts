import { ApiError } from '../api';
import type { FieldErrors } from './validation';

/**
 * The API's own per-field messages of a refused input (`VALIDATION_FAILED`, `details.fields`), for
 * the forms whose schema the browser cannot load (it reaches server code): the rule is still the
 * API's, said next to the field it is about.
 */
export function fieldErrorsOf(error: unknown): FieldErrors {
  // Schema refusals (VALIDATION_FAILED) and the domain's own (INVALID_INPUT) both list `details.fields`.
  if (!(error instanceof ApiError) || error.status !== 400 || !Array.isArray(error.details.fields)) return {};
  const errors: FieldErrors = {};
  for (const problem of error.details.fields as { field?: unknown; message?: unknown }[]) {
    if (typeof problem.field !== 'string' || typeof problem.message !== 'string') continue;
    errors[problem.field.split('.')[0]!] ??= problem.message;
  }
  return errors;
}
