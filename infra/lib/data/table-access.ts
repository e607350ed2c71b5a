import { TABLE_SCHEMA, type IndexName } from '@rapport/data';
import type { RouteAccess } from '@rapport/http';
import { Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, type IGrantable } from 'aws-cdk-lib/aws-iam';
import type { IConstruct } from 'constructs';

/**
 * Item-level reads only. Deliberately narrower than `Table.grantReadData`: no `Scan` (in a table
 * shared by every tenant a scan reads them all; every access pattern is a key lookup or a query on a
 * tenant-prefixed partition), no stream reads, no `DescribeTable`.
 */
export const TABLE_READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'] as const;

/** Reads plus item writes; `ConditionCheckItem` is what a conditional check inside a transaction needs. */
export const TABLE_READ_WRITE_ACTIONS = [
  ...TABLE_READ_ACTIONS,
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
] as const;

/** What DynamoDB needs of the caller on a table encrypted with a customer-managed key (as aws-cdk-lib grants it). */
const KEY_READ_ACTIONS = ['kms:Decrypt', 'kms:DescribeKey'];
const KEY_READ_WRITE_ACTIONS = [...KEY_READ_ACTIONS, 'kms:Encrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*'];

export interface TableItemGrant {
  /** DynamoDB item actions, on the table itself. */
  actions: readonly string[];
  /** Actions on named indexes (never `index/*`): a query on gsi2 needs `dynamodb:Query` on `<table>/index/gsi2`. */
  indexActions?: { actions: readonly string[]; indexes: readonly IndexName[] };
  /** Whether the grantee writes items, so DynamoDB encrypts with the table key on its behalf; otherwise it only decrypts. */
  writes: boolean;
}

/** Grants exactly the given item actions on the table (and named indexes), and the matching use of the table's key. */
export function grantTableItems(grantee: IGrantable & IConstruct, table: ITable, grant: TableItemGrant): void {
  grantee.grantPrincipal.addToPrincipalPolicy(new PolicyStatement({ actions: [...grant.actions], resources: [table.tableArn] }));
  if (grant.indexActions) {
    const { actions, indexes } = grant.indexActions;
    grantee.grantPrincipal.addToPrincipalPolicy(new PolicyStatement({ actions: [...actions], resources: indexes.map((name) => indexArn(table, name)) }));
  }
  grantTableKeyUse(grantee, table, grant.writes ? 'readWrite' : 'read');
}

/**
 * Grants a function the table access its route declares, on the table and its named indexes (from
 * `TABLE_SCHEMA`, so no `index/*` wildcard), and the matching use of the table's key.
 */
export function grantTableAccess(grantee: IGrantable & IConstruct, table: ITable, access: NonNullable<RouteAccess['table']>): void {
  const readWrite = access === 'readWrite';
  const indexArns = TABLE_SCHEMA.globalSecondaryIndexes.map(({ indexName }) => indexArn(table, indexName));
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({ actions: [...(readWrite ? TABLE_READ_WRITE_ACTIONS : TABLE_READ_ACTIONS)], resources: [table.tableArn, ...indexArns] }),
  );
  grantTableKeyUse(grantee, table, access);
}

/** The partition keys of the rate counters (`keys.rateCounter`), as an IAM `StringLike` pattern. */
export const RATE_COUNTER_LEADING_KEYS = 'TENANT#*#RATE#*';

/**
 * What counting a request against the rate limits needs of a function that otherwise only reads:
 * `UpdateItem` on the rate counter items only (their partition key is `TENANT#<t>#RATE#<shard>`;
 * IAM's `dynamodb:LeadingKeys` holds it to those), and the table key's use for a write.
 */
export function grantRateCounting(grantee: IGrantable & IConstruct, table: ITable): void {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      actions: ['dynamodb:UpdateItem'],
      resources: [table.tableArn],
      conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [RATE_COUNTER_LEADING_KEYS] } },
    }),
  );
  grantTableKeyUse(grantee, table, 'readWrite');
}

/** The table key's use DynamoDB makes on the caller's behalf: decrypt to read, and encrypt as well to write. */
export function grantTableKeyUse(grantee: IGrantable & IConstruct, table: ITable, use: 'read' | 'readWrite'): void {
  const key = table.encryptionKey;
  if (!key) throw new Error('The table is expected to be encrypted with a customer-managed key');
  const readWrite = use === 'readWrite';
  grantee.grantPrincipal.addToPrincipalPolicy(new PolicyStatement({ actions: readWrite ? KEY_READ_WRITE_ACTIONS : KEY_READ_ACTIONS, resources: [key.keyArn] }));

  if (readWrite) {
    const reason =
      'The KMS actions DynamoDB uses on the caller\'s behalf to read and write a table encrypted with a customer-managed key ' +
      '(the set aws-cdk-lib grants for it), on the one table key only.';
    Validations.of(grantee).acknowledge({ id: 'AwsSolutions-IAM5[Action::kms:ReEncrypt*]', reason });
    Validations.of(grantee).acknowledge({ id: 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]', reason });
  }
}

const indexArn = (table: ITable, indexName: string): string => `${table.tableArn}/index/${indexName}`;
