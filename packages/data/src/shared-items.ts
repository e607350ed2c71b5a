import type { PrimaryKey } from './keys';

/**
 * Which items a request's write may touch, and why none of them makes a tenant's people wait on
 * each other. A write's own record lives in its own partition (a contact's profile, lookups, orders,
 * snapshots…); anything else it touches is a *shared item*, listed here with who writes it and why
 * it cannot become a hot spot. An end-to-end test (`test/e2e/shared-items.test.ts`) records every
 * item the handlers write while it drives the write routes, and fails on any item this module does
 * not name: adding a counter, a total or a lock to a request path means adding it here, with its reason.
 *
 * Workspace totals are kept off the request path altogether: the contact completeness totals
 * (`keys.contactCompleteness`) are moved by the table stream's projector, a batch at a time, so no
 * request writes them and they are not listed.
 *
 * Keys are matched with the tenant prefix (TENANT#<t>) taken off; `<id>` is a ULID.
 */

/** A record's own partition: the record and what belongs to it alone. */
export interface RecordPartition {
  name: string;
  /** The partition key after the tenant's prefix. */
  pattern: RegExp;
}

/** An item several records' writes touch, within one tenant. */
export interface SharedItem {
  name: string;
  /** Its key, as `keys.ts` spells it. */
  key: string;
  /** `<pk after the tenant's prefix> <sk>`. */
  pattern: RegExp;
  /** Which request paths write it. */
  writers: string;
  /** Why concurrent writes of one tenant do not queue on it. */
  whyNoHotSpot: string;
}

const ID = '[0-9A-HJKMNP-TV-Z]{26}';
/** A SHA-256 or HMAC in base64url: token hashes, name hashes, fingerprints. */
const HASH = '[A-Za-z0-9_-]{43}';
const partition = (name: string, pk: string): RecordPartition => ({ name, pattern: new RegExp(`^${pk}$`) });

export const RECORD_PARTITIONS: readonly RecordPartition[] = [
  partition('contact (profile, lookups, orders, interactions, feedback, behaviour days, company copy, deal and ticket snapshots, merges, scores)', `#CONTACT#${ID}`),
  partition('company', `#COMPANY#${ID}`),
  partition('deal', `#DEAL#${ID}`),
  partition('ticket (and its replies)', `#TICKET#${ID}`),
  partition('task', `#TASK#${ID}`),
  partition('segment', `#SEGMENT#${ID}`),
  partition('campaign (audience chunks, one conversion per contact)', `#CAMPAIGN#${ID}`),
  partition('import job (its checkpoint, a dry run\'s seen-value claims)', `#IMPORT#${ID}`),
  partition('membership', `#USER#${ID}`),
  partition('custom role', `#ROLE#${ID}`),
  partition('invitation', `#INVITE#${HASH}`),
  partition('survey request', `#SURVEY#${HASH}`),
  partition('ingest key', `#INGESTKEY#${ID}`),
  partition('webhook (and its delivery log)', `#WEBHOOK#${ID}`),
  partition('idempotency record (one per Idempotency-Key: the request\'s state, then its first answer; 24 h)', `#IDEMPOTENCY#${HASH}`),
];

