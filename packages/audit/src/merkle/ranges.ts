import { isPowerOfTwo, nodeHash, splitPoint } from './hashes';

/**
 * A complete subtree: the 2^level leaves from index·2^level. Every hash an RFC 9162 proof needs is
 * the hash of a range [start, end) of leaves, and each such range splits into complete subtrees, so
 * a store only has to answer for complete subtrees (and can keep them in tiles).
 */
export interface SubtreeId {
  level: number;
  index: number;
}

/** A range [start, end) of leaves. */
export interface LeafRange {
  start: number;
  end: number;
}

/**
 * The complete subtrees whose hashes give MTH(D[start:end]), left to right. Ranges taken from RFC
 * 9162's recursion start at a multiple of a power of two at least as large as the range, so each
 * piece is aligned.
 */
export function subtreesOf({ start, end }: LeafRange): SubtreeId[] {
  const size = end - start;
  if (size <= 0) throw new RangeError('A leaf range holds at least one leaf');
  if (isPowerOfTwo(size)) {
    if (start % size !== 0) throw new RangeError('A complete subtree starts at a multiple of its size');
    return [{ level: Math.log2(size), index: start / size }];
  }
  const k = splitPoint(size);
  return [...subtreesOf({ start, end: start + k }), ...subtreesOf({ start: start + k, end })];
}

/** MTH(D[start:end]) from the hashes of its complete subtrees (as `subtreesOf` lists them). */
export function rangeHash(range: LeafRange, subtree: (id: SubtreeId) => Buffer): Buffer {
  const size = range.end - range.start;
  if (size <= 0) throw new RangeError('A leaf range holds at least one leaf');
  if (isPowerOfTwo(size)) return subtree({ level: Math.log2(size), index: range.start / size });
  const k = splitPoint(size);
  return nodeHash(rangeHash({ start: range.start, end: range.start + k }, subtree), rangeHash({ start: range.start + k, end: range.end }, subtree));
}

/** The ranges whose hashes form PATH(m, D[0:n]) (RFC 9162 §2.1.3.1), leaf side first. */
export function inclusionRanges(leafIndex: number, treeSize: number): LeafRange[] {
  if (!Number.isSafeInteger(leafIndex) || !Number.isSafeInteger(treeSize) || leafIndex < 0 || leafIndex >= treeSize) {
    throw new RangeError('The leaf index must be within the tree');
  }
  const path: LeafRange[] = [];
  let start = 0;
  let end = treeSize;
  let m = leafIndex;
  // Walking down from the root collects the siblings root side first; the path lists them leaf side first.
  while (end - start > 1) {
    const k = splitPoint(end - start);
    if (m < k) {
      path.push({ start: start + k, end });
      end = start + k;
    } else {
      path.push({ start, end: start + k });
      start += k;
      m -= k;
    }
  }
  return path.reverse();
}

/** The ranges whose hashes form PROOF(m, D[0:n]) (RFC 9162 §2.1.4.1), for 0 < m ≤ n. */
export function consistencyRanges(firstSize: number, secondSize: number): LeafRange[] {
  if (!Number.isSafeInteger(firstSize) || !Number.isSafeInteger(secondSize) || firstSize < 1 || firstSize > secondSize) {
    throw new RangeError('A consistency proof goes from a non-empty tree to one at least as large');
  }
  const proof: LeafRange[] = [];
  let start = 0;
  let end = secondSize;
  let m = firstSize;
  let complete = true;
  // SUBPROOF(m, D[start:end], complete), unrolled: each step appends after what the deeper steps give.
  while (m !== end - start) {
    const k = splitPoint(end - start);
    if (m <= k) {
      proof.push({ start: start + k, end });
      end = start + k;
    } else {
      proof.push({ start, end: start + k });
      start += k;
      m -= k;
      complete = false;
    }
  }
  if (!complete) proof.push({ start, end });
  return proof.reverse();
}
