import type { AuditAction } from '../audit/audit-event';
import type { AuditLog } from '../audit/audit-log';
import type { Contact } from '../contacts/contact';
import { hasPersonalData, openContact } from '../contacts/contact-crypto';
import { masked as maskedContact } from '../contacts/contact.service';
import type { ContactRepository, Page } from '../contacts/ports';
import { NotFoundError } from '../errors';
import { customFieldCodec, withCustomFields } from '../fields/custom-field-codec';
import type { FieldDefinitionRepository } from '../fields/ports';
import type { FieldCipher } from '../privacy/field-cipher';
import type { ComplaintDesk } from '../tickets/complaint-desk';
import type { Actor } from '../shared/auth-context';
import type { Clock } from '../shared/clock';
import { behaviourWindow, summariseBehaviour, summariseDeals, summariseFeedback, summariseTickets, summariseTransactions, VIEW_LIMITS, type Customer360 } from './customer-360';
import type { CustomerRecordKind, CustomerRecordOf, Feedback, Interaction, Transaction } from './customer-record';
import type { FeedbackCreateInput, InteractionCreateInput, TransactionCreateInput } from './customer-record.schema';
import { customerScopeOf } from './customer-scope';
import { formatMinorUnits, toMinorUnits } from './money';
import type { CustomerRecordRepository } from './ports';
import { hasPersonalValues, maskRecord, openRecord, sealRecord } from './record-privacy';
import { newIdAt } from './record-ids';
import { scoresView } from '../insights/customer-scores';

export interface CustomerRecordServiceDeps {
  contacts: ContactRepository;
  records: CustomerRecordRepository;
  cipher: FieldCipher;
  /** For the profile's custom fields in the 360 view. */
  fields: FieldDefinitionRepository;
  auditLog: AuditLog;
  clock: Clock;
  /** Opens a ticket for each complaint, in the complaint's own transaction. */
  complaintDesk?: ComplaintDesk;
}

const ADDED: Record<CustomerRecordKind, AuditAction> = {
  transaction: 'contact.transaction_added',
  interaction: 'contact.interaction_added',
  feedback: 'contact.feedback_added',
};

/**
 * Orders, interactions and feedback of a contact, and its 360 view, for one caller; the ports are
 * bound to the caller's tenant. The contact must exist and be in the caller's scope (as for the
 * contact itself: 404 otherwise). Personal fields (an interaction's subject and body, a feedback
 * comment) are encrypted at rest, shown in clear only with `pii:read` (each such read audited as
 * `contact.pii_read`), masked otherwise.
 */
