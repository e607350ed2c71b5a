import type { Audited, AuditLog } from '@rapport/domain';
import type { AuditedWriter } from './audited-writer';

/** Audit events that accompany no change (a login, a refusal, a read in clear): one item of their own each. */
export class DynamoAuditLog implements AuditLog {
  readonly #writer: AuditedWriter;

  constructor(writer: AuditedWriter) {
    this.#writer = writer;
  }

  async record(tenantId: string, audited: Audited): Promise<void> {
    await this.#writer.write(tenantId, audited.context, audited.entry);
  }
}
