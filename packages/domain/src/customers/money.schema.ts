import * as z from 'zod';
import { DECIMAL_PATTERN, isCurrencyCode } from './money';

/** A currency as orders, deals and campaigns take it: any case on the way in, upper case stored. */
export const currencySchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 currency code such as EUR')
  .refine(isCurrencyCode, 'is not an ISO 4217 currency code')
  .describe('An ISO 4217 currency code');

/** The longest decimal {@link DECIMAL_PATTERN} allows: 15 digits, a point and 8 decimals. */
const MAX_DECIMAL_LENGTH = 24;

/**
 * Money as a decimal string or a JSON number (read through its shortest decimal form), never
 * negative. The decimal's shape is checked against its currency by the schema that holds both
 * (decimal places depend on it), so the string here states the pattern that check applies.
 */
export const decimalAmountSchema = (example: string) =>
  z.union(
    [
      z
        .string()
        .trim()
        .max(MAX_DECIMAL_LENGTH, `must be at most ${MAX_DECIMAL_LENGTH} characters`)
        .meta({ pattern: DECIMAL_PATTERN.source, description: 'A non-negative decimal, at most the currency’s decimal places' }),
      z.number().min(0, 'must not be negative').transform((value) => String(value)),
    ],
    { error: () => `must be a decimal amount such as ${example}` },
  );
