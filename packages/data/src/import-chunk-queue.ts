import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { ImportChunkMessage, ImportChunkQueue } from '@rapport/domain';

/** The import worker's queue in SQS (locally, the local stack's queue behind the same API). */
export class SqsImportChunkQueue implements ImportChunkQueue {
  readonly #sqs: SQSClient;
  readonly #queueUrl: string;

  constructor(options: { sqs: SQSClient; queueUrl: string }) {
    this.#sqs = options.sqs;
    this.#queueUrl = options.queueUrl;
  }

  async send(message: ImportChunkMessage): Promise<void> {
    await this.#sqs.send(new SendMessageCommand({ QueueUrl: this.#queueUrl, MessageBody: JSON.stringify(message) }));
  }
}

/** The message of an SQS record, checked: a malformed one is dropped by the caller, not retried. */
export function importChunkMessageOf(body: string): ImportChunkMessage | null {
  try {
    const value = JSON.parse(body) as Partial<ImportChunkMessage>;
    if (typeof value.tenantId !== 'string' || typeof value.importId !== 'string') return null;
    const chunk = value.chunk;
    const isChunk = chunk !== undefined && [chunk.index, chunk.row, chunk.byte].every((n) => Number.isInteger(n) && n >= 0);
    return {
      tenantId: value.tenantId,
      importId: value.importId,
      ...(value.mode === 'dry-run' ? { mode: 'dry-run' as const } : {}),
      ...(isChunk ? { chunk: { index: chunk.index, row: chunk.row, byte: chunk.byte } } : {}),
      ...(value.resumed === true ? { resumed: true } : {}),
    };
  } catch {
    return null;
  }
}
