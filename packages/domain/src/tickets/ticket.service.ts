import type { MembershipRepository } from '../access/ports';
import type { AuditLog } from '../audit/audit-log';
import { openContact } from '../contacts/contact-crypto';
import type { ContactRepository, Page } from '../contacts/ports';
import { customerScopeOf } from '../customers/customer-scope';
import { InvalidInputError, NotFoundError, TicketTransitionError, VersionConflictError } from '../errors';
import type { Mailer } from '../notifications/mailer';
import { maskText } from '../privacy/masking';
import type { FieldCipher } from '../privacy/field-cipher';
import type { Actor } from '../shared/auth-context';
import type { Clock } from '../shared/clock';
import { newId } from '../shared/ids';
import type { TicketFilter, TicketRepository, TicketWriteExtras } from './ports';
import { surveyMessage } from './survey-message';
import { newSurveyToken } from './survey-token';
import { canMove, defaultSlaPolicy, dueTimes, SURVEY_VALIDITY_DAYS, withBreaches, type SlaPolicy, type Ticket, type TicketReply, type TicketStatus } from './ticket';
import { maskTicket, openTicket, sealReply, sealTicket, sealTicketField } from './ticket-privacy';
import type { SlaPolicyInput, TicketCreateInput, TicketPatch, TicketReplyInput } from './ticket.schema';

export interface TicketServiceDeps {
  tickets: TicketRepository;
  contacts: ContactRepository;
  memberships: MembershipRepository;
  cipher: FieldCipher;
  auditLog: AuditLog;
  mailer: Mailer;
  clock: Clock;
  /** Survey links point at `<appUrl>/survey?token=…`. */
  appUrl: string;
  /** A survey email that could not be sent (the request stays recorded on the ticket). */
  onMailFailure?: (error: unknown) => void;
}

const DAY_MS = 86_400_000;

/**
 * Service tickets for one caller (ports bound to the caller's tenant). `tickets:read` sees every
 * ticket of the workspace; a ticket's contact must be one the caller may see when it is linked.
 * Subject, description and reply bodies are personal data: encrypted at rest, shown in clear only
 * with `pii:read` (each such read audited as `ticket.pii_read`), masked otherwise.
 */
