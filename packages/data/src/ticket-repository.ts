import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  isActive,
  NotFoundError,
  SurveyGoneError,
  watchedDueAt,
  type Audited,
  type Feedback,
  type Page,
  type SlaPolicy,
  type SurveyRequest,
  type Ticket,
  type TicketFilter,
  type TicketRepository,
  type TicketWriteExtras,
} from '@rapport/domain';
import { AuditedWriter, ChangeConditionFailedError, staleOrMissing, type TransactItem } from './audited-writer';
import type { TableOptions } from './contact-repository';
import { customerRecordItem } from './customer-record-repository';
import { recordOf } from './items';
import { keys } from './keys';

/** The entity names analytics and the 360 view read (the cross-area Ticket contract). */
const TICKET_ENTITY = 'ticket';
const SNAPSHOT_ENTITY = 'contact-ticket';
/** Survey requests stay readable (as used or expired) this long after they expire, then TTL removes them. */
const SURVEY_KEEP_SECONDS = 30 * 86_400;

/**
 * Tickets in their own partitions (with their replies), listed through gsi1, active ones also in
 * the sparse due-time index (gsi2); each write also keeps the ticket's snapshot in its contact's
 * partition while that contact exists, so the 360 view reads it with the rest of the customer.
 */
export class DynamoTicketRepository implements TicketRepository {
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;
  readonly #tenantId: string;
  readonly #writer: AuditedWriter;

  constructor(options: TableOptions & { writer: AuditedWriter }, tenantId: string) {
    this.#client = options.client;
    this.#tableName = options.tableName;
    this.#writer = options.writer;
    this.#tenantId = tenantId;
  }

  async getPolicy(): Promise<SlaPolicy | null> {
    const { Item } = await this.#client.send(new GetCommand({ TableName: this.#tableName, Key: keys.slaPolicy(this.#tenantId), ConsistentRead: true }));
    return Item ? recordOf<SlaPolicy>(Item) : null;
  }

  async putPolicy(policy: SlaPolicy, audit: Audited): Promise<void> {
    await this.#writer.write(this.#tenantId, audit.context, audit.entry, [
      { Put: { TableName: this.#tableName, Item: { ...keys.slaPolicy(this.#tenantId), entity: 'sla-policy', ...policy } } },
    ]);
  }

