import { TABLE_SCHEMA } from '@rapport/data';
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

/**
 * Grants a function the table access its route declares, on the table and its named indexes (from
 * `TABLE_SCHEMA`, so no `index/*` wildcard), and the matching use of the table's key.
 */
export function grantTableAccess(grantee: IGrantable & IConstruct, table: ITable, access: NonNullable<RouteAccess['table']>): void {
  const readWrite = access === 'readWrite';
  const indexArns = TABLE_SCHEMA.globalSecondaryIndexes.map(({ indexName }) => `${table.tableArn}/index/${indexName}`);
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({ actions: [...(readWrite ? TABLE_READ_WRITE_ACTIONS : TABLE_READ_ACTIONS)], resources: [table.tableArn, ...indexArns] }),
  );

  const key = table.encryptionKey;
  if (!key) throw new Error('The table is expected to be encrypted with a customer-managed key');
  grantee.grantPrincipal.addToPrincipalPolicy(new PolicyStatement({ actions: readWrite ? KEY_READ_WRITE_ACTIONS : KEY_READ_ACTIONS, resources: [key.keyArn] }));

  if (readWrite) {
    const reason =
      'The KMS actions DynamoDB uses on the caller\'s behalf to read and write a table encrypted with a customer-managed key ' +
      '(the set aws-cdk-lib grants for it), on the one table key only.';
    Validations.of(grantee).acknowledge({ id: 'AwsSolutions-IAM5[Action::kms:ReEncrypt*]', reason });
    Validations.of(grantee).acknowledge({ id: 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]', reason });
  }
}
