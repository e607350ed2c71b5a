import { countInSlices, slicesOf, type Counters, type SliceAttributes } from './counters';
import { monthOf, type Month } from './months';

/**
 * What the analytics keep of a contact profile (`entity: 'contact'`): the month it was created,
 * whether it converted, and its slices. None of it is personal data.
 *
 * **Conversion rate** (lead → customer) of a slice and range of months = contacts created in those
 * months whose lifecycle stage is now `customer` (or `churned`: they converted before leaving) ÷
 * contacts created in those months. It is a cohort rate by creation month, so it is final for old
 * months only as far as leads created then still convert later; a deleted or merged-away contact
 * leaves both numbers.
 */
export interface ContactFacts {
  createdMonth: Month;
  converted: boolean;
  slices: SliceAttributes;
}

const CONVERTED_STAGES = new Set(['customer', 'churned']);

/** The facts of a contact image, or null when the image is not a usable contact. */
export function contactFactsOf(image: Record<string, unknown> | undefined): ContactFacts | null {
  if (!image || image.entity !== 'contact') return null;
  const createdMonth = monthOf(image.createdAt);
  if (!createdMonth) return null;
  return { createdMonth, converted: CONVERTED_STAGES.has(String(image.lifecycleStage ?? '')), slices: contactSlicesOf(image) };
}

/** A contact's slices: its region, source channel and owner. */
export function contactSlicesOf(image: Record<string, unknown>): SliceAttributes {
  const text = (value: unknown) => (typeof value === 'string' && value.length > 0 ? value : undefined);
  const region = text(image.region);
  const channel = text(image.sourceChannel);
  const owner = text(image.ownerId);
  return { ...(region ? { region } : {}), ...(channel ? { channel } : {}), ...(owner ? { owner } : {}) };
}

/** `contactsCreated` and `customers` in the contact's creation month, in each of its slices. */
export function contactCounters(facts: ContactFacts | null, counters: Counters = new Map()): Counters {
  if (!facts) return counters;
  const slices = slicesOf(facts.slices);
  countInSlices(counters, 'contacts', slices, facts.createdMonth, 'contactsCreated');
  if (facts.converted) countInSlices(counters, 'contacts', slices, facts.createdMonth, 'customers');
  return counters;
}
