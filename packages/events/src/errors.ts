/** Base of the events package's errors. */
export class EventsError extends Error {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = 'EventsError';
  }
}

/** A retry message on the queue that is not one this product wrote. */
export class MalformedRetryError extends EventsError {
  constructor(messageId: string, options: { cause?: unknown } = {}) {
    super(`Retry message ${messageId} is not a webhook retry`, options);
    this.name = 'MalformedRetryError';
  }
}
