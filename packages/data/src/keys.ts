/**
 * Every key and index value in the table, and the access pattern each one serves. Nothing else
 * builds a key. Every primary key starts with `TENANT#<tenantId>`, so a tenant's data cannot be
 * addressed without its id; ids are fixed-length ULIDs, so one tenant's prefix is never another's.
 *
 * | item        | pk                              | sk           | gsi1 (tenant listings)                  | gsi2 (identity)      |
 * |-------------|---------------------------------|--------------|-----------------------------------------|----------------------|
 * | tenant      | TENANT#<t>                      | TENANT       |                                         |                      |
 * | membership  | TENANT#<t>#USER#<userId>        | MEMBERSHIP   | TENANT#<t>#USERS / <userId>             | SUB#<sub> / MEMBERSHIP |
 * | contact     | TENANT#<t>#CONTACT#<contactId>  | PROFILE      | TENANT#<t>#CONTACTS / <contactId>       |                      |
 *
 * A contact's partition is its item collection: later issues add its orders, interactions,
 * feedback and behaviour under the same pk, so the 360 view is one Query.
 */

export interface PrimaryKey {
  pk: string;
  sk: string;
}

const tenantPrefix = (tenantId: string) => `TENANT#${tenantId}`;

export const keys = {
  /** Get a tenant by id. */
  tenant: (tenantId: string): PrimaryKey => ({ pk: tenantPrefix(tenantId), sk: 'TENANT' }),

  /** Get a user's membership of a tenant by user id. */
  membership: (tenantId: string, userId: string): PrimaryKey => ({
    pk: `${tenantPrefix(tenantId)}#USER#${userId}`,
    sk: 'MEMBERSHIP',
  }),
  /**
   * gsi1: list a tenant's users in creation order. gsi2: find the membership of a verified token's
   * `sub`. That lookup is how a request learns its tenant, so it cannot be led by the tenant; it
   * returns one item and every handler then uses the tenant it found.
   */
  membershipIndexes: (tenantId: string, userId: string, sub: string) => ({
    gsi1pk: `${tenantPrefix(tenantId)}#USERS`,
    gsi1sk: userId,
    gsi2pk: membershipBySub(sub).gsi2pk,
    gsi2sk: 'MEMBERSHIP',
  }),
  membershipBySub,

  /** Get a contact by id; the partition also holds the rest of its 360 view. */
  contact: (tenantId: string, contactId: string): PrimaryKey => ({
    pk: `${tenantPrefix(tenantId)}#CONTACT#${contactId}`,
    sk: 'PROFILE',
  }),
  /** gsi1: list a tenant's contacts in creation order (ids are ULIDs), paged by the last id. */
  contactListing: (tenantId: string, contactId?: string) => ({
    gsi1pk: `${tenantPrefix(tenantId)}#CONTACTS`,
    ...(contactId === undefined ? {} : { gsi1sk: contactId }),
  }),
} as const;

function membershipBySub(sub: string) {
  return { gsi2pk: `SUB#${sub}` };
}

/** Attributes that exist only to address an item; stripped before a record leaves the data layer. */
export const KEY_ATTRIBUTES = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'entity'] as const;
