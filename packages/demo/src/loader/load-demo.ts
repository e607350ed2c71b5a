import type { DemoBehaviourDay, DemoDataset } from '../generator/dataset';
import { createApiCaller, type ApiCaller } from './api-caller';
import { createLimiter, forEachLimited, settleAll } from './concurrency';
import { inviteTokenFromMail } from './invite-mail';
import { runInsights } from './insights-run';
import { hasRoute, loadPendingAreas, PENDING_ROUTES, type PendingStepResult } from './pending-areas';
import { minutesFor, plannedWork } from './planned-work';
import { createProgress, type Progress } from './progress';
import { companyBody, contactBody, feedbackBody, interactionBody, orderBody } from './request-bodies';
import { logIn, type Session } from './sessions';

export interface LoadDemoOptions {
  apiUrl: string;
  dataset: DemoDataset;
  /** Where the stack writes its mail (invitations are accepted from there). */
  mailDir: string;
  /** Makes this run's logins new in the user pool; the time by default. */
  runTag?: string;
  /** Every demo user's password. */
  password?: string;
  /** Requests in flight, across all phases. @default DEFAULT_CONCURRENCY */
  concurrency?: number;
  progress?: Progress;
  /** How long to wait for the insights run at the end. @default 600_000 */
  insightsTimeoutMs?: number;
}

export interface DemoLogin {
  name: string;
  role: string;
  email: string;
  password: string;
}

export interface LoadDemoResult {
  tenantId: string;
  apiUrl: string;
  owner: DemoLogin;
  team: DemoLogin[];
  /** Records created per kind. */
  counts: Record<string, number>;
  /** Seconds per phase. */
  seconds: Record<string, number>;
  pending: PendingStepResult[];
}

/** Requests in flight by default. */
export const DEFAULT_CONCURRENCY = 8;

/** Behaviour events per request: the API's maximum. */
const EVENTS_PER_BATCH = 500;

/**
 * Writes a generated dataset into a new workspace through the public API only, as a tenant's own
 * integration would: signup, invitations, companies, contacts, then every phase that needs only
 * the contacts at once. Every request takes a slot of one shared limit (`concurrency`), so phases
 * overlap and no phase's tail leaves the others idle. Contacts and companies are created by their
 * owning rep (the API makes the creator the owner).
 */
