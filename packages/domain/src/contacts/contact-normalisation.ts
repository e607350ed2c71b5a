/**
 * A name as compared for duplicates: accents folded (`Zoë` → `zoe`), lower-cased, anything but
 * letters and digits turned into single spaces.
 */
export function comparableName(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * The blocking key of fuzzy duplicate search: the comparable surname and the first name's initial
 * (`peacock|m`), or the whole first name for a contact without a surname. Only contacts that share
 * it are compared, so a search reads one small index partition instead of the tenant. The price is
 * that a typo in the surname (or a different first initial) is not found by this reason; same
 * email and same phone still are.
 */
export function nameBlockingKey(person: { firstName: string; lastName?: string | undefined }): string | undefined {
  const first = comparableName(person.firstName);
  const last = person.lastName === undefined ? '' : comparableName(person.lastName);
  if (last !== '') return `${last}|${first.slice(0, 1)}`;
  return first === '' ? undefined : `|${first}`;
}

/**
 * The blocking key a contact is indexed and searched by for the similar-name reason, which holds
 * only at a similar company (see companySimilarity): none for a contact with neither `company`
 * nor `companyId`, which no namesake can match, so its create writes no name lookup and its search
 * reads no namesakes' partition (one that grows with the workspace's namesakes).
 */
export function similarNameKey(person: { firstName: string; lastName?: string | undefined; company?: string | undefined; companyId?: string | undefined }): string | undefined {
  return person.company === undefined && person.companyId === undefined ? undefined : nameBlockingKey(person);
}
