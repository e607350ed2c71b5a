import type { DemoDataset } from '../generator/dataset';
import type { ApiCaller } from './api-caller';
import { createLimiter, forEachLimited, settleAll } from './concurrency';
import { companyBody, contactBody, feedbackBody, interactionBody, orderBody } from './request-bodies';

/** What a load into an existing workspace writes, in this order (the last three at once). */
export const WORKSPACE_STEPS = ['companies', 'contacts', 'orders', 'interactions', 'feedback'] as const;
export type WorkspaceStep = (typeof WORKSPACE_STEPS)[number];

export interface WorkspaceLoadProgress {
  /** Requests answered so far, of `total`. */
  done: number;
  total: number;
  /** The step whose request was answered last. */
  step: WorkspaceStep;
}

export interface LoadIntoWorkspaceOptions {
  dataset: DemoDataset;
  /** Calls the API as the person loading the demo (their own session and workspace). */
  call: ApiCaller;
  /** Requests in flight, across all steps. @default 6 (a browser's connections per host) */
  concurrency?: number;
  onProgress?: (progress: WorkspaceLoadProgress) => void;
}

export interface WorkspaceLoadResult {
  /** Records created per step. */
  counts: Record<WorkspaceStep, number>;
  /** Tickets the complaints among the feedback opened (the feedback API opens them). */
  ticketsOpened: number;
}

/** Requests a load of `dataset` sends: one per record. */
export function workspaceLoadSize(dataset: DemoDataset): number {
  return dataset.companies.length + dataset.contacts.length + dataset.orders.length + dataset.interactions.length + dataset.feedback.length;
}

/**
 * Writes the customer data of a generated dataset (companies, contacts and their orders,
 * interactions and feedback) into the caller's own workspace through the public API, as the web
 * console's "Load demo data" does. Unlike `loadDemo` it makes no workspace and no team: every
 * record is the caller's, so nothing needs a mailbox or a second login. Every request takes a slot
 * of one shared limit; the first failure (or a cancelled `call`) stops the rest, and what was
 * written stays.
 */
export async function loadIntoWorkspace({ dataset, call, concurrency = 6, onProgress }: LoadIntoWorkspaceOptions): Promise<WorkspaceLoadResult> {
  const limiter = createLimiter(concurrency);
  const api: ApiCaller = (method, path, options) => limiter.run(() => call(method, path, options));
  const total = workspaceLoadSize(dataset);
  const counts = Object.fromEntries(WORKSPACE_STEPS.map((step) => [step, 0])) as Record<WorkspaceStep, number>;
  let done = 0;
  const step = <T>(name: WorkspaceStep, items: readonly T[], work: (item: T) => Promise<void>) =>
    forEachLimited(items, concurrency, async (item) => {
      await work(item);
      counts[name] += 1;
      done += 1;
      onProgress?.({ done, total, step: name });
    });

  const companyIds = new Map<string, string>();
  await step('companies', dataset.companies, async (company) => {
    companyIds.set(company.key, (await api<{ id: string }>('POST', '/v1/companies', { body: companyBody(company) })).body.id);
  });
  const contactIds = new Map<string, string>();
  await step('contacts', dataset.contacts, async (contact) => {
    const body = contactBody(contact, contact.companyKey ? companyIds.get(contact.companyKey) : undefined);
    contactIds.set(contact.key, (await api<{ id: string }>('POST', '/v1/contacts', { body })).body.id);
  });
  const idOf = (contactKey: string) => contactIds.get(contactKey)!;

  let ticketsOpened = 0;
  await settleAll([
    step('orders', dataset.orders, async (order) => {
      await api('POST', `/v1/contacts/${idOf(order.contactKey)}/transactions`, { body: orderBody(order) });
    }),
    step('interactions', dataset.interactions, async (interaction) => {
      await api('POST', `/v1/contacts/${idOf(interaction.contactKey)}/interactions`, { body: interactionBody(interaction) });
    }),
    step('feedback', dataset.feedback, async (feedback) => {
      const answer = await api<{ ticketId?: string }>('POST', `/v1/contacts/${idOf(feedback.contactKey)}/feedback`, { body: feedbackBody(feedback) });
      if (feedback.kind === 'complaint' && answer.body.ticketId) ticketsOpened += 1;
    }),
  ]);
  return { counts, ticketsOpened };
}
