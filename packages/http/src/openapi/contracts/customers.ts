import { TICKET_PRIORITIES, TICKET_STATUSES } from '@rapport/domain';
import { DIRECTIONS, FEEDBACK_KINDS, feedbackCreateSchema, INTERACTION_TYPES, interactionCreateSchema, transactionCreateSchema } from '@rapport/domain';
import * as z from 'zod';
import { contactDealSchema } from './sales';
import { contactIdParams, okWith, pageOf, type RouteContract } from '../contract';
import { endpointsOf } from '../../endpoint';
import { customerRoutes } from '../../routes/customers';
import { contactProfileSchema } from './contacts';
import { customerScoresSchema } from './insights';

/** `?limit=&cursor=` of a contact's record lists. */
export const recordPageQuery = z.strictObject({
  limit: z.coerce.number().int('must be a whole number').min(1).max(100).default(25),
  cursor: z.string().max(200).optional(),
});

const recordBase = { id: z.string(), contactId: z.string(), createdBy: z.string(), createdAt: z.iso.datetime() };

export const transactionSchema = z
  .object({
    ...recordBase,
    items: z.array(z.object({ product: z.string(), quantity: z.int(), unitPrice: z.string() })),
    currency: z.string(),
    amount: z.string().describe('Decimal, computed from the items'),
    amountMinor: z.int(),
    time: z.iso.datetime(),
    reference: z.string().optional(),
  })
  .meta({ id: 'Transaction' });

export const interactionSchema = z
  .object({
    ...recordBase,
    type: z.enum(INTERACTION_TYPES),
    direction: z.enum(DIRECTIONS).optional(),
    subject: z.string().optional().describe('Masked without pii:read'),
    body: z.string().optional().describe('Masked without pii:read'),
    occurredAt: z.iso.datetime(),
    durationSeconds: z.number().optional(),
  })
  .meta({ id: 'Interaction' });

export const feedbackSchema = z
  .object({
    ...recordBase,
    kind: z.enum(FEEDBACK_KINDS),
    score: z.number().optional(),
    comment: z.string().optional().describe('Masked without pii:read'),
    channel: z.string().optional(),
    status: z.enum(['open', 'closed']).optional().describe("Complaints: open until the ticket opened for them is resolved"),
    ticketId: z.string().optional().describe('The ticket a complaint opened, or whose survey a rating answers'),
  })
  .meta({ id: 'Feedback' });

const counts = { pageViews: z.int(), clicks: z.int(), dwellSeconds: z.number() };

export const customer360Schema = z
  .object({
    profile: contactProfileSchema,
    company: z.object({ companyId: z.string(), name: z.string(), domain: z.string().optional(), industry: z.string().optional() }).nullable(),
    transactions: z.object({
      latest: z.array(transactionSchema),
      count: z.int(),
      lifetimeAmount: z.array(z.object({ currency: z.string(), amount: z.string(), amountMinor: z.int() })),
    }),
    timeline: z.object({ latest: z.array(interactionSchema), count: z.int() }),
    feedback: z.object({
      latest: z.array(feedbackSchema),
      count: z.int(),
      averageCsat: z.number().nullable(),
      csatResponses: z.int(),
      latestNps: z.object({ score: z.number(), at: z.iso.datetime() }).nullable(),
      openComplaints: z.int(),
    }),
    behaviour: z.object({
      from: z.iso.date(),
      to: z.iso.date(),
      days: z.array(z.object({ day: z.iso.date(), ...counts })),
      totals: z.object(counts),
    }),
    deals: z.object({ open: z.array(contactDealSchema).describe('Open deals, newest first'), wonCount: z.int(), lostCount: z.int() }),
    tickets: z.object({
      open: z.array(
        z.object({
          id: z.string(),
          contactId: z.string(),
          status: z.enum(TICKET_STATUSES),
          priority: z.enum(TICKET_PRIORITIES),
          channel: z.string().optional(),
          assigneeId: z.string().optional(),
          createdAt: z.iso.datetime(),
          firstResponseDueAt: z.iso.datetime(),
          resolutionDueAt: z.iso.datetime(),
          firstResponseAt: z.iso.datetime().optional(),
          resolvedAt: z.iso.datetime().optional(),
          firstResponseBreached: z.boolean(),
          resolutionBreached: z.boolean(),
          ticketVersion: z.int(),
        }),
      ).describe('Open and pending tickets, resolution due first (subjects are read from the ticket itself)'),
      count: z.int().describe('Every ticket of the contact, resolved and closed ones included'),
    }),
    scores: customerScoresSchema.nullable().describe('RFM and churn risk from the last insights run; null until one has scored the contact'),
  })
  .meta({ id: 'Customer360' });

export const customerContracts = {
  addTransaction: {
    tag: 'customers',
    request: { params: contactIdParams, body: transactionCreateSchema },
    responses: { 201: { description: 'The recorded order', body: transactionSchema } },
  },
  listTransactions: {
    tag: 'customers',
    request: { params: contactIdParams, query: recordPageQuery },
    responses: okWith(pageOf(transactionSchema), "A page of the contact's orders, newest first"),
  },
  addInteraction: {
    tag: 'customers',
    request: { params: contactIdParams, body: interactionCreateSchema },
    responses: { 201: { description: 'The logged interaction', body: interactionSchema } },
  },
  listInteractions: {
    tag: 'customers',
    request: { params: contactIdParams, query: recordPageQuery },
    responses: okWith(pageOf(interactionSchema), "A page of the contact's timeline, newest first"),
  },
  addFeedback: {
    tag: 'customers',
    request: { params: contactIdParams, body: feedbackCreateSchema },
    responses: { 201: { description: 'The recorded feedback', body: feedbackSchema } },
  },
  listFeedback: {
    tag: 'customers',
    request: { params: contactIdParams, query: recordPageQuery },
    responses: okWith(pageOf(feedbackSchema), "A page of the contact's feedback, newest first"),
  },
  getCustomer360: {
    tag: 'customers',
    request: { params: contactIdParams },
    responses: okWith(customer360Schema, 'The contact with its company, orders, timeline, feedback and behaviour'),
  },
} satisfies Record<keyof typeof customerRoutes, RouteContract>;

/** The customers routes with their contracts, as the handlers are built from them. */
export const customerEndpoints = /* @__PURE__ */ endpointsOf(customerRoutes, customerContracts);
