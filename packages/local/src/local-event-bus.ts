import { EVENT_SOURCE, putEventsEntryOf, type DomainEventBridgeEvent } from '@rapport/events';
import type { DomainEvent, EventPublisher, RetryScheduler, WebhookRetry } from '@rapport/domain';
import type { SQSEvent } from 'aws-lambda';
import { createHash, randomUUID } from 'node:crypto';
import { LOCAL_REGION } from './engines/running-engine';

export const LOCAL_EVENT_BUS = 'rapport-local';
const LOCAL_ACCOUNT = '000000000000';
/** As EventBridge retries an asynchronous invocation that failed: twice more, then it is dropped (and logged). */
const DISPATCH_ATTEMPTS = 3;

export interface LocalEventBusOptions {
  /** The rule's target: the webhook dispatcher, given the event as EventBridge delivers it. */
  dispatch: (event: DomainEventBridgeEvent) => Promise<unknown>;
  /** The retry queue's consumer, given the retry as SQS delivers it. */
  retry: (event: SQSEvent) => Promise<unknown>;
  logger?: Pick<Console, 'warn' | 'error'>;
  /** Pause before invoking the dispatcher again after it failed. */
  redispatchDelayMs?: number;
}

/**
 * The event bus and the retry queue, in process: `publish` takes the same PutEvents entries the
 * EventBridge adapter sends and invokes the dispatcher asynchronously with the event shape a rule
 * target receives (every event has source `rapport`, which is all the rule matches); `schedule`
 * holds a retry on a timer and then invokes the retry handler with the SQS shape, as the delay
 * queue would. Nothing outlives the process: locally, retries pending at a restart are lost.
 */
export class LocalEventBus implements EventPublisher, RetryScheduler {
  readonly #options: LocalEventBusOptions;
  readonly #inFlight = new Set<Promise<void>>();
  readonly #timers = new Set<NodeJS.Timeout>();
  #stopped = false;

  constructor(options: LocalEventBusOptions) {
    this.#options = options;
  }

  async publish(events: DomainEvent[]): Promise<{ failed: DomainEvent[] }> {
    if (this.#stopped) return { failed: events };
    for (const event of events) {
      const entry = putEventsEntryOf(event, LOCAL_EVENT_BUS);
      const busEvent: DomainEventBridgeEvent = {
        version: '0',
        id: randomUUID(),
        'detail-type': entry.DetailType!,
        source: EVENT_SOURCE,
        account: LOCAL_ACCOUNT,
        time: entry.Time!.toISOString().replace(/\.\d{3}Z$/, 'Z'),
        region: LOCAL_REGION,
        resources: [],
        detail: JSON.parse(entry.Detail!) as DomainEvent,
      };
      this.#track(this.#dispatch(busEvent));
    }
    return { failed: [] };
  }

  async schedule(retry: WebhookRetry, delaySeconds: number): Promise<void> {
    if (this.#stopped) return;
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      const body = JSON.stringify(retry);
      const messageId = randomUUID();
      this.#track(
        this.#options
          .retry({
            Records: [
              {
                messageId,
                receiptHandle: messageId,
                body,
                attributes: {
                  ApproximateReceiveCount: '1',
                  SentTimestamp: String(Date.now()),
                  SenderId: LOCAL_ACCOUNT,
                  ApproximateFirstReceiveTimestamp: String(Date.now()),
                },
                messageAttributes: {},
                md5OfBody: createHash('md5').update(body).digest('hex'),
                eventSource: 'aws:sqs',
                eventSourceARN: `arn:aws:sqs:${LOCAL_REGION}:${LOCAL_ACCOUNT}:rapport-local-webhook-retries`,
                awsRegion: LOCAL_REGION,
              },
            ],
          })
          .then(() => undefined)
          .catch((error: unknown) => (this.#options.logger ?? console).error('The webhook retry handler failed', error)),
      );
    }, delaySeconds * 1000);
    this.#timers.add(timer);
  }

  /** Resolves once every dispatch and retry begun so far (and what they start in turn) has finished. */
  async settled(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.all([...this.#inFlight]);
  }

  /** Drops pending retries and waits for what is running. */
  async stop(): Promise<void> {
    this.#stopped = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    await this.settled();
  }

  async #dispatch(busEvent: DomainEventBridgeEvent): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.#options.dispatch(busEvent);
        return;
      } catch (error) {
        if (attempt >= DISPATCH_ATTEMPTS || this.#stopped) {
          (this.#options.logger ?? console).error(`The webhook dispatcher failed on event ${busEvent.detail.id} ${attempt} times; dropped`, error);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, (this.#options.redispatchDelayMs ?? 500) * attempt));
      }
    }
  }

  #track(work: Promise<void>) {
    this.#inFlight.add(work);
    void work.finally(() => this.#inFlight.delete(work));
  }
}