export function createCustomerRecordService(deps: CustomerRecordServiceDeps, actor: Actor) {
  const scope = customerScopeOf(actor);

  async function contactInScope(contactId: string): Promise<void> {
    const contact = await deps.contacts.get(contactId);
    if (!contact || !scope.owns(contact.ownerId)) throw new NotFoundError('contact', contactId);
  }

  async function add<K extends CustomerRecordKind>(kind: K, record: CustomerRecordOf[K], input: object): Promise<CustomerRecordOf[K]> {
    await contactInScope(record.contactId);
    const entry = {
      action: ADDED[kind],
      target: { type: 'contact', id: record.contactId },
      targetIds: [record.id],
      changedFields: Object.keys(input).sort(),
      details: { kind },
    };
    await deps.records.add(kind, await sealRecord(deps.cipher, kind, record), scope.audited(entry));
    return scope.seesPersonalData ? record : maskRecord(kind, record);
  }

  /** Audits, in one event, the personal values about to be shown in clear (none: no event). */
  async function auditReveal(contactId: string, revealed: { ids: string[]; counts: Record<string, number> }): Promise<void> {
    if (revealed.ids.length === 0) return;
    await deps.auditLog.record(
      actor.auth.tenantId,
      scope.audited({ action: 'contact.pii_read', target: { type: 'contact', id: contactId }, targetIds: revealed.ids, details: revealed.counts }),
    );
  }

  /** Stored records as the caller may see them: masked (never decrypted), or opened. */
  async function view<K extends CustomerRecordKind>(kind: K, stored: CustomerRecordOf[K][]): Promise<CustomerRecordOf[K][]> {
    if (!scope.seesPersonalData) return stored.map((record) => maskRecord(kind, record));
    return Promise.all(stored.map((record) => openRecord(deps.cipher, kind, record)));
  }

  const revealedIn = <K extends CustomerRecordKind>(kind: K, records: CustomerRecordOf[K][]) =>
    scope.seesPersonalData ? records.filter((record) => hasPersonalValues(kind, record)).map((record) => record.id) : [];

  async function list<K extends CustomerRecordKind>(kind: K, contactId: string, options: { limit: number; afterId?: string }): Promise<Page<CustomerRecordOf[K]>> {
    await contactInScope(contactId);
    const page = await deps.records.list(kind, contactId, options);
    const items = await view(kind, page.items);
    const ids = revealedIn(kind, items);
    await auditReveal(contactId, { ids, counts: { [kind]: ids.length } });
    return { items, lastId: page.lastId };
  }

  const stamp = (contactId: string, time: string) => ({
    id: newIdAt(time),
    contactId,
    createdBy: actor.auth.userId,
    createdAt: deps.clock.now().toISOString(),
  });

  return {
    /** Records an order; the amount is computed here, exactly, in the currency's minor units. */
    addTransaction(contactId: string, input: TransactionCreateInput): Promise<Transaction> {
      return add('transaction', newTransaction(contactId, input, actor.auth.userId, deps.clock.now().toISOString()), input);
    },

    addInteraction(contactId: string, input: InteractionCreateInput): Promise<Interaction> {
      const occurredAt = input.occurredAt ?? deps.clock.now().toISOString();
      return add('interaction', { ...input, ...stamp(contactId, occurredAt), occurredAt }, input);
    },

    /** Complaints are recorded `open`, each with a ticket the service desk works it in. */
    async addFeedback(contactId: string, input: FeedbackCreateInput): Promise<Feedback> {
      const record: Feedback = { ...input, ...stamp(contactId, deps.clock.now().toISOString()), ...(input.kind === 'complaint' ? { status: 'open' as const } : {}) };
      const desk = deps.complaintDesk;
      if (input.kind !== 'complaint' || !desk) return add('feedback', record, input);
      await contactInScope(contactId);
      const ticketId = await desk.open(record, await sealRecord(deps.cipher, 'feedback', record), (ticket) =>
        scope.audited({
          action: ADDED.feedback,
          target: { type: 'contact', id: contactId },
          targetIds: [record.id, ticket],
          changedFields: Object.keys(input).sort(),
          details: { kind: 'feedback', ticketId: ticket },
        }),
      );
      const withTicket = { ...record, ticketId };
      return scope.seesPersonalData ? withTicket : maskRecord('feedback', withTicket);
    },

    listTransactions: (contactId: string, options: { limit: number; afterId?: string }) => list('transaction', contactId, options),
    listInteractions: (contactId: string, options: { limit: number; afterId?: string }) => list('interaction', contactId, options),
    listFeedback: (contactId: string, options: { limit: number; afterId?: string }) => list('feedback', contactId, options),

    /**
     * The contact's 360 view from one Query of its partition (see {@link Customer360}). Only what
     * is shown is decrypted, and one `contact.pii_read` event covers all of it.
     */
    async view360(contactId: string): Promise<Customer360> {
      const window = behaviourWindow(deps.clock.now());
      const collection = await deps.records.collection(contactId, { behaviourSince: window.from });
      const stored = collection.profile;
      if (!stored || !scope.owns(stored.ownerId)) throw new NotFoundError('contact', contactId);

      const custom = customFieldCodec(deps, 'contact');
      const opened = withCustomFields(await openContact(deps.cipher, stored), await custom.open(`contact#${stored.id}`, stored.customFields));
      const profile: Contact = scope.seesPersonalData ? opened : withCustomFields(maskedContact(opened), await custom.mask(opened.customFields));
      const timeline = await view('interaction', collection.interactions.slice(0, VIEW_LIMITS.interactions));
      const feedback = await view('feedback', collection.feedback.slice(0, VIEW_LIMITS.feedback));
      const [interactionIds, feedbackIds] = [revealedIn('interaction', timeline), revealedIn('feedback', feedback)];
      const profileRevealed = scope.seesPersonalData && (hasPersonalData(opened) || (await custom.hasSensitive(opened.customFields)));
      await auditReveal(contactId, {
        ids: [...(profileRevealed ? [contactId] : []), ...interactionIds, ...feedbackIds],
        counts: { contacts: profileRevealed ? 1 : 0, interactions: interactionIds.length, feedback: feedbackIds.length },
      });

      return {
        profile,
        company: collection.company,
        transactions: summariseTransactions(collection.transactions),
        timeline: { latest: timeline, count: collection.interactions.length },
        feedback: { latest: feedback, ...summariseFeedback(collection.feedback) },
        behaviour: summariseBehaviour(collection.behaviour, window),
        // The deals rule is the contacts' (customerScopeOf): another owner's deal on this contact is, to this caller, not there.
        deals: summariseDeals(collection.deals.filter((deal) => scope.owns(deal.ownerId))),
        tickets: summariseTickets(collection.tickets ?? [], deps.clock.now()),
        scores: collection.scores ? scoresView(collection.scores) : null,
      };
    },
  };
}

/**
 * An order as stored, from its validated input: the amount computed exactly in the currency's
 * minor units, the id taken at the order's time. Shared with imports, so a file's orders are the
 * API's orders.
 */
export function newTransaction(contactId: string, input: TransactionCreateInput, createdBy: string, now: string): Transaction {
  const time = input.time ?? now;
  const lines = input.items.map((line) => ({ ...line, minor: toMinorUnits(line.unitPrice, input.currency) }));
  const total = lines.reduce((sum, line) => sum + BigInt(line.quantity) * line.minor, 0n);
  return {
    id: newIdAt(time),
    contactId,
    createdBy,
    createdAt: now,
    items: lines.map(({ product, quantity, minor }) => ({ product, quantity, unitPrice: formatMinorUnits(minor, input.currency) })),
    currency: input.currency,
    amount: formatMinorUnits(total, input.currency),
    amountMinor: Number(total),
    time,
    ...(input.reference === undefined ? {} : { reference: input.reference }),
  };
}

export type CustomerRecordService = ReturnType<typeof createCustomerRecordService>;
