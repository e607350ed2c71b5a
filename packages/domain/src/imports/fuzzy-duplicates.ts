import { nameBlockingKey } from '../contacts/contact-normalisation';
import { scoreDuplicate, type ComparableContact } from '../contacts/contact-similarity';
import type { StoredContact } from '../contacts/contact';
import type { ContactRepository } from '../contacts/ports';
import type { FieldCipher } from '../privacy/field-cipher';
import type { ImportJobRepository, SeenPerson } from './ports';
import { runAll } from './run-all';

/** The reason a fuzzy match is reported under: the one POST /v1/contacts answers. */
export const FUZZY_REASON = 'similar_name_and_company' as const;

/** Blocking keys looked up at once; each reads up to 100 contacts of its key, so fewer lanes than the exact lookups. */
const KEY_LOOKUP_CONCURRENCY = 8;

/** Contacts of one blocking key read at once. */
const CONTACT_READS_PER_KEY = 10;

/** Existing contacts reported per row at most, likeliest first. */
const MAX_CANDIDATES_PER_ROW = 5;

/** A row whose name and company look like an existing contact's, or an earlier row's. */
export interface FuzzyDuplicate {
  row: number;
  score: number;
  /** The earlier row of the file it looks like… */
  duplicateOfRow?: number;
  /** …or the existing contact. */
  contactId?: string;
}

/** What fuzzy matching compares: the name and the company only (exact email and phone are their own reasons). */
const comparable = (person: SeenPerson): ComparableContact => ({
  firstName: person.firstName,
  ...(person.lastName === undefined ? {} : { lastName: person.lastName }),
  ...(person.company === undefined ? {} : { company: person.company }),
});

/** The similar-name-and-company score of two people (scoreDuplicate's), or null when they are not alike. */
function fuzzyScore(row: SeenPerson, other: SeenPerson & { id: string }): number | null {
  const scored = scoreDuplicate(comparable(row), { ...comparable(other), id: other.id, ...(other.companyId === undefined ? {} : { companyId: other.companyId }) });
  return scored?.reasons.includes(FUZZY_REASON) ? scored.score : null;
}

export interface FuzzyDeps {
  jobs: ImportJobRepository;
  contacts: ContactRepository;
  cipher: FieldCipher;
}

/**
 * The chunk's rows that look like an existing contact or an earlier row of the file by name and
 * company, scored by the API's own scoreDuplicate. Bounded per chunk: rows are grouped by their
 * name blocking key (the key POST /v1/contacts searches by), and each key is looked up once, in the
 * `LOOKUP#NAME` index the contacts already write, never by a scan. A row without a company is
 * never a fuzzy match (the reason needs both), so it costs no lookup.
 *
 * Earlier chunks are seen through the run's claim on each blocking key (as emails and phones are):
 * the claim keeps the first row of the file with the key and its name and company (encrypted), so a later chunk's row is compared with that first row; within a chunk each
 * row is compared with every earlier row of its key. Of the earlier rows, the best match is reported.
 */
export async function findFuzzyDuplicates(
  deps: FuzzyDeps,
  claim: { importId: string; runId: string },
  rows: readonly { row: number; person: SeenPerson }[],
  visible: (contact: StoredContact) => boolean,
): Promise<FuzzyDuplicate[]> {
  const groups = new Map<string, { row: number; person: SeenPerson }[]>();
  for (const entry of rows) {
    const key = entry.person.company === undefined ? undefined : nameBlockingKey(entry.person);
    if (key === undefined) continue;
    groups.set(key, [...(groups.get(key) ?? []), entry]);
  }
  const found: FuzzyDuplicate[] = [];
  const tasks = [...groups].map(([key, group]) => async () => {
    const blindIndex = await deps.cipher.blindIndex('name-block', key);
    // The person in the claim is encrypted, bound to the import: the job's partition holds no name in clear.
    const scope = { itemKey: `import#${claim.importId}`, field: 'seen-person' };
    const [first, ids] = await Promise.all([
      deps.jobs.claimSeenPerson(claim.importId, { runId: claim.runId, blindIndex, row: group[0]!.row, sealed: await deps.cipher.encrypt(scope, JSON.stringify(group[0]!.person)) }),
      deps.contacts.findIds('name', blindIndex),
    ]);
    const existing: StoredContact[] = [];
    // A key's contacts (at most 100) a few at a time: the lanes together keep DynamoDB's reads bounded.
    for (let start = 0; start < ids.length; start += CONTACT_READS_PER_KEY) {
      const read = await Promise.all(ids.slice(start, start + CONTACT_READS_PER_KEY).map((id) => deps.contacts.get(id)));
      existing.push(...read.filter((contact): contact is StoredContact => contact !== null && visible(contact)));
    }
    const earlier: { row: number; person: SeenPerson }[] =
      first.row === group[0]!.row ? [] : [{ row: first.row, person: JSON.parse(await deps.cipher.decrypt(scope, first.sealed)) as SeenPerson }];
    for (const { row, person } of group) {
      const candidates = existing
        .flatMap((contact) => {
          const score = fuzzyScore(person, { ...contact, id: contact.id });
          return score === null ? [] : [{ row, score, contactId: contact.id }];
        })
        .sort((a, b) => b.score - a.score || a.contactId.localeCompare(b.contactId));
      found.push(...candidates.slice(0, MAX_CANDIDATES_PER_ROW));
      const best = earlier
        .flatMap((other) => {
          const score = fuzzyScore(person, { ...other.person, id: String(other.row) });
          return score === null ? [] : [{ row, score, duplicateOfRow: other.row }];
        })
        .sort((a, b) => b.score - a.score || a.duplicateOfRow - b.duplicateOfRow)[0];
      if (best) found.push(best);
      earlier.push({ row, person });
    }
  });
  await runAll(tasks, KEY_LOOKUP_CONCURRENCY);
  return found;
}
