import { createHash } from 'node:crypto';
import { RATE_COUNTER_SHARDS, type RateSubject } from '@rapport/domain';
import { encodeTime } from 'ulid';

/**
 * Every key and index value in the table, and the access pattern each one serves. Nothing else
 * builds a key. Every primary key starts with `TENANT#<tenantId>`, so a tenant's data cannot be
 * addressed without its id; ids are fixed-length ULIDs, so one tenant's prefix is never another's.
 * The one exception is a count of failed log-ins (`LOGIN#`), kept before any tenant is known,
 * under a digest of the email address, written by the log-in route only and expiring on its own.
 *
 * item            pk                                 sk                 indexes
 * tenant          TENANT#<t>                         TENANT
 * membership      TENANT#<t>#USER#<userId>           MEMBERSHIP         gsi1 TENANT#<t>#USERS/<userId>; gsi2 SUB#<sub>/MEMBERSHIP
 * role (custom)   TENANT#<t>#ROLE#<roleId>           ROLE               gsi1 TENANT#<t>#ROLES/<roleId>
 * role name lock  TENANT#<t>#ROLENAME#<nameHash>     ROLENAME
 * invite          TENANT#<t>#INVITE#<tokenHash>      INVITE             gsi1 TENANT#<t>#INVITES/<userId>
 * data key        TENANT#<t>#KEYS                    DATAKEY#<version>
 * contact         TENANT#<t>#CONTACT#<contactId>     PROFILE            gsi1 TENANT#<t>#CONTACTS/<id>; gsi2 TENANT#<t>#OWNER#<userId>#CONTACTS/<id>;
 *                                                                       gsi3 TENANT#<t>#CONTACT_EMAIL#<blindIndex>/<id>
 * contact lookup  TENANT#<t>#CONTACT#<contactId>     LOOKUP#PHONE       gsi3 TENANT#<t>#CONTACT_PHONE#<blindIndex>/<id>
 *                 TENANT#<t>#CONTACT#<contactId>     LOOKUP#NAME        gsi3 TENANT#<t>#CONTACT_NAME#<hmac(blockingKey)>/<id>
 * contact record  TENANT#<t>#CONTACT#<contactId>     TXN#<id> | INTERACTION#<id> | FEEDBACK#<id> | BEHAVIOUR#<YYYY-MM-DD> | COMPANY
 * customer scores TENANT#<t>#CONTACT#<contactId>     SCORES             gsi1 TENANT#<t>#SCORES/<contactId>   (RFM, churn risk: written by the insights job)
 * contact merge   TENANT#<t>#CONTACT#<targetId>      MERGE#<mergeId>    (kept; names the source)
 * merge snapshot  TENANT#<t>#CONTACT#<targetId>      MERGE#<mergeId>#SNAPSHOT   (TTL 30 days; the source as stored)
 * completeness    TENANT#<t>#STATS#<h>               CONTACT_COMPLETENESS   (h: one hex digit of the SHA-256 of a stream batch's id, 16 shards;
 *                                                                       TENANT#<t>#STATS, written before the shards, is read as one more)
 * completeness    TENANT#<t>#STATS#<h>               BATCH#<batchId>    (a stream delivery's marker, beside the shard it moved; TTL)
 * company         TENANT#<t>#COMPANY#<companyId>     PROFILE            gsi1 TENANT#<t>#COMPANIES/<id>
 * company link    (the contact record COMPANY above)                    gsi1 TENANT#<t>#COMPANY#<companyId>#CONTACTS/<contactId>
 * field def.      TENANT#<t>#FIELDS                  DEF#<fieldId>
 * field key lock  TENANT#<t>#FIELDS                  KEY#<entity>#<key>
 * field counter   TENANT#<t>#FIELDS                  COUNT
 * workspace count TENANT#<t>#COUNTS                  ROLES | INGEST_KEYS   (bounded kinds, moved with each create and delete)
 * ingest key      TENANT#<t>#INGESTKEY#<keyId>       INGESTKEY          gsi1 TENANT#<t>#INGESTKEYS/<keyId>; gsi2 INGESTKEY#<secretHash>/INGESTKEY
 * raw behaviour   TENANT#<t>#EVENTS#<YYYY-MM-DD>     <contactId>#<eventId>   (TTL)
 * import job      TENANT#<t>#IMPORT#<importId>       IMPORT             gsi1 TENANT#<t>#IMPORTS/<id>
 * dry-run seen    TENANT#<t>#IMPORT#<importId>       SEEN#<runId>#<field>#<blindIndex>
 * import row claim TENANT#<t>#IMPORTROWS#<entity>#<s> <fingerprint>     (s: the fingerprint's first character, 64 shards)
 * webhook         TENANT#<t>#WEBHOOK#<webhookId>     WEBHOOK            gsi1 TENANT#<t>#WEBHOOKS/<webhookId>
 * delivery        TENANT#<t>#WEBHOOK#<webhookId>     DELIVERY#<attemptId>   (TTL)
 * audit event     TENANT#<t>#AUDIT                   EVENT#<eventId>    (pending as the request writes it; seq and hash once integrated)
 * audit chain     TENANT#<t>#AUDIT                   ARCHIVED | DIGESTED   (written by the integrator and the digest job only)
 * archived object TENANT#<t>#AUDIT                   OBJECT#<firstSeq>  gsi2 AUDIT#UNDIGESTED/<t>#<firstSeq> (sparse)
 * archive attempt TENANT#<t>#AUDIT                   ATTEMPT#<firstSeq>#<chainHead>   (an object put before its commit)
 * audit tree      TENANT#<t>#AUDITTREE               TREE | TILE#<level>#<index> | CHECKPOINT#<treeSize>   (the Merkle tree's head, tiles, signed checkpoints)
 * audit leaf      TENANT#<t>#AUDITLEAF#<h>           <eventId>          (h: first hex digit of the SHA-256 of the event id, 16 partitions)
 * segment         TENANT#<t>#SEGMENT#<segmentId>     SEGMENT            gsi1 TENANT#<t>#SEGMENTS/<segmentId>
 * campaign        TENANT#<t>#CAMPAIGN#<campaignId>   CAMPAIGN           gsi1 TENANT#<t>#CAMPAIGNS/<campaignId>
 * audience chunk  TENANT#<t>#CAMPAIGN#<campaignId>   AUDIENCE#<launchId>#<firstContactId>   (sorted contact ids, fixed at launch)
 * conversion      TENANT#<t>#CAMPAIGN#<campaignId>   CONVERSION#<contactId>   (one per contact: the put is conditional)
 * analytics cell  TENANT#<t>#ANALYTICS               <FAMILY>#<dimension>#<YYYY-MM>#<value>   (counters, moved by ADD)
 * analytics state TENANT#<t>#ANALYTICS#STATE#<h>     CONTACT#<contactId> | SOURCE#<source pk after the tenant>#<source sk>
 *                                                    (h: one hex digit of the SHA-256 of the sk, 16 partitions; tombstones by TTL)
 * pipeline        TENANT#<t>#PIPELINE#<pipelineId>   PIPELINE           gsi1 TENANT#<t>#PIPELINES/<id>   (pipelines created before the count shards: the open-deal count per stage)
 * open-deal counts TENANT#<t>#PIPELINE#<p>#OPEN#<h>  OPEN_DEALS         (h: one hex digit of the SHA-256 of the deal id, 16 shards: open deals per stage)
 * deal            TENANT#<t>#DEAL#<dealId>           DEAL               gsi1 TENANT#<t>#DEALS/<id>; gsi2 TENANT#<t>#OWNER#<userId>#DEALS/<id>;
 *                                                                       gsi3 TENANT#<t>#PIPELINE#<p>#DEALS#OPEN/<expectedCloseDate>#<id> (open)
 *                                                                          | TENANT#<t>#PIPELINE#<p>#DEALS#WON/<closedAt>#<id> (won; lost: none)
 * contact deal    TENANT#<t>#CONTACT#<contactId>     DEAL#<dealId>      (the deal's snapshot, for the 360 view)
 * ticket          TENANT#<t>#TICKET#<ticketId>       TICKET             gsi1 TENANT#<t>#TICKETS/<id>; gsi2 (active only) TENANT#<t>#TICKETS_DUE/<dueAt>#<id>
 * ticket reply    TENANT#<t>#TICKET#<ticketId>       REPLY#<replyId>
 * ticket snapshot TENANT#<t>#CONTACT#<contactId>     TICKET#<ticketId>  (the 360 view's copy of a contact's ticket)
 * SLA policy      TENANT#<t>#SLA                     POLICY
 * survey request  TENANT#<t>#SURVEY#<tokenHash>      SURVEY             gsi1 TENANT#<t>#SURVEYS/<tokenHash>   (TTL)
 * tenant (listed) (the tenant item above)                              gsi2 INSIGHTS#TENANTS/<t>   (sparse: the tenants the daily insights run covers)
 * insights run    TENANT#<t>#INSIGHTS                JOB                (the tenant's run: status and checkpoint)
 * product rules   TENANT#<t>#INSIGHTS                RULES#<product>    ("bought X also bought Y": X's best rules)
 * churn listing   (the customer scores item above)                      gsi2 TENANT#<t>#CHURN#<level>/<score 00000–10000>#<contactId>
 * task            TENANT#<t>#TASK#<taskId>           TASK               gsi1 TENANT#<t>#TASKS#<OPEN|DONE>/<dueAt>#<id>;
 *                                                                       gsi2 TENANT#<t>#ASSIGNEE#<userId>#TASKS#<OPEN|DONE>/<dueAt>#<id>;
 *                                                                       gsi3 REMINDERS#ARMED#<s>/<dueAt>#<t>#<id> (sparse; s: the id's last character, 32 shards)
 * idempotency     TENANT#<t>#IDEMPOTENCY#<hash>      IDEMPOTENCY        (TTL 24 h; hash: SHA-256 of caller, route and Idempotency-Key)
 * failed log-ins  LOGIN#<sha256(email)>              FAILURES           (TTL: the throttle's window after the last failure; no tenant yet)
 * rate counter    TENANT#<t>#RATE#<shard>            WORKSPACE#<minute> | INGESTKEY#<keyId>#<minute>   (shard 0–3; one minute's and
 *                                                                       each of its seconds' request counts; TTL two minutes after the minute)
 *
 * A contact's partition is its item collection: later issues add its orders, interactions,
 * feedback and behaviour under the same pk, so the 360 view is one Query. A profile can sit in
 * only one gsi3 partition, so the phone and name lookups are small items of their own beside it,
 * written in the profile's transaction: they reuse gsi3 (no new index to create and pay for) and go
 * with the partition when the contact is deleted. A tenant's audit events
 * share one partition, ordered by event id (a ULID, so by time). The request writes its event as an
 * item of its own, keyed by its id: no item of the partition is moved by every write. The
 * integrator (fed by the stream) gives events their sequence numbers and hashes in batches.
 *
 * The analytics (the CRM numbers) are aggregates kept current from the stream: one partition of
 * cells per tenant, sorted family, slice dimension (`all`, `region`, `channel`, `owner`), month,
 * slice value, so one dashboard read is one Query with `sk BETWEEN` for a family, a dimension and
 * a range of months (every value of the dimension comes with it). The projector's own state (per
 * contact: its profile facts, slices and order book; per order, rating, deal and ticket: what it
 * was counted with and the stream sequence that set it) is spread over 16 partitions, as it is
 * written on every change of the records it follows; offboarding queries the 16.
 * Tasks are listed by due time, never scanned or filtered without bound: gsi1 holds a tenant's open
 * (or done) tasks ordered by `dueAt` (ISO UTC, so string order is time order), gsi2 one assignee's,
 * so "due today" is a Query between two instants and "overdue" a Query below now, on the open
 * partition. A task carries its gsi3 keys only while its reminder is armed (open, due ahead, not
 * fired): that sparse, cross-tenant index is how the local stack finds, on start, the reminders
 * that fell due while it was stopped (in AWS, EventBridge Scheduler holds them), and why it is
 * sharded: every tenant's task writes touch it.
 */