  async create(ticket: Ticket, audit: Audited, complaint?: Feedback): Promise<void> {
    const contactId = ticket.contactId;
    const changes: TransactItem[] = [
      ...(contactId ? [this.#contactExists(contactId)] : []),
      { Put: { TableName: this.#tableName, Item: this.#ticketItem(ticket), ConditionExpression: 'attribute_not_exists(pk)' } },
      ...(contactId ? [this.#snapshotPut(ticket, contactId)] : []),
      ...(complaint ? [{ Put: { TableName: this.#tableName, Item: customerRecordItem(this.#tenantId, 'feedback', complaint), ConditionExpression: 'attribute_not_exists(pk)' } }] : []),
    ];
    try {
      await this.#writer.write(this.#tenantId, audit.context, audit.entry, changes);
    } catch (error) {
      if (error instanceof ChangeConditionFailedError && contactId && error.index === 0) throw new NotFoundError('contact', contactId, { cause: error });
      throw error;
    }
  }

  async get(id: string): Promise<Ticket | null> {
    const { Item } = await this.#client.send(new GetCommand({ TableName: this.#tableName, Key: keys.ticket(this.#tenantId, id), ConsistentRead: true }));
    return Item ? recordOf<Ticket>(Item) : null;
  }

  async replace(next: Ticket, previous: Ticket, audit: Audited, extras: TicketWriteExtras = {}): Promise<void> {
    const contactId = previous.contactId;
    // The snapshot and the complaint live in the contact's partition: written only while the
    // contact exists (checked in the transaction), so a deleted contact leaves nothing behind.
    let withContact = contactId !== undefined && (await this.#exists(keys.contact(this.#tenantId, contactId)));
    for (;;) {
      const contactItems: TransactItem[] =
        withContact && contactId
          ? [
              this.#contactExists(contactId),
              this.#snapshotPut(next, contactId),
              ...(extras.closeComplaint && previous.feedbackId ? [this.#closeComplaint(contactId, previous.feedbackId, previous.id)] : []),
            ]
          : [];
      const changes: TransactItem[] = [
        this.#versionedPut(next, previous),
        ...contactItems,
        ...(extras.reply
          ? [{ Put: { TableName: this.#tableName, Item: { ...keys.ticketReply(this.#tenantId, previous.id, extras.reply.id), entity: 'ticket-reply', ...extras.reply } } }]
          : []),
        ...(extras.survey ? [{ Put: { TableName: this.#tableName, Item: this.#surveyItem(extras.survey), ConditionExpression: 'attribute_not_exists(pk)' } }] : []),
      ];
      try {
        await this.#writer.write(this.#tenantId, audit.context, audit.entry, changes);
        return;
      } catch (error) {
        if (error instanceof ChangeConditionFailedError && error.index === 1 && withContact) {
          withContact = false; // the contact was deleted meanwhile: write the ticket alone
          continue;
        }
        throw staleOrMissing(error, 'ticket', previous.id, previous.version);
      }
    }
  }

  async list(filter: TicketFilter, { limit, afterId }: { limit: number; afterId?: string }): Promise<Page<Ticket>> {
    const conditions = (Object.entries(filter) as [string, string | undefined][]).filter(([, value]) => value !== undefined);
    const { Items = [], LastEvaluatedKey } = await this.#client.send(
      new QueryCommand({
        TableName: this.#tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :listing',
        ...(conditions.length > 0
          ? {
              FilterExpression: conditions.map(([name]) => `#${name} = :${name}`).join(' AND '),
              ExpressionAttributeNames: Object.fromEntries(conditions.map(([name]) => [`#${name}`, name])),
            }
          : {}),
        ExpressionAttributeValues: { ':listing': keys.ticketListing(this.#tenantId).gsi1pk, ...Object.fromEntries(conditions.map(([name, value]) => [`:${name}`, value])) },
        Limit: limit,
        ...(afterId === undefined ? {} : { ExclusiveStartKey: { ...keys.ticket(this.#tenantId, afterId), ...keys.ticketListing(this.#tenantId, afterId) } }),
      }),
    );
    const items = Items.map((item) => recordOf<Ticket>(item));
    // A filtered page may hold fewer items than asked (or none) and still have a next page.
    const lastKey = LastEvaluatedKey ? String(LastEvaluatedKey.gsi1sk) : null;
    return { items, lastId: lastKey };
  }

  async listOverdue(now: string, { limit, afterId }: { limit: number; afterId?: string }): Promise<Page<Ticket>> {
    const after = afterId === undefined ? undefined : /^(.+)#([0-9A-HJKMNP-TV-Z]{26})$/.exec(afterId);
    const { Items = [], LastEvaluatedKey } = await this.#client.send(
      new QueryCommand({
        TableName: this.#tableName,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :due AND gsi2sk < :now',
        ExpressionAttributeValues: { ':due': keys.ticketDue(this.#tenantId).gsi2pk, ':now': now },
        Limit: limit,
        ...(after ? { ExclusiveStartKey: { ...keys.ticket(this.#tenantId, after[2]!), ...keys.ticketDue(this.#tenantId, after[1]!, after[2]!) } } : {}),
      }),
    );
    return { items: Items.map((item) => recordOf<Ticket>(item)), lastId: LastEvaluatedKey ? String(LastEvaluatedKey.gsi2sk) : null };
  }

  async getSurvey(tokenHash: string): Promise<SurveyRequest | null> {
    const { Item } = await this.#client.send(new GetCommand({ TableName: this.#tableName, Key: keys.surveyRequest(this.#tenantId, tokenHash), ConsistentRead: true }));
    return Item ? recordOf<SurveyRequest>(Item) : null;
  }

  async answerSurvey(survey: SurveyRequest, feedback: Feedback, next: Ticket, previous: Ticket, audit: Audited): Promise<void> {
    try {
      await this.#writer.write(this.#tenantId, audit.context, audit.entry, [
        {
          Update: {
            TableName: this.#tableName,
            Key: keys.surveyRequest(this.#tenantId, survey.tokenHash),
            UpdateExpression: 'SET usedAt = :usedAt',
            ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(usedAt)',
            ExpressionAttributeValues: { ':usedAt': survey.usedAt },
          },
        },
        this.#contactExists(survey.contactId),
        { Put: { TableName: this.#tableName, Item: customerRecordItem(this.#tenantId, 'feedback', feedback), ConditionExpression: 'attribute_not_exists(pk)' } },
        this.#versionedPut(next, previous),
        this.#snapshotPut(next, survey.contactId),
      ]);
    } catch (error) {
      if (error instanceof ChangeConditionFailedError && error.index === 0) throw new SurveyGoneError('used');
      if (error instanceof ChangeConditionFailedError && error.index === 1) throw new SurveyGoneError('unknown');
      throw staleOrMissing(error, 'ticket', previous.id, previous.version);
    }
  }

  #ticketItem(ticket: Ticket): Record<string, unknown> {
    return {
      ...keys.ticket(this.#tenantId, ticket.id),
      ...keys.ticketListing(this.#tenantId, ticket.id),
      // Only active tickets are in the due-time index (resolving one takes it out).
      ...(isActive(ticket) ? keys.ticketDue(this.#tenantId, watchedDueAt(ticket), ticket.id) : {}),
      entity: TICKET_ENTITY,
      ...ticket,
    };
  }

  #versionedPut(next: Ticket, previous: Ticket): TransactItem {
    return {
      Put: {
        TableName: this.#tableName,
        Item: this.#ticketItem(next),
        ConditionExpression: '#version = :version',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':version': previous.version },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    };
  }

  /** The 360 view's copy: the SLA state, never the subject or description (personal, and not needed there). */
  #snapshotPut(ticket: Ticket, contactId: string): TransactItem {
    const snapshot = {
      id: ticket.id,
      contactId,
      status: ticket.status,
      priority: ticket.priority,
      ...(ticket.channel === undefined ? {} : { channel: ticket.channel }),
      ...(ticket.assigneeId === undefined ? {} : { assigneeId: ticket.assigneeId }),
      createdAt: ticket.createdAt,
      firstResponseDueAt: ticket.firstResponseDueAt,
      resolutionDueAt: ticket.resolutionDueAt,
      ...(ticket.firstResponseAt === undefined ? {} : { firstResponseAt: ticket.firstResponseAt }),
      ...(ticket.resolvedAt === undefined ? {} : { resolvedAt: ticket.resolvedAt }),
      firstResponseBreached: ticket.firstResponseBreached,
      resolutionBreached: ticket.resolutionBreached,
      ticketVersion: ticket.version,
    };
    return { Put: { TableName: this.#tableName, Item: { ...keys.contactTicket(this.#tenantId, contactId, ticket.id), entity: SNAPSHOT_ENTITY, ...snapshot } } };
  }

  #closeComplaint(contactId: string, feedbackId: string, ticketId: string): TransactItem {
    return {
      Update: {
        TableName: this.#tableName,
        Key: keys.contactRecord(this.#tenantId, contactId, 'FEEDBACK', feedbackId),
        UpdateExpression: 'SET #status = :closed, ticketId = :ticketId',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':closed': 'closed', ':ticketId': ticketId },
      },
    };
  }

  #surveyItem(survey: SurveyRequest): Record<string, unknown> {
    return {
      ...keys.surveyRequest(this.#tenantId, survey.tokenHash),
      ...keys.surveyListing(this.#tenantId, survey.tokenHash),
      entity: 'survey-request',
      ...survey,
      expiresAt: Math.floor(Date.parse(survey.validUntil) / 1000) + SURVEY_KEEP_SECONDS,
    };
  }

  #contactExists(contactId: string): TransactItem {
    return { ConditionCheck: { TableName: this.#tableName, Key: keys.contact(this.#tenantId, contactId), ConditionExpression: 'attribute_exists(pk)' } };
  }

  async #exists(key: { pk: string; sk: string }): Promise<boolean> {
    const { Item } = await this.#client.send(new GetCommand({ TableName: this.#tableName, Key: key, ConsistentRead: true, ProjectionExpression: 'pk' }));
    return Item !== undefined;
  }
}
