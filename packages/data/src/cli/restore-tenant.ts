/**
 * `npm run restore-tenant`: restores one workspace of the live table from a restored copy of the
 * table (a point-in-time restore or a restored AWS Backup), leaving every other workspace as it is.
 * The runbook is docs/operations.md.
 *
 *   npm run restore-tenant -- --source <restored table> --tenant <tenant id> [--table <live table>] [--dry-run]
 *
 * The live table is `--table` or `TABLE_NAME`. The AWS SDK finds region and credentials as usual,
 * and DynamoDB Local through `AWS_ENDPOINT_URL_DYNAMODB` (or `AWS_ENDPOINT_URL`).
 * Exit codes: 0 done (or dry run), 2 bad arguments or a refused restore (nothing written), 1 failure.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { parseArgs } from 'node:util';
import { restoreTenant, TenantRestoreRefusedError } from '../tenant-restore';

/** A ULID, as every tenant id is: anything else cannot name a workspace. */
const TENANT_ID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

function refuse(message: string): never {
  console.error(message);
  process.exit(2);
}

let values: { source?: string; tenant?: string; table?: string; 'dry-run'?: boolean; segments?: string };
try {
  ({ values } = parseArgs({
    options: {
      source: { type: 'string' },
      tenant: { type: 'string' },
      table: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      segments: { type: 'string', default: '4' },
    },
  }));
} catch (error) {
  refuse(`${(error as Error).message}\nUsage: npm run restore-tenant -- --source <restored table> --tenant <tenant id> [--table <live table>] [--dry-run]`);
}
const source = values.source ?? refuse('--source is required: the restored copy of the table to take the workspace from');
const tenantId = values.tenant ?? refuse('--tenant is required: the id of the workspace to restore');
if (!TENANT_ID.test(tenantId)) refuse(`--tenant must be a workspace id (a ULID of 26 characters), not "${tenantId}"`);
const tableName = values.table ?? process.env.TABLE_NAME ?? refuse('--table (or TABLE_NAME) is required: the live table to restore into');
const segments = Number(values.segments);
if (!Number.isInteger(segments) || segments < 1 || segments > 64) refuse(`--segments must be a whole number from 1 to 64, not "${values.segments}"`);

const client = new DynamoDBClient({});
try {
  const result = await restoreTenant({ client, tableName, sourceTableName: source, tenantId, dryRun: values['dry-run'], segments });
  console.log(JSON.stringify({ tenantId, source, table: tableName, ...result }, null, 2));
  console.error(
    result.dryRun
      ? `Dry run: ${result.put} items would be put back, ${result.deleted} deleted, ${result.unchanged} are as they were. Nothing was written.`
      : `Restored workspace ${tenantId}: ${result.put} items put back, ${result.deleted} deleted, ${result.unchanged} unchanged; audit event ${result.auditEventId}.`,
  );
} catch (error) {
  if (error instanceof TenantRestoreRefusedError) refuse(`Refused, nothing written: ${error.message}`);
  console.error(`Restore failed (run it again to finish it; it only writes what still differs): ${(error as Error).message}`);
  process.exit(1);
} finally {
  client.destroy();
}
