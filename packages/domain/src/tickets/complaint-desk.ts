import type { Audited } from '../access/ports';
import type { ContactRepository } from '../contacts/ports';
import type { Feedback } from '../customers/customer-record';
import type { FieldCipher } from '../privacy/field-cipher';
import type { Clock } from '../shared/clock';
import { newId } from '../shared/ids';
import type { TicketRepository } from './ports';
import { defaultSlaPolicy, dueTimes, type Ticket } from './ticket';
import { sealTicket } from './ticket-privacy';

/** Where complaints go: each is recorded together with the ticket the service desk works it in. */
export interface ComplaintDesk {
  /**
   * Writes the complaint (`sealed`: its personal fields encrypted) and a new `complaint` ticket for
   * it in one transaction with `audit`; answers the ticket's id. The comment becomes the ticket's
   * description (encrypted under the ticket's own scope).
   */
  open(complaint: Feedback, sealed: Feedback, audit: (ticketId: string) => Audited): Promise<string>;
}

export function createComplaintDesk(deps: { tickets: TicketRepository; contacts: ContactRepository; cipher: FieldCipher; clock: Clock }): ComplaintDesk {
  return {
    async open(complaint, sealed, audit) {
      const at = deps.clock.now().toISOString();
      const policy = (await deps.tickets.getPolicy()) ?? defaultSlaPolicy();
      const contact = await deps.contacts.get(complaint.contactId);
      const ticket: Ticket = {
        id: newId(),
        subject: 'Complaint',
        ...(complaint.comment === undefined ? {} : { description: complaint.comment }),
        contactId: complaint.contactId,
        priority: 'normal',
        status: 'open',
        channel: 'complaint',
        ...(contact?.region === undefined ? {} : { region: contact.region }),
        feedbackId: complaint.id,
        createdBy: complaint.createdBy,
        createdAt: at,
        updatedAt: at,
        ...dueTimes(policy.targets, 'normal', at),
        firstResponseBreached: false,
        resolutionBreached: false,
        version: 1,
      };
      await deps.tickets.create(await sealTicket(deps.cipher, ticket), audit(ticket.id), { ...sealed, ticketId: ticket.id });
      return ticket.id;
    },
  };
}
