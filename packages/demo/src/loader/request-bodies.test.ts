import { behaviourBatchSchema, companyCreateSchema, contactCreateSchema, feedbackCreateSchema, interactionCreateSchema, normalisePhone, transactionCreateSchema, usePhoneParser } from '@rapport/domain';
import { ROUTE_CONTRACTS } from '@rapport/http';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDataset } from '../generator/generate';
import { behaviourBatches } from './load-demo';
import { campaignBody, companyBody, contactBody, conversionBody, dealBody, decimalOf, feedbackBody, interactionBody, orderBody, pipelineBody, segmentBody, taskBody, ticketBody } from './request-bodies';

const dataset = generateDataset({ seed: 3, customers: 400, today: new Date('2026-12-01T12:00:00Z') });
const COMPANY_ID = '01KB0000000000000000000000';
const CONTACT_ID = '01KB0000000000000000000001';
const OTHER_ID = '01KB0000000000000000000002';

/** The issues of every body the schema refuses, so a failure names the field. */
const refusals = (schema: { safeParse(value: unknown): { success: boolean; error?: { issues: unknown[] } } }, bodies: unknown[]) =>
  bodies.flatMap((body) => {
    const parsed = schema.safeParse(body);
    return parsed.success ? [] : [{ body, issues: parsed.error!.issues }];
  });

describe('the bodies the loader sends', () => {
  // The API parses these with the phone parser its contact and company handlers set at cold start.
  beforeAll(() => usePhoneParser(normalisePhone));

  it("pass the API's own create schemas, so a load never stops on a 400", () => {
    expect(refusals(companyCreateSchema, dataset.companies.map(companyBody))).toEqual([]);
    expect(refusals(contactCreateSchema, dataset.contacts.map((contact) => contactBody(contact, contact.companyKey ? COMPANY_ID : undefined)))).toEqual([]);
    expect(refusals(transactionCreateSchema, dataset.orders.map(orderBody))).toEqual([]);
    expect(refusals(interactionCreateSchema, dataset.interactions.map(interactionBody))).toEqual([]);
    expect(refusals(feedbackCreateSchema, dataset.feedback.map(feedbackBody))).toEqual([]);
  });

  it("pass the deals, tickets, marketing and tasks routes' own contracts", () => {
    const bodyOf = (route: keyof typeof ROUTE_CONTRACTS) => (ROUTE_CONTRACTS[route].request as { body: Parameters<typeof refusals>[0] }).body;
    const ticketPatch = bodyOf('updateTicket');
    const ids = { contactId: CONTACT_ID, pipelineId: OTHER_ID, stageId: COMPANY_ID };

    expect(refusals(bodyOf('createPipeline'), [pipelineBody(dataset.pipeline)])).toEqual([]);
    expect(refusals(bodyOf('createDeal'), dataset.deals.map((deal) => dealBody(deal, ids)))).toEqual([]);
    expect(refusals(bodyOf('loseDeal'), dataset.deals.filter((deal) => deal.status === 'lost').map((deal) => ({ reason: deal.lostReason })))).toEqual([]);
    const desk = dataset.tickets.filter((ticket) => ticket.fromFeedbackKey === undefined);
    expect(refusals(bodyOf('createTicket'), desk.map((ticket) => ticketBody(ticket, CONTACT_ID, OTHER_ID)))).toEqual([]);
    expect(refusals(ticketPatch, dataset.tickets.map((ticket) => ({ priority: ticket.priority, assigneeId: OTHER_ID })))).toEqual([]);
    expect(refusals(bodyOf('createSegment'), dataset.campaigns.map(segmentBody))).toEqual([]);
    expect(refusals(bodyOf('createCampaign'), dataset.campaigns.map((campaign) => campaignBody(campaign, OTHER_ID, dataset.currency)))).toEqual([]);
    expect(refusals(bodyOf('recordCampaignConversion'), dataset.campaigns.flatMap((campaign) => campaign.conversions.map((conversion) => conversionBody(conversion, CONTACT_ID))))).toEqual([]);
    expect(refusals(bodyOf('createTask'), dataset.tasks.map((task) => taskBody(task, { assigneeId: OTHER_ID, contactId: CONTACT_ID, ...(task.dealKey ? { dealId: COMPANY_ID } : {}) })))).toEqual([]);
    expect(desk.length).toBeGreaterThan(0);
    expect(dataset.tasks.some((task) => task.status === 'done')).toBe(true);
  });

  it('writes minor units as two-decimal amounts', () => {
    expect([0, 5, 99, 100, 125_000, 1_234_567].map(decimalOf)).toEqual(['0.00', '0.05', '0.99', '1.00', '1250.00', '12345.67']);
  });

  it('send behaviour in valid batches of at most 500, one event per page view (with its time on the page) and per click', () => {
    // Act
    const batches = behaviourBatches(dataset.behaviour, () => CONTACT_ID, Date.parse('2026-12-01T12:00:00Z'));

    // Assess
    expect(refusals(behaviourBatchSchema, batches.map((events) => ({ events })))).toEqual([]);
    expect(batches.every((batch) => batch.length <= 500)).toBe(true);
    const expected = dataset.behaviour.reduce((sum, day) => sum + day.pageViews + day.clicks, 0);
    expect(batches.flat()).toHaveLength(expected);
    const dwell = (batches.flat() as { durationSeconds?: number }[]).reduce((sum, event) => sum + (event.durationSeconds ?? 0), 0);
    expect(dwell).toBe(dataset.behaviour.reduce((sum, day) => sum + day.dwellSeconds, 0));
    expect(new Set(batches.flat().map((event) => (event as { id: string }).id)).size).toBe(expected);
  });
});
