import type { Contact } from './contact';

/**
 * How much each profile field adds to a contact's completeness (they sum to 100). Ways to reach
 * the person weigh most, then who they are and where they work; notes are free text and do not
 * count. `company` counts when either the company name or a linked company account is set.
 */
export const COMPLETENESS_WEIGHTS = {
  firstName: 10,
  lastName: 15,
  email: 20,
  phone: 15,
  company: 10,
  title: 10,
  address: 10,
  birthday: 5,
  tags: 5,
} as const;

export type CompletenessField = keyof typeof COMPLETENESS_WEIGHTS;
export const COMPLETENESS_FIELDS = Object.keys(COMPLETENESS_WEIGHTS) as CompletenessField[];

type Presence = Pick<Contact, 'firstName' | 'lastName' | 'email' | 'phone' | 'company' | 'companyId' | 'title' | 'address' | 'birthday' | 'tags'>;

/**
 * The completeness fields a contact has. Works on a stored contact too: a ciphertext is there
 * exactly when its value is, so presence needs no decryption.
 */
export function filledFields(contact: Presence): CompletenessField[] {
  return COMPLETENESS_FIELDS.filter((field) => {
    if (field === 'company') return contact.company !== undefined || contact.companyId !== undefined;
    if (field === 'tags') return (contact.tags?.length ?? 0) > 0;
    const value = contact[field];
    return value !== undefined && value !== '';
  });
}

/** A contact's completeness, 0–100. */
export function completenessOf(contact: Presence): number {
  return filledFields(contact).reduce((sum, field) => sum + COMPLETENESS_WEIGHTS[field], 0);
}

/** A workspace's running completeness totals, moved from the table's stream by each contact change. */
export interface CompletenessTotals {
  contacts: number;
  /** The sum of every contact's completeness. */
  scoreSum: number;
  /** How many contacts have each field. */
  filled: Record<CompletenessField, number>;
}

/** What one contact write moves the totals by: `before` absent for a create, `after` for a delete. */
export function completenessDelta(before: Presence | undefined, after: Presence | undefined): CompletenessTotals {
  const filled = Object.fromEntries(COMPLETENESS_FIELDS.map((field) => [field, 0])) as Record<CompletenessField, number>;
  const delta: CompletenessTotals = { contacts: 0, scoreSum: 0, filled };
  for (const [contact, sign] of [[before, -1], [after, 1]] as const) {
    if (!contact) continue;
    delta.contacts += sign;
    delta.scoreSum += sign * completenessOf(contact);
    for (const field of filledFields(contact)) filled[field] += sign;
  }
  return delta;
}

/** Several changes' deltas as one: what a batch of stream records moves the totals by. */
export function summedDeltas(deltas: readonly CompletenessTotals[]): CompletenessTotals {
  const sum = (of: (delta: CompletenessTotals) => number) => deltas.reduce((total, delta) => total + of(delta), 0);
  return {
    contacts: sum((delta) => delta.contacts),
    scoreSum: sum((delta) => delta.scoreSum),
    filled: Object.fromEntries(COMPLETENESS_FIELDS.map((field) => [field, sum((delta) => delta.filled[field])])) as Record<CompletenessField, number>,
  };
}

/** The workspace report: the average completeness and, per field, the share of contacts having it. */
export function completenessReport(totals: CompletenessTotals) {
  const share = (count: number) => (totals.contacts === 0 ? 0 : Math.round((count / totals.contacts) * 1000) / 1000);
  return {
    average: totals.contacts === 0 ? 0 : Math.round((totals.scoreSum / totals.contacts) * 10) / 10,
    contacts: totals.contacts,
    byField: Object.fromEntries(COMPLETENESS_FIELDS.map((field) => [field, share(totals.filled[field])])) as Record<CompletenessField, number>,
  };
}
