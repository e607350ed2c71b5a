import { describe, expect, it } from 'vitest';
import { generateDataset } from '../generator/generate';
import type { ApiCaller } from './api-caller';
import { loadIntoWorkspace, workspaceLoadSize, type WorkspaceLoadProgress } from './load-into-workspace';

const dataset = generateDataset({ seed: 7, customers: 12, today: new Date('2026-06-30T12:00:00Z') });

/** An API that answers every create with a new id (a complaint with a ticket), logging each request and how many were in flight. */
function recordingApi(options: { failOn?: RegExp } = {}) {
  const requests: { method: string; path: string; body: unknown }[] = [];
  let inFlight = 0;
  let mostInFlight = 0;
  let next = 0;
  const call: ApiCaller = async (method, path, callOptions) => {
    inFlight += 1;
    mostInFlight = Math.max(mostInFlight, inFlight);
    await new Promise((resolve) => setTimeout(resolve, 1));
    inFlight -= 1;
    requests.push({ method, path, body: callOptions?.body });
    if (options.failOn?.test(path)) throw new Error(`refused ${path}`);
    const id = `ID${String(next++).padStart(24, '0')}`;
    return { status: 201, body: path.endsWith('/feedback') ? { id, ticketId: `T${id}` } : { id } } as never;
  };
  return { call, requests, mostInFlight: () => mostInFlight };
}

describe('loadIntoWorkspace', () => {
  it("sends every company, contact, order, interaction and feedback once, wiring the API's ids, within the limit", async () => {
    // Prepare
    const api = recordingApi();
    const progress: WorkspaceLoadProgress[] = [];

    // Act
    const result = await loadIntoWorkspace({ dataset, call: api.call, concurrency: 3, onProgress: (update) => progress.push(update) });

    // Assess: one request per record, companies and contacts first, each record under its contact's new id
    const total = workspaceLoadSize(dataset);
    expect(api.requests).toHaveLength(total);
    expect(result.counts).toEqual({
      companies: dataset.companies.length,
      contacts: dataset.contacts.length,
      orders: dataset.orders.length,
      interactions: dataset.interactions.length,
      feedback: dataset.feedback.length,
    });
    expect(result.ticketsOpened).toBe(dataset.feedback.filter((entry) => entry.kind === 'complaint').length);
    const firstContact = api.requests.findIndex((request) => request.path === '/v1/contacts');
    const lastCompany = api.requests.findLastIndex((request) => request.path === '/v1/companies');
    const firstRecord = api.requests.findIndex((request) => request.path.startsWith('/v1/contacts/'));
    expect(lastCompany).toBeLessThan(firstContact);
    expect(api.requests.slice(firstContact, firstRecord).every((request) => request.path === '/v1/contacts')).toBe(true);
    expect(api.requests.filter((request) => request.path.startsWith('/v1/contacts/')).every((request) => /^\/v1\/contacts\/ID\d{24}\/(transactions|interactions|feedback)$/.test(request.path))).toBe(true);
    expect(api.requests.some((request) => JSON.stringify(request.body).includes('"key"'))).toBe(false);
    expect(api.mostInFlight()).toBeLessThanOrEqual(3);
    expect(progress.at(-1)).toMatchObject({ done: total, total });
    expect(progress.map((update) => update.done)).toEqual(Array.from({ length: total }, (_, index) => index + 1));
  });

  it('stops at the first refusal and reports it', async () => {
    // Prepare
    const api = recordingApi({ failOn: /^\/v1\/contacts$/ });

    // Act
    const failure = await loadIntoWorkspace({ dataset, call: api.call, concurrency: 2 }).catch((error: unknown) => error);

    // Assess: no record was sent for a contact that does not exist
    expect(failure).toEqual(new Error('refused /v1/contacts'));
    expect(api.requests.filter((request) => request.path === '/v1/contacts').length).toBeLessThanOrEqual(2);
    expect(api.requests.some((request) => request.path.startsWith('/v1/contacts/'))).toBe(false);
  });
});
