import {
  slaPolicyInputSchema,
  surveyAnswerSchema,
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  ticketCreateSchema,
  ticketPatchSchema,
  ticketReplySchema,
  ULID_PATTERN,
} from '@rapport/domain';
import * as z from 'zod';
import { ETAG, ETAG_AND_LOCATION, okWith, pageOf, versioned, type RouteContract } from '../contract';
import { endpointsOf } from '../../endpoint';
import { ticketRoutes } from '../../routes/tickets';

/** The `{id}` path parameter of the ticket routes. */
export const ticketIdParams = z.object({ id: z.string().regex(ULID_PATTERN, 'must be a ticket id') });
/** The `{token}` of a satisfaction survey link. */
export const surveyTokenParams = z.object({ token: z.string().min(1).max(200) });

/** `?limit=&cursor=` and the filters of the ticket list. */
export const ticketListQuery = z.strictObject({
  limit: z.coerce.number().int('must be a whole number').min(1).max(100).default(25),
  cursor: z.string().max(300).optional(),
  status: z.enum(TICKET_STATUSES).optional(),
  priority: z.enum(TICKET_PRIORITIES).optional(),
  assigneeId: z.string().regex(ULID_PATTERN, 'must be a user id').optional(),
  contactId: z.string().regex(ULID_PATTERN, 'must be a contact id').optional(),
  breached: z.literal('true', 'must be true (lists open and pending tickets past a due time, earliest due first)').optional(),
});

const target = z.object({ firstResponseMinutes: z.int(), resolutionMinutes: z.int() });
export const slaPolicySchema = z
  .object({
    targets: z.object({ low: target, normal: target, high: target, urgent: target }),
    calendar: z.literal('calendar').describe('Targets run in calendar time: business hours are not modelled'),
    updatedAt: z.iso.datetime().nullable().describe('Null: the defaults, never set'),
    version: z.int().min(0),
  })
  .meta({ id: 'SlaPolicy' });

export const ticketSchema = z
  .object({
    id: z.string(),
    subject: z.string().describe('Masked without pii:read'),
    description: z.string().optional().describe('Masked without pii:read'),
    contactId: z.string().optional(),
    priority: z.enum(TICKET_PRIORITIES),
    status: z.enum(TICKET_STATUSES),
    assigneeId: z.string().optional(),
    channel: z.string().optional(),
    region: z.string().optional().describe("The contact's region when the ticket was created"),
    feedbackId: z.string().optional().describe('The complaint this ticket was opened for'),
    createdBy: z.string(),
    firstResponseAt: z.iso.datetime().optional(),
    resolvedAt: z.iso.datetime().optional(),
    closedAt: z.iso.datetime().optional(),
    firstResponseDueAt: z.iso.datetime(),
    resolutionDueAt: z.iso.datetime(),
    firstResponseBreached: z.boolean().describe('The first response came after its due time, or is missing past it'),
    resolutionBreached: z.boolean().describe('The resolution came after its due time, or is missing past it'),
    survey: z
      .object({ requestedAt: z.iso.datetime(), validUntil: z.iso.datetime(), delivery: z.enum(['email', 'none']).describe('none: the contact has no email; nothing was sent') })
      .optional(),
    satisfaction: z.object({ score: z.int().min(1).max(5), answeredAt: z.iso.datetime(), feedbackId: z.string() }).optional(),
    ...versioned,
  })
  .meta({ id: 'Ticket' });

const replySchema = z
  .object({ id: z.string(), ticketId: z.string(), body: z.string().describe('Masked without pii:read'), authorId: z.string(), createdAt: z.iso.datetime() })
  .meta({ id: 'TicketReply' });

const transition = 'The status change is not allowed from the current status (the message names it), or the ticket changed since the version sent';

export const ticketContracts = {
  getSlaPolicy: {
    tag: 'tickets',
    request: {},
    responses: okWith(slaPolicySchema, "The workspace's SLA targets (the defaults until set)"),
  },
  updateSlaPolicy: {
    tag: 'tickets',
    request: { body: slaPolicyInputSchema },
    responses: okWith(slaPolicySchema, 'The new SLA targets; tickets created from now on are due by them'),
  },
  createTicket: {
    tag: 'tickets',
    request: { body: ticketCreateSchema },
    responses: { 201: { description: 'The ticket with its due times, ETag and Location', body: ticketSchema, headers: ETAG_AND_LOCATION } },
  },
  listTickets: {
    tag: 'tickets',
    request: { query: ticketListQuery },
    responses: okWith(pageOf(ticketSchema), 'A page of tickets, oldest first (breached=true: earliest due first); a filtered page may be short and still have a next one'),
  },
  getTicket: {
    tag: 'tickets',
    request: { params: ticketIdParams },
    responses: okWith(ticketSchema, 'The ticket with its SLA state as of now, and its ETag', ETAG),
  },
  updateTicket: {
    tag: 'tickets',
    ifMatch: true,
    request: { params: ticketIdParams, body: ticketPatchSchema },
    responses: okWith(ticketSchema, 'The changed ticket, with its new ETag', ETAG),
    errors: { 409: transition },
  },
  replyToTicket: {
    tag: 'tickets',
    request: { params: ticketIdParams, body: ticketReplySchema },
    responses: { 201: { description: "The reply; the first one sets the ticket's first response time", body: replySchema } },
    errors: { 409: 'The ticket is closed, or changed meanwhile' },
  },
  resolveTicket: {
    tag: 'tickets',
    request: { params: ticketIdParams },
    responses: okWith(ticketSchema, "The resolved ticket; its contact is asked for a satisfaction rating", ETAG),
    errors: { 409: transition },
  },
  reopenTicket: {
    tag: 'tickets',
    request: { params: ticketIdParams },
    responses: okWith(ticketSchema, 'The ticket, open again (its resolution due time is unchanged)', ETAG),
    errors: { 409: transition },
  },
  answerSurvey: {
    tag: 'tickets',
    request: { params: surveyTokenParams, body: surveyAnswerSchema },
    responses: { 201: { description: "Recorded as a CSAT rating on the ticket's contact", body: z.object({ ticketId: z.string(), score: z.int() }) } },
    errors: { 410: 'The survey link has been used or has expired' },
  },
} satisfies Record<keyof typeof ticketRoutes, RouteContract>;

/** The tickets routes with their contracts, as the handlers are built from them. */
export const ticketEndpoints = /* @__PURE__ */ endpointsOf(ticketRoutes, ticketContracts);
