import type { FieldCipher } from '../privacy/field-cipher';
import { maskText } from '../privacy/masking';
import { TICKET_PERSONAL_FIELDS, type Ticket, type TicketReply } from './ticket';

/** Binds each ciphertext to its ticket and field (`ticket#<id>`), so it decrypts nowhere else. */
const ticketScope = (id: string, field: string) => ({ itemKey: `ticket#${id}`, field });
const replyScope = (id: string) => ({ itemKey: `ticket-reply#${id}`, field: 'body' });

async function mapTicket(ticket: Ticket, change: (field: string, value: string) => Promise<string>): Promise<Ticket> {
  const copy = { ...ticket };
  for (const field of TICKET_PERSONAL_FIELDS) {
    const value = ticket[field];
    if (typeof value === 'string') copy[field] = await change(field, value);
  }
  return copy;
}

export const sealTicket = (cipher: FieldCipher, ticket: Ticket) => mapTicket(ticket, (field, value) => cipher.encrypt(ticketScope(ticket.id, field), value));
export const openTicket = (cipher: FieldCipher, ticket: Ticket) => mapTicket(ticket, (field, value) => cipher.decrypt(ticketScope(ticket.id, field), value));
/** Free-text masks reveal nothing of the value, so a stored ticket is masked without being decrypted. */
export const maskTicket = (ticket: Ticket) => mapTicket(ticket, async (_field, value) => maskText(value));
/** Encrypts one field's new plaintext value for a stored ticket. */
export const sealTicketField = (cipher: FieldCipher, id: string, field: 'subject' | 'description', value: string) => cipher.encrypt(ticketScope(id, field), value);

export async function sealReply(cipher: FieldCipher, reply: TicketReply): Promise<TicketReply> {
  return { ...reply, body: await cipher.encrypt(replyScope(reply.id), reply.body) };
}

export async function openReply(cipher: FieldCipher, stored: TicketReply): Promise<TicketReply> {
  return { ...stored, body: await cipher.decrypt(replyScope(stored.id), stored.body) };
}