export interface PrimaryKey {
  pk: string;
  sk: string;
}

const tenantPrefix = (tenantId: string) => `TENANT#${tenantId}`;
/** One of a tenant's 16 completeness partitions: one hex digit of the SHA-256 of what spreads them. */
const completenessShard = (tenantId: string, spreadBy: string) => `${tenantPrefix(tenantId)}#STATS#${createHash('sha256').update(spreadBy).digest('hex').charAt(0)}`;
/** Fixed width, so sort keys order numerically. */
const sequence = (value: number) => String(value).padStart(12, '0');

/** The kinds a workspace holds a bounded number of. */
export type WorkspaceCountKind = 'ROLES' | 'INGEST_KEYS';

export const keys = {
  /** Get a tenant by id. */
  tenant: (tenantId: string): PrimaryKey => ({ pk: tenantPrefix(tenantId), sk: 'TENANT' }),

  /** Get a user's membership of a tenant by user id. */
  membership: (tenantId: string, userId: string): PrimaryKey => ({
    pk: `${tenantPrefix(tenantId)}#USER#${userId}`,
    sk: 'MEMBERSHIP',
  }),
  /**
   * gsi1: list a tenant's users in creation order. gsi2: find the membership of a verified token's
   * `sub`. That lookup is how a request learns its tenant, so it cannot be led by the tenant; it
   * returns one item and every handler then uses the tenant it found. Invited users have no `sub`
   * until they accept, so they are not in gsi2.
   */
  membershipListing: (tenantId: string, userId?: string) => ({
    gsi1pk: `${tenantPrefix(tenantId)}#USERS`,
    ...(userId === undefined ? {} : { gsi1sk: userId }),
  }),
  membershipBySub: (sub: string) => ({ gsi2pk: `SUB#${sub}`, gsi2sk: 'MEMBERSHIP' }),

  /** Get a custom role by id (built-in roles live in code, not in the table). */
  role: (tenantId: string, roleId: string): PrimaryKey => ({ pk: `${tenantPrefix(tenantId)}#ROLE#${roleId}`, sk: 'ROLE' }),
  /** gsi1: list a tenant's custom roles in creation order. */
  roleListing: (tenantId: string, roleId?: string) => ({
    gsi1pk: `${tenantPrefix(tenantId)}#ROLES`,
    ...(roleId === undefined ? {} : { gsi1sk: roleId }),
  }),
  /** Claims a role name within a tenant (conditional put), so two roles cannot share a name. */
  roleName: (tenantId: string, nameHash: string): PrimaryKey => ({ pk: `${tenantPrefix(tenantId)}#ROLENAME#${nameHash}`, sk: 'ROLENAME' }),

  /** Get an invitation by the hash of its token (the token itself is never stored). */
  invite: (tenantId: string, tokenHash: string): PrimaryKey => ({ pk: `${tenantPrefix(tenantId)}#INVITE#${tokenHash}`, sk: 'INVITE' }),
  /** gsi1: a tenant's invitations, for offboarding (which must find every item without a scan). */
  inviteListing: (tenantId: string, userId?: string) => ({
    gsi1pk: `${tenantPrefix(tenantId)}#INVITES`,
    ...(userId === undefined ? {} : { gsi1sk: userId }),
  }),

  /**
   * A request sent with an `Idempotency-Key`: its state, then its first answer, so a retry gets that
   * answer. `scopeHash` digests the caller, the route and the client's key; each key is its own item.
   */
  idempotency: (tenantId: string, scopeHash: string): PrimaryKey => ({ pk: `${tenantPrefix(tenantId)}#IDEMPOTENCY#${scopeHash}`, sk: 'IDEMPOTENCY' }),

  /** Failed log-ins in a row to one email address (its digest), before any tenant is known. */
  loginFailures: (emailDigest: string): PrimaryKey => ({ pk: `LOGIN#${emailDigest}`, sk: 'FAILURES' }),

  /**
   * One shard's request counts of a workspace (or one of its ingest keys) in one minute
   * (`YYYY-MM-DDTHH:MM`, UTC): the minute's total and one count per second. Spread over
   * `RATE_COUNTER_SHARDS` partitions, so no item takes all of a workspace's requests (`shared-items.ts`).
   */
  rateCounter: (subject: RateSubject, shard: number, minute: string): PrimaryKey => ({
    pk: `${tenantPrefix(subject.tenantId)}#RATE#${shard}`,
    sk: subject.kind === 'workspace' ? `WORKSPACE#${minute}` : `INGESTKEY#${subject.keyId}#${minute}`,
  }),
  /** Every partition of a tenant's rate counters (for offboarding: they also expire on their own). */
  rateCounterPartitions: (tenantId: string): string[] => Array.from({ length: RATE_COUNTER_SHARDS }, (_, shard) => `${tenantPrefix(tenantId)}#RATE#${shard}`),

  /**
   * A tenant's wrapped data keys, one item per version, all in one partition: crypto-shredding a
   * tenant deletes exactly this partition.
   */
  dataKeys: (tenantId: string) => ({ pk: `${tenantPrefix(tenantId)}#KEYS` }),
  dataKey: (tenantId: string, version: number): PrimaryKey => ({ pk: `${tenantPrefix(tenantId)}#KEYS`, sk: `DATAKEY#${sequence(version)}` }),

  /** Get a contact by id; the partition also holds the rest of its 360 view. */
  contact: (tenantId: string, contactId: string): PrimaryKey => ({
    pk: `${tenantPrefix(tenantId)}#CONTACT#${contactId}`,
    sk: 'PROFILE',
  }),
  /** gsi1: list a tenant's contacts in creation order (ids are ULIDs), paged by the last id. */
  contactListing: (tenantId: string, contactId?: string) => ({
    gsi1pk: `${tenantPrefix(tenantId)}#CONTACTS`,
    ...(contactId === undefined ? {} : { gsi1sk: contactId }),
  }),
  /** gsi2: list the contacts one user owns, in creation order (a role without `contacts:read_all`). */
  contactOwnerListing: (tenantId: string, ownerId: string, contactId?: string) => ({
    gsi2pk: `${tenantPrefix(tenantId)}#OWNER#${ownerId}#CONTACTS`,
    ...(contactId === undefined ? {} : { gsi2sk: contactId }),
  }),
  /** gsi3: find contacts by exact email through its blind index (an HMAC; the email itself is encrypted). */
  contactByEmail: (tenantId: string, blindIndex: string, contactId?: string) => ({
    gsi3pk: `${tenantPrefix(tenantId)}#CONTACT_EMAIL#${blindIndex}`,
    ...(contactId === undefined ? {} : { gsi3sk: contactId }),
  }),

  /** gsi3: find contacts by exact phone (E.164) through its blind index, kept on the contact's `LOOKUP#PHONE` item. */
  contactByPhone: (tenantId: string, blindIndex: string, contactId?: string) => ({
    gsi3pk: `${tenantPrefix(tenantId)}#CONTACT_PHONE#${blindIndex}`,
    ...(contactId === undefined ? {} : { gsi3sk: contactId }),
  }),
  /**
   * gsi3: the contacts sharing a name blocking key (an HMAC of the normalised surname and first
   * initial), the only ones fuzzy duplicate detection compares; kept on the `LOOKUP#NAME` item.
   */
  contactByNameBlock: (tenantId: string, blindIndex: string, contactId?: string) => ({
    gsi3pk: `${tenantPrefix(tenantId)}#CONTACT_NAME#${blindIndex}`,
    ...(contactId === undefined ? {} : { gsi3sk: contactId }),
  }),
  /** A contact's lookup item (phone or name), beside its profile. */
  contactLookup: (tenantId: string, contactId: string, kind: 'PHONE' | 'NAME'): PrimaryKey => ({
    pk: keys.contact(tenantId, contactId).pk,
    sk: `LOOKUP#${kind}`,
  }),
  contactLookupPrefix: 'LOOKUP#',
  /** A merge into this contact (`merge`), and the source's pre-merge snapshot that lets it be undone for 30 days. */
  contactMerge: (tenantId: string, targetId: string, mergeId: string): PrimaryKey => ({
    pk: keys.contact(tenantId, targetId).pk,
    sk: `MERGE#${mergeId}`,
  }),
  contactMergeSnapshot: (tenantId: string, targetId: string, mergeId: string): PrimaryKey => ({
    pk: keys.contact(tenantId, targetId).pk,
    sk: `MERGE#${mergeId}#SNAPSHOT`,
  }),
  /**
   * A customer's scores (RFM, churn risk and its features), in its partition so the 360 view reads
   * them with the rest; written by the insights job (prediction), read by segments.
   */
  customerScores: (tenantId: string, contactId: string): PrimaryKey => ({ pk: keys.contact(tenantId, contactId).pk, sk: 'SCORES' }),
  /** gsi1, on the scores item: every scored customer of a tenant, so segment evaluation reads all scores with one paged Query. */
  customerScoresListing: (tenantId: string, contactId?: string) => ({
    gsi1pk: `${tenantPrefix(tenantId)}#SCORES`,
    ...(contactId === undefined ? {} : { gsi1sk: contactId }),
  }),
  /**
   * One shard of a tenant's running contact-completeness totals, moved only by the stream
   * projector: a delivery adds its tenant's summed delta to the shard its batch id (first record's
   * sequence number) hashes to, so concurrent deliveries rarely meet on one item; the report sums
   * {@link keys.contactCompletenessShards}.
   */
  contactCompleteness: (tenantId: string, batchId: string): PrimaryKey => ({ pk: completenessShard(tenantId, batchId), sk: 'CONTACT_COMPLETENESS' }),
  /** A delivery's marker beside the shard it moved: through which stream record the delivery was applied (TTL, past the stream's retention). */
  contactCompletenessBatch: (tenantId: string, batchId: string): PrimaryKey => ({ pk: completenessShard(tenantId, batchId), sk: `BATCH#${batchId}` }),
  /**
   * Every item holding a part of the tenant's completeness totals: the 16 shards, and the single
   * item every contact write moved before the shards existed (read, never written again, so totals
   * written before need no migration).
   */
  contactCompletenessShards: (tenantId: string): PrimaryKey[] => [
    { pk: `${tenantPrefix(tenantId)}#STATS`, sk: 'CONTACT_COMPLETENESS' },
    ...[...'0123456789abcdef'].map((shard) => ({ pk: `${tenantPrefix(tenantId)}#STATS#${shard}`, sk: 'CONTACT_COMPLETENESS' })),
  ],

  /**
   * A contact's records, in its own partition beside the profile: the 360 view reads them all with
   * one Query. Ids are ULIDs, so each kind sorts by time; behaviour is one item per day.
   */
  contactPartition: (tenantId: string, contactId: string) => ({ pk: keys.contact(tenantId, contactId).pk }),
  contactRecord: (tenantId: string, contactId: string, kind: 'TXN' | 'INTERACTION' | 'FEEDBACK', recordId: string): PrimaryKey => ({
    pk: keys.contact(tenantId, contactId).pk,
    sk: `${kind}#${recordId}`,
  }),
  /** The company a contact belongs to, as a snapshot in the contact's partition (so the 360 view needs no second read). */
  contactCompany: (tenantId: string, contactId: string): PrimaryKey => ({ pk: keys.contact(tenantId, contactId).pk, sk: 'COMPANY' }),
  /** A contact's behaviour on one day (page views, clicks, dwell time), aggregated as events arrive. */
  contactBehaviourDay: (tenantId: string, contactId: string, day: string): PrimaryKey => ({
    pk: keys.contact(tenantId, contactId).pk,
    sk: `BEHAVIOUR#${day}`,
  }),

  /** Get a company (account) by id. */
  company: (tenantId: string, companyId: string): PrimaryKey => ({ pk: `${tenantPrefix(tenantId)}#COMPANY#${companyId}`, sk: 'PROFILE' }),
  /**
   * gsi1, on a contact's company snapshot: the contacts of one company, so a change to the company
   * reaches every snapshot of it without a scan.
   */
  companyContacts: (tenantId: string, companyId: string, contactId?: string) => ({
    gsi1pk: `${tenantPrefix(tenantId)}#COMPANY#${companyId}#CONTACTS`,
    ...(contactId === undefined ? {} : { gsi1sk: contactId }),
  }),
  /** gsi1: list a tenant's companies in creation order. */
  companyListing: (tenantId: string, companyId?: string) => ({
    gsi1pk: `${tenantPrefix(tenantId)}#COMPANIES`,
    ...(companyId === undefined ? {} : { gsi1sk: companyId }),
  }),

  /**
   * A tenant's custom field definitions, key claims and their counter, in one small partition: every
   * contact or company request reads all definitions with one consistent Query (bounded by the
   * counter), and offboarding deletes the partition.
   */
  fieldPartition: (tenantId: string) => ({ pk: `${tenantPrefix(tenantId)}#FIELDS` }),
  /** Get a custom field definition by id; list them (in creation order) with `begins_with(sk, DEF#)`. */
  fieldDefinition: (tenantId: string, fieldId: string): PrimaryKey => ({ pk: `${tenantPrefix(tenantId)}#FIELDS`, sk: `DEF#${fieldId}` }),
  fieldDefinitionPrefix: 'DEF#',
  /** Claims a field key on one entity (conditional put), so two fields of contacts cannot share a key. */
  fieldKey: (tenantId: string, entity: string, key: string): PrimaryKey => ({ pk: `${tenantPrefix(tenantId)}#FIELDS`, sk: `KEY#${entity}#${key}` }),
  /** How many definitions the tenant has, moved in each create and delete transaction, to bound them. */
  fieldCounter: (tenantId: string): PrimaryKey => ({ pk: `${tenantPrefix(tenantId)}#FIELDS`, sk: 'COUNT' }),
  /** How many of a bounded kind the workspace holds (see WORKSPACE_LIMITS). */
  workspaceCount: (tenantId: string, kind: WorkspaceCountKind): PrimaryKey => ({ pk: `${tenantPrefix(tenantId)}#COUNTS`, sk: kind }),

  /** An ingest key of the tenant's website or app, by id (the secret is stored only as a hash). */
  ingestKey: (tenantId: string, keyId: string): PrimaryKey => ({ pk: `${tenantPrefix(tenantId)}#INGESTKEY#${keyId}`, sk: 'INGESTKEY' }),
  ingestKeyListing: (tenantId: string, keyId?: string) => ({
    gsi1pk: `${tenantPrefix(tenantId)}#INGESTKEYS`,
    ...(keyId === undefined ? {} : { gsi1sk: keyId }),
  }),
  /**
   * gsi2: find an ingest key by the hash of its secret. Like a token's `sub`, the key is how a
   * request from a website learns its tenant, so this lookup cannot be led by the tenant.
   */
  ingestKeyBySecret: (secretHash: string) => ({ gsi2pk: `INGESTKEY#${secretHash}`, gsi2sk: 'INGESTKEY' }),
  /** Raw behaviour events of one day, kept a short while (TTL) beside the daily aggregates. */
  rawBehaviourEvent: (tenantId: string, day: string, contactId: string, eventId: string): PrimaryKey => ({
    pk: `${tenantPrefix(tenantId)}#EVENTS#${day}`,
    sk: `${contactId}#${eventId}`,
  }),
  /** One contact's raw behaviour events of one day: `begins_with(sk, prefix)` in the day's partition (a person's erasure). */
  rawBehaviourEventsOf: (tenantId: string, day: string, contactId: string) => ({ pk: `${tenantPrefix(tenantId)}#EVENTS#${day}`, skPrefix: `${contactId}#` }),

  /** An import job by id (its status, mapping and the worker's checkpoint). */
  importJob: (tenantId: string, importId: string): PrimaryKey => ({ pk: `${tenantPrefix(tenantId)}#IMPORT#${importId}`, sk: 'IMPORT' }),
  /**
   * A value (email, phone) a dry run has seen in the file, by its blind index (an HMAC, never the
   * value) and the run's id: claimed with a conditional put, it holds the first row that had it, so
   * within-file duplicates are found across chunks and a retried chunk finds its own claims. In the
   * job's partition, so offboarding erases them with the job.
   */
  importSeenValue: (tenantId: string, importId: string, runId: string, field: string, blindIndex: string): PrimaryKey => ({
    pk: `${tenantPrefix(tenantId)}#IMPORT#${importId}`,
    sk: `SEEN#${runId}#${field}#${blindIndex}`,
  }),
  importSeenPrefix: 'SEEN#',
  /** The blind index a seen value's sort key, or a lookup's gsi3 partition key, ends with. */
  blindIndexAtEnd: (key: string) => key.slice(key.lastIndexOf('#') + 1),
  /**
   * A chunk of a running import, recorded once its rows are in: its counts, errors and where the
   * next chunk starts. Chunks are written in parallel and complete in any order, so each records
   * itself rather than moving one cursor. In the job's partition, erased with it; the job's chunks
   * are read with `begins_with(sk, CHUNK#)`.
   */
  importChunk: (tenantId: string, importId: string, index: number): PrimaryKey => ({
    pk: `${tenantPrefix(tenantId)}#IMPORT#${importId}`,
    sk: `CHUNK#${String(index).padStart(6, '0')}`,
  }),
  /** gsi1: a tenant's import jobs, for offboarding. */
  importJobListing: (tenantId: string, importId?: string) => ({
    gsi1pk: `${tenantPrefix(tenantId)}#IMPORTS`,
    ...(importId === undefined ? {} : { gsi1sk: importId }),
  }),
  /**
   * Claims an imported row by its fingerprint (an HMAC, so no personal value in the key), in the
   * transaction that creates its record: the same row is never imported twice. Spread over 64
   * partitions by the fingerprint's first base64url character, so an import's writes do not
   * converge on one partition; offboarding queries the 64.
   */
  importRowClaim: (tenantId: string, entity: string, fingerprint: string): PrimaryKey => ({
    pk: `${tenantPrefix(tenantId)}#IMPORTROWS#${entity}#${fingerprint.charAt(0)}`,
    sk: fingerprint,
  }),
  importRowClaimPartitions: (tenantId: string, entity: string): string[] =>
    [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'].map((shard) => `${tenantPrefix(tenantId)}#IMPORTROWS#${entity}#${shard}`),
  /** Get a webhook subscription by id; its partition also holds its delivery log. */
  webhook: (tenantId: string, webhookId: string): PrimaryKey => ({ pk: `${tenantPrefix(tenantId)}#WEBHOOK#${webhookId}`, sk: 'WEBHOOK' }),
  /** gsi1: list a tenant's webhooks in creation order (the API pages it; the dispatcher reads it whole). */
  webhookListing: (tenantId: string, webhookId?: string) => ({
    gsi1pk: `${tenantPrefix(tenantId)}#WEBHOOKS`,
    ...(webhookId === undefined ? {} : { gsi1sk: webhookId }),
  }),
  /**
   * One delivery attempt, beside its webhook: the log is one Query of the partition, newest first
   * (attempt ids are ULIDs), and expires by TTL.
   */
  webhookDelivery: (tenantId: string, webhookId: string, attemptId: string): PrimaryKey => ({
    pk: `${tenantPrefix(tenantId)}#WEBHOOK#${webhookId}`,
    sk: `DELIVERY#${attemptId}`,
  }),
  webhookDeliveryPrefix: 'DELIVERY#',

  /** A tenant's audit partition: events by event id, and the integrator's and digest job's bookkeeping. */
  auditPartition: (tenantId: string) => ({ pk: `${tenantPrefix(tenantId)}#AUDIT` }),
  /** One audit event, by its id: written once by the request, completed once by the integrator. */
  auditEvent: (tenantId: string, eventId: string): PrimaryKey => ({ pk: `${tenantPrefix(tenantId)}#AUDIT`, sk: `EVENT#${eventId}` }),
  auditEventSortKey: (eventId: string) => `EVENT#${eventId}`,
  auditEventPrefix: 'EVENT#',
  /** The first (or last) event sort key an event made at `time` can have: ULIDs start with their time. */
  auditEventSortKeyAt: (time: Date, edge: 'first' | 'last') => `EVENT#${encodeTime(time.getTime(), 10)}${edge === 'first' ? '' : '~'}`,
  /** How far the integrator has sequenced the chain and archived it to S3 (last seq, its hash, its object). */
  auditArchived: (tenantId: string): PrimaryKey => ({ pk: `${tenantPrefix(tenantId)}#AUDIT`, sk: 'ARCHIVED' }),
  /**
   * An events object the integrator put in S3 before committing it: deleted by its commit, so one
   * left behind names an object of an interrupted or outrun integration (adopted or superseded).
   */
  auditAttempt: (tenantId: string, firstSeq: number, chainHead: string): PrimaryKey => ({
    pk: `${tenantPrefix(tenantId)}#AUDIT`,
    sk: `ATTEMPT#${sequence(firstSeq)}#${chainHead}`,
  }),
  auditAttemptPrefix: 'ATTEMPT#',
  /** How far signed digests cover the archive. */
  auditDigested: (tenantId: string): PrimaryKey => ({ pk: `${tenantPrefix(tenantId)}#AUDIT`, sk: 'DIGESTED' }),
  /** One archived S3 object's record (key, SHA-256, seq range, chain head). */
  auditObject: (tenantId: string, firstSeq: number): PrimaryKey => ({
    pk: `${tenantPrefix(tenantId)}#AUDIT`,
    sk: `OBJECT#${sequence(firstSeq)}`,
  }),
  auditObjectSortKey: (firstSeq: number) => `OBJECT#${sequence(firstSeq)}`,
  auditObjectPrefix: 'OBJECT#',
  /**
   * gsi2 (sparse): archived objects no digest covers yet, across tenants, for the digest job, which
   * has no tenant to start from. Removed once a digest covers the object.
   */
  auditUndigested: (tenantId?: string, firstSeq?: number) => ({
    gsi2pk: 'AUDIT#UNDIGESTED',
    ...(tenantId === undefined || firstSeq === undefined ? {} : { gsi2sk: `${tenantId}#${sequence(firstSeq)}` }),
  }),

  /**
   * A tenant's Merkle tree over its audit events (written by the digest job, off the request path):
   * its head (size, root, latest checkpoint), its tiles and its signed checkpoints, newest last.
   */
  auditTree: (tenantId: string): PrimaryKey => ({ pk: `${tenantPrefix(tenantId)}#AUDITTREE`, sk: 'TREE' }),
  /** One tile: up to 256 hashes of tree level 8·level, from index·256. */
  auditTreeTile: (tenantId: string, level: number, index: number): PrimaryKey => ({
    pk: `${tenantPrefix(tenantId)}#AUDITTREE`,
    sk: `TILE#${String(level).padStart(2, '0')}#${sequence(index)}`,
  }),
  /** The signed checkpoint of the tree at `treeSize` leaves; a Query on the prefix lists them by size. */
  auditCheckpoint: (tenantId: string, treeSize: number): PrimaryKey => ({ pk: `${tenantPrefix(tenantId)}#AUDITTREE`, sk: `CHECKPOINT#${sequence(treeSize)}` }),
  auditCheckpointSortKey: (treeSize: number) => `CHECKPOINT#${sequence(treeSize)}`,
  auditCheckpointPrefix: 'CHECKPOINT#',
  /**
   * Where an event sits in the tree (seq, archived object), by event id: what a proof starts from.
   * Spread over 16 partitions, as the digest job writes one per event in bulk.
   */
  auditLeaf: (tenantId: string, eventId: string): PrimaryKey => ({
    pk: `${tenantPrefix(tenantId)}#AUDITLEAF#${createHash('sha256').update(eventId).digest('hex').charAt(0)}`,
    sk: eventId,
  }),

  /** Get a segment (saved rules) by id. */
  segment: (tenantId: string, segmentId: string): PrimaryKey => ({ pk: `${tenantPrefix(tenantId)}#SEGMENT#${segmentId}`, sk: 'SEGMENT' }),
  /** gsi1: list a tenant's segments in creation order. */
  segmentListing: (tenantId: string, segmentId?: string) => ({
    gsi1pk: `${tenantPrefix(tenantId)}#SEGMENTS`,
    ...(segmentId === undefined ? {} : { gsi1sk: segmentId }),
  }),
  /** Get a campaign by id; its partition also holds its audience chunks and conversions (erased with it). */
  campaign: (tenantId: string, campaignId: string): PrimaryKey => ({ pk: `${tenantPrefix(tenantId)}#CAMPAIGN#${campaignId}`, sk: 'CAMPAIGN' }),
  campaignPartition: (tenantId: string, campaignId: string) => ({ pk: `${tenantPrefix(tenantId)}#CAMPAIGN#${campaignId}` }),
  /** gsi1: list a tenant's campaigns in creation order (the API pages it; performance reads it whole). */
  campaignListing: (tenantId: string, campaignId?: string) => ({
    gsi1pk: `${tenantPrefix(tenantId)}#CAMPAIGNS`,
    ...(campaignId === undefined ? {} : { gsi1sk: campaignId }),
  }),
  /**
   * One chunk of a launch's audience, named by its first contact id: the chunk that could hold a
   * contact is the last one whose sort key is not after `AUDIENCE#<launchId>#<contactId>` (one
   * Query, newest-first, Limit 1). The launch id keeps a retried launch's chunks apart.
   */
  campaignAudienceChunk: (tenantId: string, campaignId: string, launchId: string, firstContactId: string): PrimaryKey => ({
    pk: `${tenantPrefix(tenantId)}#CAMPAIGN#${campaignId}`,
    sk: `AUDIENCE#${launchId}#${firstContactId}`,
  }),
  campaignAudiencePrefix: (launchId: string) => `AUDIENCE#${launchId}#`,
  /** A contact's conversion in a campaign; at most one, so its key is the contact. */
  campaignConversion: (tenantId: string, campaignId: string, contactId: string): PrimaryKey => ({
    pk: `${tenantPrefix(tenantId)}#CAMPAIGN#${campaignId}`,
    sk: `CONVERSION#${contactId}`,
  }),
  /** A contact's orders sort by time (ids are ULIDs of the order's time): its latest is the last `TXN#` key. */
  contactTransactionPrefix: 'TXN#',
  contactBehaviourPrefix: 'BEHAVIOUR#',
  /** One analytics cell: a metric family's counters for one slice and month. */
  analyticsCell: (tenantId: string, cell: { family: string; dimension: string; month: string; value: string }): PrimaryKey => ({
    pk: `${tenantPrefix(tenantId)}#ANALYTICS`,
    sk: `${cell.family}#${cell.dimension}#${cell.month}#${cell.value}`,
  }),
  /** The cells of one family and dimension from month `from` to `to`, every value: `sk BETWEEN start AND end`. */
  analyticsCellRange: (tenantId: string, family: string, dimension: string, from: string, to: string) => ({
    pk: `${tenantPrefix(tenantId)}#ANALYTICS`,
    start: `${family}#${dimension}#${from}#`,
    end: `${family}#${dimension}#${to}#\uffff`,
  }),
  analyticsCellPartition: (tenantId: string) => ({ pk: `${tenantPrefix(tenantId)}#ANALYTICS` }),
  /** The projector's state of one contact. */
  analyticsContactState: (tenantId: string, contactId: string): PrimaryKey => analyticsStateKey(tenantId, `CONTACT#${contactId}`),
  /** The projector's marker of one source item (an order, a rating, a deal, a ticket), by that item's key. */
  analyticsSourceMarker: (tenantId: string, source: PrimaryKey): PrimaryKey =>
    analyticsStateKey(tenantId, `SOURCE#${source.pk.slice(tenantPrefix(tenantId).length + 1)}#${source.sk}`),
  analyticsStatePartitions: (tenantId: string): string[] => [...'0123456789abcdef'].map((shard) => `${tenantPrefix(tenantId)}#ANALYTICS#STATE#${shard}`),
  /** The tenant an item belongs to, from its primary key (for stream records, which carry no tenant otherwise). */
  tenantOfKey: (pk: string): string | null => /^TENANT#([^#]+)/.exec(pk)?.[1] ?? null,
  /**
   * A workspace's whole key space: the tenant item's partition, and every partition under its
   * prefix (ids are fixed-length, so the prefix never matches another tenant's). What a restore of
   * one workspace scans for, in the restored copy and in the live table.
   */
  tenantKeySpace: (tenantId: string) => ({ pk: tenantPrefix(tenantId), partitionPrefix: `${tenantPrefix(tenantId)}#` }),
  /**
   * The partitions a workspace restore never rolls back (prefixes of the pk): the audit trail (events,
   * chain bookkeeping, Merkle tree and leaves), since what happened after the restore point did
   * happen and its archive is write-once; the analytics aggregates and projector state and the
   * contact completeness totals, since they follow the stream: the restore's own writes move them
   * back as any other write would (copying them too would count the restored contacts twice); and
   * the rate counters, which count requests, not data.
   */
  restoreKeptPartitionPrefixes: (tenantId: string): string[] =>
    [`${tenantPrefix(tenantId)}#AUDIT`, `${tenantPrefix(tenantId)}#ANALYTICS`, `${tenantPrefix(tenantId)}#STATS`, `${tenantPrefix(tenantId)}#RATE#`],
  /**
   * Get a pipeline by id. A pipeline created before the count shards below also holds the count of
   * open deals per stage on this item, moved by every deal write of that pipeline.
   */
  pipeline: (tenantId: string, pipelineId: string): PrimaryKey => ({ pk: `${tenantPrefix(tenantId)}#PIPELINE#${pipelineId}`, sk: 'PIPELINE' }),
  /**
   * The shard of a pipeline's open-deal counts per stage that a deal is counted in (by its id, so
   * a deal entering and leaving a stage moves the same shard, and no shard goes below zero).
   */
  pipelineOpenDeals: (tenantId: string, pipelineId: string, dealId: string): PrimaryKey => ({
    pk: `${tenantPrefix(tenantId)}#PIPELINE#${pipelineId}#OPEN#${createHash('sha256').update(dealId).digest('hex').charAt(0)}`,
    sk: 'OPEN_DEALS',
  }),
  /** All 16 shards of a pipeline's open-deal counts: a stage is added to and removed from each. */
  pipelineOpenDealShards: (tenantId: string, pipelineId: string): PrimaryKey[] =>
    [...'0123456789abcdef'].map((shard) => ({ pk: `${tenantPrefix(tenantId)}#PIPELINE#${pipelineId}#OPEN#${shard}`, sk: 'OPEN_DEALS' })),
  /** gsi1: list a tenant's pipelines in creation order (the default one, with the lowest id, first). */
  pipelineListing: (tenantId: string, pipelineId?: string) => ({
    gsi1pk: `${tenantPrefix(tenantId)}#PIPELINES`,
    ...(pipelineId === undefined ? {} : { gsi1sk: pipelineId }),
  }),
  /** Get a deal by id. */
  deal: (tenantId: string, dealId: string): PrimaryKey => ({ pk: `${tenantPrefix(tenantId)}#DEAL#${dealId}`, sk: 'DEAL' }),
  /** gsi1: list a tenant's deals in creation order (the API's list, offboarding). */
  dealListing: (tenantId: string, dealId?: string) => ({
    gsi1pk: `${tenantPrefix(tenantId)}#DEALS`,
    ...(dealId === undefined ? {} : { gsi1sk: dealId }),
  }),
  /** gsi2: list the deals one user owns, in creation order (a role without `contacts:read_all`, or the owner filter). */
  dealOwnerListing: (tenantId: string, ownerId: string, dealId?: string) => ({
    gsi2pk: `${tenantPrefix(tenantId)}#OWNER#${ownerId}#DEALS`,
    ...(dealId === undefined ? {} : { gsi2sk: dealId }),
  }),
  /**
   * gsi3 (sparse, by outcome): a pipeline's open deals by expected close date, or its won deals by
   * the time they were won, so the forecast reads only the deals of its months (a range on the sort
   * key). Lost deals are in neither.
   */
  dealForecastListing: (tenantId: string, pipelineId: string, outcome: 'OPEN' | 'WON', sortKey?: { date: string; dealId: string }) => ({
    gsi3pk: `${tenantPrefix(tenantId)}#PIPELINE#${pipelineId}#DEALS#${outcome}`,
    ...(sortKey === undefined ? {} : { gsi3sk: `${sortKey.date}#${sortKey.dealId}` }),
  }),
  /** The gsi3 sort-key range of the months `from`..`to` (YYYY-MM): dates and times start with their month. */
  dealForecastRange: (from: string, to: string) => ({ low: from, high: `${to}~` }),
  /** A deal's snapshot in its contact's partition (the 360 view's; found again by a contact's deletion). */
  contactDeal: (tenantId: string, contactId: string, dealId: string): PrimaryKey => ({ pk: keys.contact(tenantId, contactId).pk, sk: `DEAL#${dealId}` }),
  contactDealPrefix: 'DEAL#',
  /** Get a service ticket by id; its partition also holds its replies. */
  ticket: (tenantId: string, ticketId: string): PrimaryKey => ({ pk: `${tenantPrefix(tenantId)}#TICKET#${ticketId}`, sk: 'TICKET' }),
  ticketPartition: (tenantId: string, ticketId: string) => ({ pk: `${tenantPrefix(tenantId)}#TICKET#${ticketId}` }),
  /** gsi1: list a tenant's tickets in creation order (filters apply to the page); offboarding finds them here. */
  ticketListing: (tenantId: string, ticketId?: string) => ({
    gsi1pk: `${tenantPrefix(tenantId)}#TICKETS`,
    ...(ticketId === undefined ? {} : { gsi1sk: ticketId }),
  }),
  /**
   * gsi2 (sparse: open and pending tickets only): the active tickets by the due time they are
   * watched for, earliest first, so "breached now" is one Query `gsi2sk < <now>`.
   */
  ticketDue: (tenantId: string, dueAt?: string, ticketId?: string) => ({
    gsi2pk: `${tenantPrefix(tenantId)}#TICKETS_DUE`,
    ...(dueAt === undefined || ticketId === undefined ? {} : { gsi2sk: `${dueAt}#${ticketId}` }),
  }),
  /** An agent's reply on a ticket, beside it. */
  ticketReply: (tenantId: string, ticketId: string, replyId: string): PrimaryKey => ({ pk: `${tenantPrefix(tenantId)}#TICKET#${ticketId}`, sk: `REPLY#${replyId}` }),
  ticketReplyPrefix: 'REPLY#',
  /** The 360 view's copy of a ticket, in its contact's partition (deleted with the contact). */
  contactTicket: (tenantId: string, contactId: string, ticketId: string): PrimaryKey => ({ pk: keys.contact(tenantId, contactId).pk, sk: `TICKET#${ticketId}` }),
  contactTicketPrefix: 'TICKET#',
  /** A tenant's SLA policy (absent: the defaults). */
  slaPolicy: (tenantId: string): PrimaryKey => ({ pk: `${tenantPrefix(tenantId)}#SLA`, sk: 'POLICY' }),
  /** A satisfaction survey request by the hash of its token (the token itself is never stored). */
  surveyRequest: (tenantId: string, tokenHash: string): PrimaryKey => ({ pk: `${tenantPrefix(tenantId)}#SURVEY#${tokenHash}`, sk: 'SURVEY' }),
  /** gsi1: a tenant's survey requests, for offboarding. */
  surveyListing: (tenantId: string, tokenHash?: string) => ({
    gsi1pk: `${tenantPrefix(tenantId)}#SURVEYS`,
    ...(tokenHash === undefined ? {} : { gsi1sk: tokenHash }),
  }),
  /**
   * gsi2 (sparse), on the tenant item: every tenant, for the daily insights schedule, which has no
   * tenant to start from; written with the tenant, gone with it at offboarding.
   */
  insightsTenantListing: (tenantId?: string) => ({
    gsi2pk: 'INSIGHTS#TENANTS',
    ...(tenantId === undefined ? {} : { gsi2sk: tenantId }),
  }),
  /** The tenant's insights partition: its run item and its association rules, erased together at offboarding. */
  insightsPartition: (tenantId: string) => ({ pk: `${tenantPrefix(tenantId)}#INSIGHTS` }),
  /** The tenant's insights run: the status the API shows and the worker's checkpoint. */
  insightsJob: (tenantId: string): PrimaryKey => ({ pk: `${tenantPrefix(tenantId)}#INSIGHTS`, sk: 'JOB' }),
  /** One product's association rules ("customers who bought it also bought…"), read by product. */
  productRules: (tenantId: string, product: string): PrimaryKey => ({ pk: `${tenantPrefix(tenantId)}#INSIGHTS`, sk: `RULES#${product}` }),
  productRulesPrefix: 'RULES#',
  /**
   * gsi2, on the customer scores item: the customers at one churn level, highest score first
   * (Query descending), the score as five fixed digits (0.8123 → 08123) so sort keys order numerically.
   */
  churnListing: (tenantId: string, level: string, score?: number, contactId?: string) => ({
    gsi2pk: `${tenantPrefix(tenantId)}#CHURN#${level}`,
    ...(score === undefined || contactId === undefined ? {} : { gsi2sk: `${String(Math.round(score * 10_000)).padStart(5, '0')}#${contactId}` }),
  }),
  /** Get a task by id. */
  task: (tenantId: string, taskId: string): PrimaryKey => ({ pk: `${tenantPrefix(tenantId)}#TASK#${taskId}`, sk: 'TASK' }),
  /**
   * gsi1: a tenant's open (or done) tasks in due order, paged by the last `<dueAt>#<id>`: the due
   * lists (today, overdue) are a range of it, and offboarding reads both partitions.
   */
  taskListing: (tenantId: string, status: 'open' | 'done', position?: string) => ({
    gsi1pk: `${tenantPrefix(tenantId)}#TASKS#${status.toUpperCase()}`,
    ...(position === undefined ? {} : { gsi1sk: position }),
  }),
  /** gsi2: one assignee's open (or done) tasks in due order (a caller without `contacts:read_all` reads only this). */
  taskAssigneeListing: (tenantId: string, assigneeId: string, status: 'open' | 'done', position?: string) => ({
    gsi2pk: `${tenantPrefix(tenantId)}#ASSIGNEE#${assigneeId}#TASKS#${status.toUpperCase()}`,
    ...(position === undefined ? {} : { gsi2sk: position }),
  }),
  /** A task's place in its listings: due time, then id, so tasks due at the same instant keep an order. */
  taskPosition: (dueAt: string, taskId: string) => `${dueAt}#${taskId}`,
  /** The task id at a listing position. */
  taskIdAt: (position: string) => position.slice(position.lastIndexOf('#') + 1),
  /** gsi3 (sparse): an armed reminder, across tenants, in due order within its shard. */
  taskReminderArmed: (tenantId: string, taskId: string, dueAt: string) => ({
    gsi3pk: `REMINDERS#ARMED#${taskId.charAt(taskId.length - 1)}`,
    gsi3sk: `${dueAt}#${tenantId}#${taskId}`,
  }),
  /** The reminder an armed index entry stands for, from its sort key. */
  taskReminderAt: (gsi3sk: string) => {
    const [dueAt, tenantId, taskId] = gsi3sk.split('#') as [string, string, string];
    return { tenantId, taskId, dueAt };
  },
  /** The 32 shards of armed reminders (a ULID's last character is one of 32). */
  taskReminderPartitions: (): string[] => [...'0123456789ABCDEFGHJKMNPQRSTVWXYZ'].map((shard) => `REMINDERS#ARMED#${shard}`),
} as const;

function analyticsStateKey(tenantId: string, sk: string): PrimaryKey {
  return { pk: `${tenantPrefix(tenantId)}#ANALYTICS#STATE#${createHash('sha256').update(sk).digest('hex').charAt(0)}`, sk };
}

/**
 * Attributes that exist only to address or keep an item (`mergedFrom` marks a record a merge moved,
 * so its undo finds exactly those); stripped before a record leaves the data layer.
 */
export const KEY_ATTRIBUTES = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi3sk', 'entity', 'expiresAt', 'mergedFrom'] as const;

/** The `entity` attribute of audit events: the stream filter that feeds the archiver matches on it. */
export const AUDIT_EVENT_ENTITY = 'audit-event';
