import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CampaignConversion, SubjectHoldings, Task, Ticket, TicketReply } from '@rapport/domain';
import { CONVERSION_ENTITY } from './campaign-repository';
import { DynamoCustomerRecordRepository } from './customer-record-repository';
import type { AuditedWriter } from './audited-writer';
import { recordOf } from './items';
import { keys, type PrimaryKey } from './keys';
import { queryAll } from './query-all';

/** Behaviour days from the first there can be: a person's copy holds all of them, not the 360 view's window. */
const EVER = '0000-01-01';

export interface SubjectTable {
  client: DynamoDBDocumentClient;
  tableName: string;
  writer: AuditedWriter;
}

/** What the erasure also needs beyond the holdings: the keys of every item it deletes or rewrites. */
export interface SubjectItems {
  holdings: SubjectHoldings;
  /** The items of each ticket's partition (the ticket and its replies). */
  ticketKeys: PrimaryKey[];
  /** The audience chunks holding the person, as stored. */
  audienceChunks: Record<string, unknown>[];
  conversionKeys: PrimaryKey[];
  /** Survey requests sent to the person (their token hashes only). */
  surveyKeys: PrimaryKey[];
}

/**
 * Reads everything one tenant holds about one person, through the indexes each kind is found by
 * (never a scan): their contact partition in one Query; the tickets its snapshots name; their
 * tasks from the task listings (filtered by contact: tasks have no per-contact index, and a
 * tenant's tasks are one bounded listing); the tenant's campaigns, each partition filtered for
 * the person; and the audit events in the table that name the person or one of their records.
 */
export async function readSubject(table: SubjectTable, tenantId: string, contactId: string): Promise<SubjectItems | null> {
  const records = new DynamoCustomerRecordRepository(table, tenantId);
  const collection = await records.collection(contactId, { behaviourSince: EVER });
  const profile = collection.profile;
  if (!profile) return null;

  const tickets: SubjectHoldings['tickets'] = [];
  const ticketKeys: PrimaryKey[] = [];
  for (const snapshot of collection.tickets ?? []) {
    const items = await partition(table, keys.ticketPartition(tenantId, snapshot.id).pk);
    const ticket = items.find((item) => item.sk === keys.ticket(tenantId, snapshot.id).sk);
    ticketKeys.push(...items.map(keyOf));
    if (!ticket) continue;
    const replies = items.filter((item) => String(item.sk).startsWith(keys.ticketReplyPrefix)).map((item) => recordOf<TicketReply>(item));
    tickets.push({ ticket: recordOf<Ticket>(ticket), replies });
  }

  const tasks: Task[] = [];
  for (const status of ['open', 'done'] as const) {
    const listed = await queryAll(table.client, {
      TableName: table.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :listing',
      FilterExpression: 'contactId = :contact',
      ExpressionAttributeValues: { ':listing': keys.taskListing(tenantId, status).gsi1pk, ':contact': contactId },
    });
    tasks.push(...listed.map((item) => recordOf<Task>(item)));
  }

  const campaigns: SubjectHoldings['campaigns'] = [];
  const audienceChunks: Record<string, unknown>[] = [];
  const conversionKeys: PrimaryKey[] = [];
  for (const campaign of await listed(table, keys.campaignListing(tenantId).gsi1pk)) {
    const campaignId = String(campaign.id);
    const conversionKey = keys.campaignConversion(tenantId, campaignId, contactId);
    const items = await queryAll(table.client, {
      TableName: table.tableName,
      KeyConditionExpression: 'pk = :pk',
      // Keys cannot be filtered on: the conversion is told by its entity and contact.
      FilterExpression: 'contains(contactIds, :contact) OR (entity = :conversion AND contactId = :contact)',
      ExpressionAttributeValues: { ':pk': keys.campaignPartition(tenantId, campaignId).pk, ':contact': contactId, ':conversion': CONVERSION_ENTITY },
      ConsistentRead: true,
    });
    if (items.length === 0) continue;
    const conversion = items.find((item) => item.entity === CONVERSION_ENTITY);
    const chunks = items.filter((item) => item !== conversion);
    audienceChunks.push(...chunks);
    if (conversion) conversionKeys.push(conversionKey);
    campaigns.push({ campaignId, inAudience: chunks.length > 0, conversion: conversion ? recordOf<CampaignConversion>(conversion) : null });
  }

  const surveys = await queryAll(table.client, {
    TableName: table.tableName,
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :listing',
    FilterExpression: 'contactId = :contact',
    ExpressionAttributeValues: { ':listing': keys.surveyListing(tenantId).gsi1pk, ':contact': contactId },
  });

  const ids = new Set([
    contactId,
    ...collection.transactions.map((record) => record.id),
    ...collection.interactions.map((record) => record.id),
    ...collection.feedback.map((record) => record.id),
    ...collection.deals.map((deal) => deal.dealId),
    ...tickets.map(({ ticket }) => ticket.id),
    ...tasks.map((task) => task.id),
  ]);
  const auditReferences = (await auditEvents(table, tenantId)).filter((event) => namesAny(event, ids));

  return {
    holdings: { collection: { ...collection, profile }, tickets, tasks, campaigns, auditReferences: auditReferences.map(({ eventId, time, action }) => ({ eventId, time, action })) },
    ticketKeys,
    audienceChunks,
    conversionKeys,
    surveyKeys: surveys.map(keyOf),
  };
}

interface AuditReference {
  eventId: string;
  time: string;
  action: string;
  target?: { id?: string } | null;
  targetIds?: string[];
  details?: Record<string, unknown>;
}

/** The tenant's audit events still in the table (the last 90 days), with only what names a record. */
async function auditEvents(table: SubjectTable, tenantId: string): Promise<AuditReference[]> {
  const items = await queryAll(table.client, {
    TableName: table.tableName,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :events)',
    ExpressionAttributeValues: { ':pk': keys.auditPartition(tenantId).pk, ':events': keys.auditEventPrefix },
    ProjectionExpression: 'eventId, #time, #action, #target, targetIds, details',
    ExpressionAttributeNames: { '#time': 'time', '#action': 'action', '#target': 'target' },
  });
  return items as unknown as AuditReference[];
}

/** Whether an event names one of `ids`: as its target, among its further targets, or as the contact a detail names. */
function namesAny(event: AuditReference, ids: Set<string>): boolean {
  if (event.target?.id && ids.has(event.target.id)) return true;
  if (event.targetIds?.some((id) => ids.has(id))) return true;
  return typeof event.details?.contactId === 'string' && ids.has(event.details.contactId);
}

function partition(table: SubjectTable, pk: string) {
  return queryAll(table.client, { TableName: table.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk }, ConsistentRead: true });
}

function listed(table: SubjectTable, gsi1pk: string) {
  return queryAll(table.client, { TableName: table.tableName, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :listing', ExpressionAttributeValues: { ':listing': gsi1pk } });
}

export const keyOf = (item: Record<string, unknown>): PrimaryKey => ({ pk: String(item.pk), sk: String(item.sk) });
