/**
 * What the audit jobs log through. A Powertools `Logger` fits it; the package does not depend on
 * Powertools, so the jobs run the same under a test, the local stack or Lambda.
 */
export interface AuditLogger {
  info(message: string, ...attributes: Array<Record<string, unknown>>): void;
  warn(message: string, ...attributes: Array<Record<string, unknown>>): void;
  error(message: string, ...attributes: Array<Record<string, unknown>>): void;
}

/** The default when none is given: the console, since an audit job's failure must never go unseen. */
export const consoleAuditLogger: AuditLogger = {
  info: (message, ...attributes) => console.info(message, ...attributes),
  warn: (message, ...attributes) => console.warn(message, ...attributes),
  error: (message, ...attributes) => console.error(message, ...attributes),
};
