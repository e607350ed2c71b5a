import * as z from 'zod';
import { multilineText, text } from '../shared/text';
import { ULID_PATTERN } from '../shared/id-pattern';
import { TICKET_PRIORITIES, TICKET_STATUSES, type SlaTargets } from './ticket';

const minutes = z.int('must be a whole number of minutes').min(1, 'must be at least 1 minute').max(525_600, 'must be at most a year (525600 minutes)');
const target = z
  .strictObject({ firstResponseMinutes: minutes, resolutionMinutes: minutes })
  .refine((value) => value.resolutionMinutes >= value.firstResponseMinutes, { message: 'must not be shorter than firstResponseMinutes', path: ['resolutionMinutes'] });

/** The SLA policy as set: targets for every priority, in calendar minutes. */
export const slaPolicyInputSchema = z
  .strictObject({
    targets: z.strictObject({ low: target, normal: target, high: target, urgent: target }) satisfies z.ZodType<SlaTargets>,
  })
  .meta({ id: 'SlaPolicyInput' });
export type SlaPolicyInput = z.infer<typeof slaPolicyInputSchema>;

const userId = z.string().regex(ULID_PATTERN, 'must be a user id');
/** Where the ticket came from; `complaint` is what complaints recorded as feedback open. */
export const TICKET_CHANNELS = ['email', 'phone', 'chat', 'web', 'complaint', 'social', 'in_person'] as const;

export const ticketCreateSchema = z
  .strictObject({
    subject: text(300).describe('Personal data: encrypted, masked without pii:read'),
    description: multilineText(10_000).optional().describe('Personal data: encrypted, masked without pii:read'),
    contactId: z.string().regex(ULID_PATTERN, 'must be a contact id').optional(),
    priority: z.enum(TICKET_PRIORITIES).default('normal'),
    channel: z.enum(TICKET_CHANNELS).optional(),
    assigneeId: userId.optional().describe('An active member of the workspace'),
  })
  .meta({ id: 'TicketCreate' });
export type TicketCreateInput = z.infer<typeof ticketCreateSchema>;

export const ticketPatchSchema = z
  .strictObject({
    subject: text(300).optional(),
    description: multilineText(10_000).optional(),
    priority: z.enum(TICKET_PRIORITIES).optional().describe('A new priority moves the due times (from the creation time, under the current policy)'),
    status: z.enum(TICKET_STATUSES).optional().describe('open ↔ pending, → resolved, resolved → open | closed; others are refused (409)'),
    assigneeId: userId.nullable().optional().describe('null unassigns'),
    version: z.int().min(1).optional().describe('The version the change is based on (or If-Match)'),
  })
  .refine((patch) => Object.keys(patch).some((key) => key !== 'version'), { message: 'must change at least one field' })
  .meta({ id: 'TicketPatch' });
export type TicketPatch = z.infer<typeof ticketPatchSchema>;

export const ticketReplySchema = z.strictObject({ body: multilineText(10_000).describe('Personal data: encrypted, masked without pii:read') }).meta({ id: 'TicketReplyCreate' });
export type TicketReplyInput = z.infer<typeof ticketReplySchema>;

export const surveyAnswerSchema = z
  .strictObject({
    score: z.int('must be a whole number').min(1, 'must be from 1 to 5').max(5, 'must be from 1 to 5'),
    comment: multilineText(2000).optional(),
  })
  .meta({ id: 'SurveyAnswer' });
export type SurveyAnswerInput = z.infer<typeof surveyAnswerSchema>;