export const SHARED_ITEMS: readonly SharedItem[] = [
  {
    name: 'company contact count',
    key: 'keys.company: TENANT#<t>#COMPANY#<id> PROFILE (contactCount)',
    pattern: new RegExp(`^#COMPANY#${ID} PROFILE$`),
    writers: 'contact writes that link or unlink the company (create, update, delete, merge, undo), company writes',
    whyNoHotSpot:
      'one counter per company, moved only by writes of that company\'s own contacts (an import batch nets its moves per company), so it is as ' +
      'busy as one account, not as the workspace. It stays in the transaction so a company in use cannot be deleted.',
  },
  {
    name: 'pipeline open-deal counts, one shard',
    key: 'keys.pipelineOpenDeals: TENANT#<t>#PIPELINE#<p>#OPEN#<h> OPEN_DEALS (open deals per stage)',
    pattern: new RegExp(`^#PIPELINE#${ID}#OPEN#[0-9a-f] OPEN_DEALS$`),
    writers: 'deal create, move, won, lost, delete; lead conversion; deleting a contact with open deals; stage changes of the pipeline',
    whyNoHotSpot:
      'sixteen shards per pipeline; a deal write moves only the shard its deal id hashes to (entering and leaving a stage in the same one, ' +
      'so no shard goes below zero). Removing a stage takes it off every shard in one transaction, on the condition that each counts no open ' +
      'deal there: still atomic, but a pipeline edit, not a deal write, is what touches all sixteen.',
  },
  {
    name: 'pipeline',
    key: 'keys.pipeline: TENANT#<t>#PIPELINE#<id> PIPELINE',
    pattern: new RegExp(`^#PIPELINE#${ID} PIPELINE$`),
    writers: 'POST and PATCH /v1/pipelines (and the default pipeline, made on first use); deal writes only for a pipeline created before the count shards',
    whyNoHotSpot:
      'edited by a manager. A pipeline created before the shards keeps its open-deal counts on this item, and its deal writes still move it: ' +
      'such a pipeline is per-pipeline hot until recreated (moving its counts into shards would need each deal to say where it is counted).',
  },
  {
    name: 'campaign counters',
    key: 'keys.campaign: TENANT#<t>#CAMPAIGN#<id> CAMPAIGN (conversions, conversionValueMinor)',
    pattern: new RegExp(`^#CAMPAIGN#${ID} CAMPAIGN$`),
    writers: 'POST /v1/campaigns/{id}/conversions, campaign edits and launch',
    whyNoHotSpot: 'one per campaign, moved once per converting contact of that campaign (the conversion itself is a conditional put), not by the workspace\'s other writes.',
  },
  {
    name: 'audit event',
    key: 'keys.auditEvent: TENANT#<t>#AUDIT EVENT#<eventId>',
    pattern: new RegExp(`^#AUDIT EVENT#${ID}$`),
    writers: 'every audited write and every read in clear',
    whyNoHotSpot: 'a new item per event, put once under attribute_not_exists and never updated: no two writes move the same event (sequencing happens later, in the stream integrator, off the request path).',
  },
  {
    name: 'custom field definitions, key locks and counter',
    key: 'keys.fieldDefinition / fieldKey / fieldCounter: TENANT#<t>#FIELDS DEF#<id> | KEY#<entity>#<key> | COUNT',
    pattern: new RegExp(`^#FIELDS (DEF#${ID}|KEY#[a-z]+#[a-z0-9_]+|COUNT)$`),
    writers: 'POST, PATCH, DELETE /v1/fields only (settings:manage)',
    whyNoHotSpot: 'written by an administrator defining fields, a handful of times in a workspace\'s life; record writes only read the partition.',
  },
  {
    name: 'workspace counts of bounded kinds',
    key: 'keys.workspaceCount: TENANT#<t>#COUNTS ROLES | INGEST_KEYS',
    pattern: /^#COUNTS (ROLES|INGEST_KEYS)$/,
    writers: 'POST and DELETE /v1/roles, POST and DELETE /v1/ingest-keys only (users:manage, settings:manage)',
    whyNoHotSpot: 'moved by an administrator creating or removing a role or an ingest key, a handful of times in a workspace\'s life; no record write touches it.',
  },
  {
    name: 'imported row claim',
    key: 'keys.importRowClaim: TENANT#<t>#IMPORTROWS#<entity>#<s> <fingerprint>',
    pattern: new RegExp(`^#IMPORTROWS#(contacts|companies|transactions)#[A-Za-z0-9_-] ${HASH}$`),
    writers: 'each import batch, one claim per row it imports',
    whyNoHotSpot: 'one item per row fingerprint, put once under a condition (a row is imported once); spread over 64 partitions by the fingerprint\'s first character.',
  },
  {
    name: 'raw behaviour event',
    key: 'keys.rawBehaviourEvent: TENANT#<t>#EVENTS#<YYYY-MM-DD> <contactId>#<eventId>',
    pattern: new RegExp(`^#EVENTS#\\d{4}-\\d{2}-\\d{2} ${ID}#[A-Za-z0-9_-]+$`),
    writers: 'POST /v1/events (ingest key)',
    whyNoHotSpot: 'one item per event, put once under a condition (a resent event counts once) and expired by TTL; the day\'s partition is keyed by contact id, so DynamoDB can split it.',
  },
  {
    name: 'data key',
    key: 'keys.dataKey: TENANT#<t>#KEYS DATAKEY#<version>',
    pattern: /^#KEYS DATAKEY#\d{12}$/,
    writers: 'the first use of a tenant\'s key (a conditional create) and POST /v1/tenant/keys/rotate',
    whyNoHotSpot: 'written once per key version; requests read keys from the container\'s keyring cache.',
  },
  {
    name: 'SLA policy',
    key: 'keys.slaPolicy: TENANT#<t>#SLA POLICY',
    pattern: /^#SLA POLICY$/,
    writers: 'PUT /v1/tickets/sla only',
    whyNoHotSpot: 'an administrator\'s setting; ticket writes read it.',
  },
  {
    name: 'tenant',
    key: 'keys.tenant: TENANT#<t> TENANT',
    pattern: /^ TENANT$/,
    writers: 'signup, owner changes (its owner count), offboarding',
    whyNoHotSpot: 'written only when the workspace itself or its owners change.',
  },
  {
    name: 'role name lock',
    key: 'keys.roleName: TENANT#<t>#ROLENAME#<nameHash> ROLENAME',
    pattern: /^#ROLENAME#[0-9a-f]{32} ROLENAME$/,
    writers: 'POST, PATCH, DELETE /v1/roles',
    whyNoHotSpot: 'one per role name, written when a role is named.',
  },
  {
    name: 'rate counter, one shard',
    key: 'keys.rateCounter: TENANT#<t>#RATE#<shard> WORKSPACE#<minute> | INGESTKEY#<keyId>#<minute>',
    pattern: new RegExp(`^#RATE#[0-9] (WORKSPACE|INGESTKEY#${ID})#\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}$`),
    writers: 'every request of a member or an ingest key, before the route\'s work (the rate limits)',
    whyNoHotSpot:
      'four shards, each its own partition, picked at random per request, each allowing its share of the limit; a request moves one ' +
      '(two when the first is full) with an unconditional ADD outside any transaction, so nothing waits or retries on it. At the ' +
      'published burst (50 requests a second) a shard takes ~13 writes a second, far under a partition\'s 1,000; a new item each minute.',
  },
  {
    name: 'insights run',
    key: 'keys.insightsJob: TENANT#<t>#INSIGHTS JOB',
    pattern: /^#INSIGHTS JOB$/,
    writers: 'POST /v1/insights/recompute and the insights worker',
    whyNoHotSpot: 'one run of the workspace at a time by design (asking again while one runs answers that run and writes nothing); record writes never touch it.',
  },
];

/** What a written item is: in a record's own partition, or a declared shared item; undefined when neither. */
export function describeWrittenItem(key: PrimaryKey): { kind: 'record' | 'shared'; name: string } | undefined {
  const tenant = /^TENANT#[0-9A-HJKMNP-TV-Z]{26}/.exec(key.pk);
  if (!tenant) return undefined;
  const pk = key.pk.slice(tenant[0].length);
  const shared = SHARED_ITEMS.find((item) => item.pattern.test(`${pk} ${key.sk}`));
  if (shared) return { kind: 'shared', name: shared.name };
  const own = RECORD_PARTITIONS.find((record) => record.pattern.test(pk));
  return own ? { kind: 'record', name: own.name } : undefined;
}