export async function loadDemo(options: LoadDemoOptions): Promise<LoadDemoResult> {
  const { dataset, apiUrl, mailDir } = options;
  const progress = options.progress ?? createProgress();
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  const limiter = createLimiter(concurrency);
  const unlimited = createApiCaller({ baseUrl: apiUrl });
  const api: ApiCaller = (method, path, callOptions) => limiter.run(() => unlimited(method, path, callOptions));
  const tag = options.runTag ?? Date.now().toString(36);
  const password = options.password ?? 'Demo-Passw0rd!';
  const counts: Record<string, number> = {};
  const seconds: Record<string, number> = {};
  /** `sizeOf` counts an item's records, for a phase that sends them in batches. */
  const phase = async <T>(name: string, items: readonly T[], work: (item: T) => Promise<void>, sizeOf: (item: T) => number = () => 1) => {
    const started = Date.now();
    const bar = progress.phase(name, items.reduce((sum, item) => sum + sizeOf(item), 0));
    counts[name] = 0;
    await forEachLimited(items, concurrency, async (item) => {
      await work(item);
      counts[name]! += sizeOf(item);
      bar.tick(sizeOf(item));
    });
    seconds[name] = (Date.now() - started) / 1000;
    bar.done();
  };

  const loadStarted = Date.now();
  // The workspace and its owner, then the team, each logging in with its own password.
  const ownerEmail = `demo-${tag}@example.com`;
  const signup = await api<{ tenantId: string; userId: string }>('POST', '/v1/signup', { body: { companyName: dataset.owner.companyName, name: dataset.owner.name, email: ownerEmail, password } });
  const owner = await logIn(api, ownerEmail, password, signup.body.userId);
  const sessions = new Map<string, Session>();
  const team: DemoLogin[] = [];
  await phase('team', dataset.team, async (user) => {
    const email = `${user.emailLocalPart}+${tag}@example.com`;
    const invited = await owner.call<{ id: string }>('POST', '/v1/users', { body: { email, name: user.name, roleId: user.roleId } });
    await api('POST', '/v1/auth/accept-invite', { body: { token: inviteTokenFromMail(mailDir, email), password } });
    sessions.set(user.key, await logIn(api, email, password, invited.body.id));
    team.push({ name: user.name, role: user.roleId, email, password });
  });
  const as = (userKey: string) => sessions.get(userKey) ?? owner;

  const companyIds = new Map<string, string>();
  await phase('companies', dataset.companies, async (company) => {
    companyIds.set(company.key, (await as(company.ownerKey).call<{ id: string }>('POST', '/v1/companies', { body: companyBody(company) })).body.id);
  });

  const contactIds = new Map<string, string>();
  await phase('contacts', dataset.contacts, async (contact) => {
    const body = contactBody(contact, contact.companyKey ? companyIds.get(contact.companyKey) : undefined);
    contactIds.set(contact.key, (await as(contact.ownerKey).call<{ id: string }>('POST', '/v1/contacts', { body })).body.id);
  });
  const idOf = (contactKey: string) => contactIds.get(contactKey)!;
  // This run's own rate so far gives a better ETA for the rest than the up-front one.
  const work = plannedWork(dataset, hasRoute(PENDING_ROUTES.createTask));
  const written = 1 + 2 * dataset.team.length + dataset.companies.length + dataset.contacts.length;
  const perSecond = written / Math.max(1, (Date.now() - loadStarted) / 1000);
  progress.note(`${'ETA'.padEnd(14)} ~${minutesFor(work.requests + work.events - written, perSecond)} min for the rest at this run's ${perSecond.toFixed(1)} writes/s`);

  // Everything below needs only the contacts (tickets also the feedback, which opens the complaints' tickets): at once.
  const complaintTicketIds = new Map<string, string>();
  const feedbackLoaded = phase('feedback', dataset.feedback, async (feedback) => {
    const answer = await owner.call<{ ticketId?: string }>('POST', `/v1/contacts/${idOf(feedback.contactKey)}/feedback`, { body: feedbackBody(feedback) });
    if (feedback.kind === 'complaint' && answer.body.ticketId) complaintTicketIds.set(feedback.key, answer.body.ticketId);
  });
  const behaviourLoaded = (async () => {
    const ingestKey = await owner.call<{ secret: string }>('POST', '/v1/ingest-keys', { body: { name: 'Northwind web shop' } });
    const batches = behaviourBatches(dataset.behaviour, idOf, Date.now());
    counts.behaviourEvents = 0;
    await phase(
      'behaviour',
      batches,
      async (events) => {
        const answer = await api<{ accepted: number; duplicates: number }>('POST', '/v1/events', { body: { events }, headers: { 'x-ingest-key': ingestKey.body.secret } });
        counts.behaviourEvents! += answer.body.accepted + answer.body.duplicates;
      },
      (events) => events.length,
    );
  })();
  const pendingLoaded = loadPendingAreas({ dataset, owner, as, idOf, complaintTicketIds: feedbackLoaded.then(() => complaintTicketIds), progress, concurrency });
  await settleAll([
    phase('orders', dataset.orders, async (order) => {
      await owner.call('POST', `/v1/contacts/${idOf(order.contactKey)}/transactions`, { body: orderBody(order) });
    }),
    phase('interactions', dataset.interactions, async (interaction) => {
      await as(interaction.byKey).call('POST', `/v1/contacts/${idOf(interaction.contactKey)}/interactions`, { body: interactionBody(interaction) });
    }),
    feedbackLoaded,
    behaviourLoaded,
    pendingLoaded,
  ]);
  const pending = await pendingLoaded;

  // Last, so the scores, churn risk and recommendations are computed from everything loaded.
  const insightsStarted = Date.now();
  pending.push(await runInsights({ owner, progress, contacts: dataset.contacts.length, ...(options.insightsTimeoutMs === undefined ? {} : { timeoutMs: options.insightsTimeoutMs }) }));
  seconds.insights = (Date.now() - insightsStarted) / 1000;

  const ownerLogin = { name: dataset.owner.name, role: 'owner', email: ownerEmail, password };
  return { tenantId: signup.body.tenantId, apiUrl, owner: ownerLogin, team, counts, seconds, pending };
}

/**
 * A day's visits as events: one per page view, carrying its time on the page (the day's dwell,
 * split over its page views), and one per click. The API stores each event on its own, so the
 * day's time on site rides on the page views rather than on an extra dwell event per visit.
 * Ids are derived from the dataset, so a resent batch counts once.
 */
export function behaviourBatches(days: readonly DemoBehaviourDay[], idOf: (contactKey: string) => string, nowMs: number): object[][] {
  const events: object[] = [];
  for (const day of days) {
    const contactId = idOf(day.contactKey);
    const start = Math.min(Date.parse(`${day.day}T09:00:00Z`), nowMs - 3_600_000);
    const at = (minute: number) => new Date(start + minute * 60_000).toISOString();
    const id = (kind: string, n: number) => `demo-${day.contactKey}-${day.day}-${kind}${n}`;
    const perPage = Math.floor(day.dwellSeconds / day.urls.length);
    day.urls.forEach((url, n) => {
      const durationSeconds = n === day.urls.length - 1 ? day.dwellSeconds - perPage * n : perPage;
      events.push({ id: id('v', n), type: 'page_view', contactId, url, durationSeconds, occurredAt: at(n * 2) });
    });
    for (let n = 0; n < day.clicks; n++) events.push({ id: id('c', n), type: 'click', contactId, url: day.urls[n % day.urls.length], occurredAt: at(n * 2 + 1) });
  }
  const batches: object[][] = [];
  for (let index = 0; index < events.length; index += EVENTS_PER_BATCH) batches.push(events.slice(index, index + EVENTS_PER_BATCH));
  return batches;
}

export type { ApiCaller };
