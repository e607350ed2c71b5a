import jaroWinkler from 'jaro-winkler';
import { comparableName } from './contact-normalisation';

/** What makes two contacts likely the same person. */
export type DuplicateReason = 'same_email' | 'same_phone' | 'similar_name_and_company';

export interface DuplicateCandidate {
  contactId: string;
  reasons: DuplicateReason[];
  /** 0–1: how likely the two are one person. */
  score: number;
}

/** What duplicate detection compares (personal fields in clear, as normalised on write). */
export interface ComparableContact {
  firstName: string;
  lastName?: string | undefined;
  email?: string | undefined;
  phone?: string | undefined;
  company?: string | undefined;
  companyId?: string | undefined;
}

/**
 * Jaro-Winkler similarity at or above which two names (or two company names) count as similar.
 * 0.9 accepts `Jon`/`John Smith` and `Margret`/`Margaret Peacock`, and refuses `Jane`/`John Smith`.
 */
export const SIMILARITY_THRESHOLD = 0.9;
/** How much each reason alone says: an email is one person's, a phone may be a shared landline. */
const REASON_WEIGHT: Record<DuplicateReason, number> = { same_email: 0.95, same_phone: 0.85, similar_name_and_company: 0.75 };

const fullName = (contact: ComparableContact) => comparableName(`${contact.firstName} ${contact.lastName ?? ''}`);

/** Jaro-Winkler similarity (0–1) of two names after folding case, accents and punctuation. */
export function nameSimilarity(a: ComparableContact, b: ComparableContact): number {
  return jaroWinkler(fullName(a), fullName(b));
}

/** 1 for the same company account; else the similarity of the company names; 0 when either has none. */
export function companySimilarity(a: ComparableContact, b: ComparableContact): number {
  if (a.companyId !== undefined && a.companyId === b.companyId) return 1;
  if (a.company === undefined || b.company === undefined) return 0;
  const [x, y] = [comparableName(a.company), comparableName(b.company)];
  return x === '' || y === '' ? 0 : jaroWinkler(x, y);
}

/**
 * How likely `candidate` is `input`'s duplicate, or null when no reason holds. Each reason holding
 * is independent evidence, so reasons combine as a noisy-or: 1 − Π(1 − wᵢ), where the fuzzy
 * reason's weight is scaled by how similar the name and the company are.
 */
export function scoreDuplicate(input: ComparableContact, candidate: ComparableContact & { id: string }): DuplicateCandidate | null {
  const evidence: [DuplicateReason, number][] = [];
  if (input.email !== undefined && input.email === candidate.email) evidence.push(['same_email', REASON_WEIGHT.same_email]);
  if (input.phone !== undefined && input.phone === candidate.phone) evidence.push(['same_phone', REASON_WEIGHT.same_phone]);
  const names = nameSimilarity(input, candidate);
  const companies = companySimilarity(input, candidate);
  if (names >= SIMILARITY_THRESHOLD && companies >= SIMILARITY_THRESHOLD) {
    evidence.push(['similar_name_and_company', REASON_WEIGHT.similar_name_and_company * names * companies]);
  }
  if (evidence.length === 0) return null;
  const score = 1 - evidence.reduce((rest, [, weight]) => rest * (1 - weight), 1);
  return { contactId: candidate.id, reasons: evidence.map(([reason]) => reason), score: Math.round(score * 1000) / 1000 };
}
