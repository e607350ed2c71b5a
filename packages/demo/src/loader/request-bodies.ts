import type { DemoCompany, DemoContact, DemoFeedback, DemoInteraction, DemoOrder } from '../generator/dataset';

/**
 * What the loader sends for each record: the dataset's fields the API takes, without the
 * generator's own keys and the times the API stamps itself.
 */
export function companyBody({ key: _key, ownerKey: _ownerKey, ...fields }: DemoCompany) {
  return fields;
}

export function contactBody({ key: _key, ownerKey: _ownerKey, companyKey: _companyKey, createdAt: _createdAt, tags, ...fields }: DemoContact, companyId: string | undefined) {
  return { ...fields, ...(companyId ? { companyId } : {}), ...(tags.length > 0 ? { tags } : {}) };
}

export function orderBody({ contactKey: _contactKey, ...order }: DemoOrder) {
  return order;
}

export function interactionBody({ contactKey: _contactKey, byKey: _byKey, ...interaction }: DemoInteraction) {
  return interaction;
}

/** The feedback API records its own time, so `givenAt` is not sent. */
export function feedbackBody({ contactKey: _contactKey, givenAt: _givenAt, ...feedback }: DemoFeedback) {
  return feedback;
}
