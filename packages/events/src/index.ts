export { EVENT_SOURCE, MAX_ENTRIES_PER_PUT, putEventsEntryOf, type DomainEventBridgeEvent } from './event-bus';
export { EventBridgeEventPublisher, type EventBridgeEventPublisherOptions } from './eventbridge-publisher';
export { MAX_SQS_DELAY_SECONDS, SqsRetryScheduler, parseDomainEvent, parseRetryMessage, secondsUntilDue, type SqsRetrySchedulerOptions } from './sqs-retry-scheduler';
export { HttpWebhookSender, type HttpWebhookSenderOptions } from './http-webhook-sender';
export { signatureHeaders } from './webhook-signature';
export { OUTBOUND_STREAM_FILTER, matchesOutboundStreamFilter, readDomainEvents, type StreamedDomainEvent } from './stream-events';
export { EventsError, MalformedRetryError } from './errors';
export { ANALYTICS_STREAM_FILTERS, matchesAnalyticsStreamFilter, sourceChangeOf } from './analytics-stream';
