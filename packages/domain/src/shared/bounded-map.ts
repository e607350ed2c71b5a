import type * as z from 'zod';

/**
 * A JSON object used as a map (`z.record`), refused with `message` past `max` entries. zod has no
 * such bound of its own, and cannot write a refinement into JSON Schema, so the bound is stated
 * here too (`maxProperties`), where it is checked: the OpenAPI document says what is enforced.
 */
export const atMostEntries = <T extends z.ZodType<Record<string, unknown>>>(record: T, max: number, message = `must have at most ${max} entries`) =>
  record.refine((value) => Object.keys(value).length <= max, { message, abort: true }).meta({ maxProperties: max });
