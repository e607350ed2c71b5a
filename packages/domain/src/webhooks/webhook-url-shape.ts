export const MAX_WEBHOOK_URL_LENGTH = 2000;

/**
 * What is wrong with a receiver URL wherever the stack runs (not absolute, credentials in it, not
 * http(s)), or null. Which hosts and schemes are then allowed depends on the stack (see
 * `webhookUrlProblem`). Free of any address library, so the body schema, and with it a browser's
 * form, checks this much as the person types.
 */
export function webhookUrlShapeProblem(value: string): string | null {
  if (!URL.canParse(value)) return 'must be an absolute URL such as https://example.com/hooks';
  const url = new URL(value);
  if (url.username || url.password) return 'must not contain a user name or password';
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must be an https URL';
  return null;
}
