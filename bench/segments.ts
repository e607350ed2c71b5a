/**
 * `npm run bench:segments`: starts the local stack on a throw-away data folder, writes a tenant's
 * contacts straight into the table (profiles in four regions, scores items for 60 % of them, an
 * order in the last 90 days for half), and times evaluating the brief's example segment (bought in
 * the last 90 days AND region = east AND RFM ≥ 4-4-4) over all of them through the API: the count,
 * a page of members and a campaign launch (which stores the audience). Reports seconds, contacts
 * per second and what evaluation read (listing items, scores items, partition Queries).
 *
 * BENCH_SEGMENT_CONTACTS sets the contacts (default 5,000).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { keys } from '@rapport/data';
import { LIFTED_RATE_LIMITS, localClientConfig, startLocalStack } from '@rapport/local';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ulid } from 'ulid';

const contacts = Number(process.env.BENCH_SEGMENT_CONTACTS ?? 5_000);
const root = resolve(import.meta.dirname, '..');
const dataDir = mkdtempSync(join(tmpdir(), 'rapport-bench-segments-'));
const DAY_MS = 86_400_000;

process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
const stack = await startLocalStack({ dataDir, apiPort: 0, enginePorts: { dynamodb: 0, cognito: 0, s3: 0 }, functionsDir: join(root, 'functions'), rateLimits: LIFTED_RATE_LIMITS });

async function call(method: string, path: string, body?: unknown, token?: string) {
  const response = await fetch(`${stack.api.url}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
  return response.json() as Promise<any>;
}

async function writeAll(documents: DynamoDBDocumentClient, tableName: string, items: Record<string, unknown>[]) {
  const batches: Record<string, unknown>[][] = [];
  for (let start = 0; start < items.length; start += 25) batches.push(items.slice(start, start + 25));
  for (let start = 0; start < batches.length; start += 8) {
    await Promise.all(
      batches.slice(start, start + 8).map(async (batch) => {
        let requests = batch.map((Item) => ({ PutRequest: { Item } }));
        while (requests.length > 0) {
          const result = await documents.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
          requests = (result.UnprocessedItems?.[tableName] ?? []) as typeof requests;
        }
      }),
    );
  }
}

try {
  const signup = { companyName: 'Bench Co', name: 'Bench', email: `bench-${Date.now()}@example.com`, password: 'Bench-Passw0rd' };
  const { tenantId } = await call('POST', '/v1/signup', signup);
  const { accessToken: token } = await call('POST', '/v1/auth/login', { email: signup.email, password: signup.password });
  const documents = DynamoDBDocumentClient.from(new DynamoDBClient(localClientConfig(stack.engines.dynamodb.endpoint)));
  const now = Date.now();
  const items: Record<string, unknown>[] = [];
  const regions = ['east', 'west', 'north', 'south'];
  for (let i = 0; i < contacts; i++) {
    const id = ulid(now - (contacts - i) * 1000);
    const at = new Date(now).toISOString();
    items.push({ ...keys.contact(tenantId, id), ...keys.contactListing(tenantId, id), entity: 'contact', id, firstName: `Bench${i}`, ownerId: 'bench', region: regions[i % 4], lifecycleStage: 'customer', version: 1, createdAt: at, updatedAt: at });
    if (i % 5 < 3) {
      const score = 3 + (i % 3);
      items.push({ ...keys.customerScores(tenantId, id), ...keys.customerScoresListing(tenantId, id), entity: 'customer-scores', contactId: id, recency: score, frequency: score, monetary: score, rfm: `${score}-${score}-${score}`, orderCount: 1, monetaryMinor: 1000, churnRisk: { score: 0.1, level: 'low', features: [] }, computedAt: at });
    }
    const time = new Date(now - (i % 2 === 0 ? 10 : 200) * DAY_MS).toISOString();
    const orderId = ulid(Date.parse(time));
    items.push({ ...keys.contactRecord(tenantId, id, 'TXN', orderId), entity: 'transaction', id: orderId, contactId: id, items: [{ product: 'Tea', quantity: 1, unitPrice: '10.00' }], currency: 'EUR', amount: '10.00', amountMinor: 1000, time, createdBy: 'bench', createdAt: at });
  }
  const seedStart = performance.now();
  await writeAll(documents, stack.tableName, items);
  const rules = {
    all: [
      { field: 'purchase', op: 'inLastDays', value: 90 },
      { field: 'region', op: 'eq', value: 'east' },
      { field: 'rfm.recency', op: 'gte', value: 4 },
      { field: 'rfm.frequency', op: 'gte', value: 4 },
      { field: 'rfm.monetary', op: 'gte', value: 4 },
    ],
  };
  const segment = await call('POST', '/v1/segments', { name: 'Bench', rules }, token);
  console.log(`\n## Segment evaluation: ${contacts.toLocaleString('en')} contacts (${items.length.toLocaleString('en')} items, seeded in ${((performance.now() - seedStart) / 1000).toFixed(1)} s), local stack on ${process.platform}/${process.arch}, Node ${process.version}\n`);
  console.log('| step | seconds | contacts/s | result |');
  console.log('|---|---:|---:|---|');
  const timed = async (step: string, action: () => Promise<any>, result: (value: any) => string) => {
    const start = performance.now();
    const value = await action();
    const seconds = (performance.now() - start) / 1000;
    console.log(`| ${step} | ${seconds.toFixed(2)} | ${(contacts / seconds).toFixed(0)} | ${result(value)} |`);
  };
  await timed('GET /v1/segments/{id}/count', () => call('GET', `/v1/segments/${segment.id}/count`, undefined, token), (count) =>
    `${count.members} members; read ${count.contactsRead} profiles, ${count.scoresRead} scores, ${count.partitionQueries} partition Queries`);
  await timed('GET /v1/segments/{id}/members?limit=100', () => call('GET', `/v1/segments/${segment.id}/members?limit=100`, undefined, token), (page) => `${page.items.length} members`);
  const campaign = await call('POST', '/v1/campaigns', { name: 'Bench', channel: 'email', segmentId: segment.id, currency: 'EUR' }, token);
  await timed('POST /v1/campaigns/{id}/launch', () => call('POST', `/v1/campaigns/${campaign.id}/launch`, undefined, token), (launched) => `audience ${launched.audienceSize}`);
  console.log();
} finally {
  await stack.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
