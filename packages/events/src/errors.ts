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

/** A reminder event that is not one this product's schedules send. */
export class MalformedReminderError extends EventsError {
  constructor(options: { cause?: unknown } = {}) {
    super('The event is not a task reminder', options);
    this.name = 'MalformedReminderError';
  }
}