export function createTicketService(deps: TicketServiceDeps, actor: Actor) {
  const scope = customerScopeOf(actor);
  const now = () => deps.clock.now();

  async function policy(): Promise<SlaPolicy> {
    return (await deps.tickets.getPolicy()) ?? defaultSlaPolicy();
  }

  async function stored(id: string): Promise<Ticket> {
    const ticket = await deps.tickets.get(id);
    if (!ticket) throw new NotFoundError('ticket', id);
    return ticket;
  }

  /** Tickets as the caller may see them, with breach flags as of now; one audit event covers what is shown in clear. */
  async function view(tickets: Ticket[]): Promise<Ticket[]> {
    const at = now();
    const current = tickets.map((ticket) => withBreaches(ticket, at));
    if (!scope.seesPersonalData) return Promise.all(current.map(maskTicket));
    const opened = await Promise.all(current.map((ticket) => openTicket(deps.cipher, ticket)));
    if (opened.length > 0) {
      await deps.auditLog.record(
        actor.auth.tenantId,
        scope.audited({ action: 'ticket.pii_read', target: { type: 'ticket', id: opened[0]!.id }, targetIds: opened.map((ticket) => ticket.id), details: { tickets: opened.length } }),
      );
    }
    return opened;
  }

  async function assertAssignable(assigneeId: string | null | undefined): Promise<void> {
    if (assigneeId === undefined || assigneeId === null) return;
    const member = await deps.memberships.get(assigneeId);
    if (!member || member.status !== 'active') throw new InvalidInputError('assigneeId', 'must be an active member of the workspace');
  }

  /** Writes the change with its audit event; the breach flags stored are those as of the write. */
  async function write(next: Ticket, previous: Ticket, action: 'ticket.updated' | 'ticket.replied' | 'ticket.resolved' | 'ticket.reopened', changedFields: string[], extras?: TicketWriteExtras) {
    const written = withBreaches({ ...next, updatedAt: now().toISOString(), version: previous.version + 1 }, now());
    await deps.tickets.replace(
      written,
      previous,
      scope.audited({ action, target: { type: 'ticket', id: previous.id }, changedFields, details: { status: written.status, priority: written.priority } }),
      extras,
    );
    return written;
  }

  function checkVersion(ticket: Ticket, expected: number | undefined) {
    if (expected !== undefined && expected !== ticket.version) throw new VersionConflictError('ticket', ticket.id, expected, ticket.version);
  }

  /** Resolution: fixes the breach flags as of now, closes the complaint, and asks the contact for a rating. */
  async function resolve(current: Ticket, changes: Partial<Ticket>, changedFields: string[]): Promise<Ticket> {
    const at = now().toISOString();
    // Flags computed while the status is still active, with the resolution time set; kept from then on.
    let next: Ticket = { ...withBreaches({ ...current, ...changes, resolvedAt: at }, new Date(at)), status: 'resolved' };
    const extras: TicketWriteExtras = current.feedbackId ? { closeComplaint: true } : {};
    const contact = current.contactId ? await deps.contacts.get(current.contactId) : null;
    let mail: { to: string; token: string; validUntil: string } | undefined;
    if (contact && current.contactId) {
      const { token, tokenHash } = newSurveyToken(actor.auth.tenantId);
      const validUntil = new Date(Date.parse(at) + SURVEY_VALIDITY_DAYS * DAY_MS).toISOString();
      const email = (await openContact(deps.cipher, contact)).email;
      extras.survey = { tokenHash, ticketId: current.id, contactId: current.contactId, createdAt: at, validUntil };
      next = { ...next, survey: { requestedAt: at, validUntil, delivery: email ? 'email' : 'none' } };
      if (email) mail = { to: email, token, validUntil };
    }
    const written = await write(next, current, 'ticket.resolved', [...changedFields, 'status'], extras);
    if (mail) {
      await deps.mailer
        .send(surveyMessage({ to: mail.to, link: `${deps.appUrl}/survey?token=${mail.token}`, validUntil: mail.validUntil }))
        .catch((error: unknown) => deps.onMailFailure?.(error));
    }
    return written;
  }

  async function move(current: Ticket, to: TicketStatus, changes: Partial<Ticket>, changedFields: string[]): Promise<Ticket> {
    if (!canMove(current.status, to)) throw new TicketTransitionError(current.status, to);
    if (to === 'resolved') return resolve(current, changes, changedFields);
    if (current.status === 'resolved' && to === 'open') {
      const { resolvedAt: _resolvedAt, ...reopened } = { ...current, ...changes };
      return write({ ...reopened, status: 'open' }, current, 'ticket.reopened', [...changedFields, 'status']);
    }
    const at = now().toISOString();
    return write({ ...current, ...changes, status: to, ...(to === 'closed' ? { closedAt: at } : {}) }, current, 'ticket.updated', [...changedFields, 'status']);
  }

  const one = async (ticket: Ticket) => (await view([ticket]))[0]!;

  return {
    async getPolicy(): Promise<SlaPolicy> {
      return policy();
    },

    async setPolicy(input: SlaPolicyInput): Promise<SlaPolicy> {
      const current = await policy();
      const next: SlaPolicy = { targets: input.targets, calendar: 'calendar', updatedAt: now().toISOString(), version: current.version + 1 };
      await deps.tickets.putPolicy(next, scope.audited({ action: 'sla.updated', target: { type: 'sla-policy', id: actor.auth.tenantId }, changedFields: ['targets'] }));
      return next;
    },

    async create(input: TicketCreateInput): Promise<Ticket> {
      let region: string | undefined;
      if (input.contactId !== undefined) {
        const contact = await deps.contacts.get(input.contactId);
        if (!contact || !scope.owns(contact.ownerId)) throw new InvalidInputError('contactId', 'must be a contact you can see');
        region = contact.region;
      }
      await assertAssignable(input.assigneeId);
      const at = now().toISOString();
      const ticket: Ticket = {
        id: newId(),
        subject: input.subject,
        ...(input.description === undefined ? {} : { description: input.description }),
        ...(input.contactId === undefined ? {} : { contactId: input.contactId }),
        priority: input.priority,
        status: 'open',
        ...(input.assigneeId === undefined ? {} : { assigneeId: input.assigneeId }),
        ...(input.channel === undefined ? {} : { channel: input.channel }),
        ...(region === undefined ? {} : { region }),
        createdBy: actor.auth.userId,
        createdAt: at,
        updatedAt: at,
        ...dueTimes((await policy()).targets, input.priority, at),
        firstResponseBreached: false,
        resolutionBreached: false,
        version: 1,
      };
      await deps.tickets.create(
        await sealTicket(deps.cipher, ticket),
        scope.audited({ action: 'ticket.created', target: { type: 'ticket', id: ticket.id }, changedFields: Object.keys(input).sort(), details: { priority: ticket.priority } }),
      );
      return scope.seesPersonalData ? ticket : maskTicket(ticket);
    },

    async get(id: string): Promise<Ticket> {
      return one(await stored(id));
    },

    /** `breached: true` lists active tickets past a due time (the due-time index); other filters page the listing. */
    async list(filter: TicketFilter & { breached?: boolean }, page: { limit: number; afterId?: string }): Promise<Page<Ticket>> {
      const { breached, ...rest } = filter;
      const found = breached ? await deps.tickets.listOverdue(now().toISOString(), page) : await deps.tickets.list(rest, page);
      const items = breached ? found.items.filter((ticket) => matches(ticket, rest)) : found.items;
      return { items: await view(items), lastId: found.lastId };
    },

    async update(id: string, patch: TicketPatch, expectedVersion: number | undefined): Promise<Ticket> {
      const current = await stored(id);
      checkVersion(current, expectedVersion);
      if (current.status === 'closed') throw new TicketTransitionError('closed', patch.status ?? 'closed');
      await assertAssignable(patch.assigneeId);
      const changes: Partial<Ticket> = {};
      if (patch.subject !== undefined) changes.subject = await sealTicketField(deps.cipher, id, 'subject', patch.subject);
      if (patch.description !== undefined) changes.description = await sealTicketField(deps.cipher, id, 'description', patch.description);
      if (patch.priority !== undefined && patch.priority !== current.priority) {
        Object.assign(changes, { priority: patch.priority }, dueTimes((await policy()).targets, patch.priority, current.createdAt));
      }
      let next: Ticket = { ...current, ...changes };
      if (patch.assigneeId === null) {
        const { assigneeId: _assigneeId, ...unassigned } = next;
        next = unassigned;
      } else if (patch.assigneeId !== undefined) next = { ...next, assigneeId: patch.assigneeId };
      const changedFields = Object.keys(patch).filter((key) => key !== 'version' && key !== 'status').sort();
      const written = patch.status !== undefined && patch.status !== current.status
        ? await move(current, patch.status, next, changedFields)
        : await write(next, current, 'ticket.updated', changedFields);
      return one(written);
    },

    /** An agent's reply; the first one records the first response time. */
    async reply(id: string, input: TicketReplyInput): Promise<TicketReply> {
      const current = await stored(id);
      if (current.status === 'closed') throw new TicketTransitionError('closed', 'replied');
      const at = now().toISOString();
      const reply: TicketReply = { id: newId(), ticketId: id, body: input.body, authorId: actor.auth.userId, createdAt: at };
      const next: Ticket = current.firstResponseAt ? current : { ...current, firstResponseAt: at, firstResponseBreached: at > current.firstResponseDueAt };
      await write(next, current, 'ticket.replied', current.firstResponseAt ? [] : ['firstResponseAt'], { reply: await sealReply(deps.cipher, reply) });
      return scope.seesPersonalData ? reply : { ...reply, body: maskText(reply.body) };
    },

    async resolve(id: string): Promise<Ticket> {
      return one(await move(await stored(id), 'resolved', {}, []));
    },

    async reopen(id: string): Promise<Ticket> {
      const current = await stored(id);
      if (current.status !== 'resolved') throw new TicketTransitionError(current.status, 'open (reopen)');
      return one(await move(current, 'open', {}, []));
    },
  };
}

function matches(ticket: Ticket, filter: TicketFilter): boolean {
  return (Object.keys(filter) as (keyof TicketFilter)[]).every((key) => filter[key] === undefined || ticket[key] === filter[key]);
}

export type TicketService = ReturnType<typeof createTicketService>;
