import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { auditEventOf, keys } from '@rapport/data';
import type { AuditEvent } from '@rapport/domain';

/** A tenant's audit events as the table holds them, in sequence order. */
export async function auditEventsInTable(documents: DynamoDBDocumentClient, tableName: string, tenantId: string): Promise<AuditEvent[]> {
  const { Items = [] } = await documents.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :events)',
      ExpressionAttributeValues: { ':pk': keys.auditPartition(tenantId).pk, ':events': 'EVENT#' },
      ConsistentRead: true,
    }),
  );
  return Items.map(auditEventOf);
}
