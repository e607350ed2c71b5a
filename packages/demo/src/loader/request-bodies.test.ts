import { behaviourBatchSchema, companyCreateSchema, contactCreateSchema, feedbackCreateSchema, interactionCreateSchema, transactionCreateSchema } from '@rapport/domain';
import { describe, expect, it } from 'vitest';
import { generateDataset } from '../generator/generate';
import { behaviourBatches } from './load-demo';
import { companyBody, contactBody, feedbackBody, interactionBody, orderBody } from './request-bodies';

const dataset = generateDataset({ seed: 3, customers: 400, today: new Date('2026-12-01T12:00:00Z') });
const COMPANY_ID = '01KB0000000000000000000000';
const CONTACT_ID = '01KB0000000000000000000001';

/** The issues of every body the schema refuses, so a failure names the field. */
const refusals = (schema: { safeParse(value: unknown): { success: boolean; error?: { issues: unknown[] } } }, bodies: unknown[]) =>
  bodies.flatMap((body) => {
    const parsed = schema.safeParse(body);
    return parsed.success ? [] : [{ body, issues: parsed.error!.issues }];
  });

describe('the bodies the loader sends', () => {
  it("pass the API's own create schemas, so a load never stops on a 400", () => {
    expect(refusals(companyCreateSchema, dataset.companies.map(companyBody))).toEqual([]);
    expect(refusals(contactCreateSchema, dataset.contacts.map((contact) => contactBody(contact, contact.companyKey ? COMPANY_ID : undefined)))).toEqual([]);
    expect(refusals(transactionCreateSchema, dataset.orders.map(orderBody))).toEqual([]);
    expect(refusals(interactionCreateSchema, dataset.interactions.map(interactionBody))).toEqual([]);
    expect(refusals(feedbackCreateSchema, dataset.feedback.map(feedbackBody))).toEqual([]);
  });

  it('send behaviour in valid batches of at most 500, one event per page view and click and one dwell per visit', () => {
    // Act
    const batches = behaviourBatches(dataset.behaviour, () => CONTACT_ID, Date.parse('2026-12-01T12:00:00Z'));

    // Assess
    expect(refusals(behaviourBatchSchema, batches.map((events) => ({ events })))).toEqual([]);
    expect(batches.every((batch) => batch.length <= 500)).toBe(true);
    const expected = dataset.behaviour.reduce((sum, day) => sum + day.pageViews + day.clicks + 1, 0);
    expect(batches.flat()).toHaveLength(expected);
    expect(new Set(batches.flat().map((event) => (event as { id: string }).id)).size).toBe(expected);
  });
});
