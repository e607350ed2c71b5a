import { describe, expect, it } from 'vitest';
import { emptyRoot, leafHash, nodeHash, splitPoint } from './hashes';
import { consistencyRanges, inclusionRanges, rangeHash, subtreesOf, type LeafRange, type SubtreeId } from './ranges';
import { appendToTiles, edgeTiles, subtreeFromTiles, tileName, tilesFor, type Tiles } from './tiles';
import { verifyConsistency, verifyInclusion } from './verify-proofs';

/** The leaves of the RFC 6962 / RFC 9162 reference test data (certificate-transparency's merkle tree tests). */
const RFC_LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map((hex) => Buffer.from(hex, 'hex'));
const RFC_ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

/**
 * The tree as RFC 9162 §2.1.1 defines it, recursively over the leaves: what the library is checked
 * against. Memoised per leaf (the tests slice the same leaves over and over), else it is too slow.
 */
const memo = new WeakMap<Buffer, Map<number, Buffer>>();
function naiveRoot(leaves: readonly Buffer[]): Buffer {
  if (leaves.length === 0) return emptyRoot();
  if (leaves.length === 1) return leafHash(leaves[0]!);
  let known = memo.get(leaves[0]!);
  if (!known) memo.set(leaves[0]!, (known = new Map()));
  const cached = known.get(leaves.length);
  if (cached && leaves.length > 1) return cached;
  const k = splitPoint(leaves.length);
  const root = nodeHash(naiveRoot(leaves.slice(0, k)), naiveRoot(leaves.slice(k)));
  known.set(leaves.length, root);
  return root;
}

/** PATH(m, D[n]), §2.1.3.1, literally. */
function naivePath(m: number, leaves: readonly Buffer[]): Buffer[] {
  if (leaves.length <= 1) return [];
  const k = splitPoint(leaves.length);
  return m < k
    ? [...naivePath(m, leaves.slice(0, k)), naiveRoot(leaves.slice(k))]
    : [...naivePath(m - k, leaves.slice(k)), naiveRoot(leaves.slice(0, k))];
}

/** PROOF(m, D[n]) = SUBPROOF(m, D[n], true), §2.1.4.1, literally. */
function naiveSubproof(m: number, leaves: readonly Buffer[], complete: boolean): Buffer[] {
  if (m === leaves.length) return complete ? [] : [naiveRoot(leaves)];
  const k = splitPoint(leaves.length);
  return m <= k
    ? [...naiveSubproof(m, leaves.slice(0, k), complete), naiveRoot(leaves.slice(k))]
    : [...naiveSubproof(m - k, leaves.slice(k), false), naiveRoot(leaves.slice(0, k))];
}

/** Tens of thousands of hashes on a shared machine: a timeout for hangs, not a speed target. */
const HEAVY = 60_000;

const leavesOf = (count: number) => Array.from({ length: count }, (_, index) => Buffer.from(`leaf ${index}`));
const fromLeaves = (leaves: readonly Buffer[]) => (id: SubtreeId) => naiveRoot(leaves.slice(id.index * 2 ** id.level, (id.index + 1) * 2 ** id.level));
const hashesOf = (ranges: LeafRange[], leaves: readonly Buffer[]) => ranges.map((range) => rangeHash(range, fromLeaves(leaves)));
const hex = (hashes: Buffer[]) => hashes.map((hash) => hash.toString('hex'));
const flipped = (hash: Buffer) => Buffer.from(hash.map((byte, index) => (index === 0 ? byte ^ 1 : byte)));

describe('the RFC 9162 Merkle tree', () => {
  it('gives the reference roots of the RFC 6962 test data', () => {
    // Act
    const roots = RFC_ROOTS.map((_, index) => rangeHash({ start: 0, end: index + 1 }, fromLeaves(RFC_LEAVES)).toString('hex'));

    // Assess
    expect(roots).toEqual(RFC_ROOTS);
    expect(emptyRoot().toString('hex')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('gives the reference audit path and consistency proofs', () => {
    // Act
    const path = hex(hashesOf(inclusionRanges(0, 8), RFC_LEAVES));
    const oneToEight = hex(hashesOf(consistencyRanges(1, 8), RFC_LEAVES));
    const sixToEight = hex(hashesOf(consistencyRanges(6, 8), RFC_LEAVES));
    const twoToFive = hex(hashesOf(consistencyRanges(2, 5), RFC_LEAVES.slice(0, 5)));

    // Assess
    const reference = [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ];
    expect(path).toEqual(reference);
    expect(oneToEight).toEqual(reference);
    expect(sixToEight).toEqual([
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ]);
    expect(twoToFive).toEqual(['5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b']);
  });

  it('proves and verifies inclusion of every leaf of every tree up to 70 leaves as the naive tree does', () => {
    for (let size = 1; size <= 70; size += 1) {
      // Prepare
      const leaves = leavesOf(size);
      const root = naiveRoot(leaves);
      for (let index = 0; index < size; index += 1) {
        // Act
        const path = hashesOf(inclusionRanges(index, size), leaves);

        // Assess
        expect(hex(path)).toEqual(hex(naivePath(index, leaves)));
        const leaf = leafHash(leaves[index]!);
        expect(verifyInclusion(index, size, leaf, path, root)).toBe(true);
        expect(verifyInclusion(index, size, leafHash(Buffer.from('altered')), path, root)).toBe(false);
        if (size > 1) {
          expect(verifyInclusion((index + 1) % size, size, leaf, path, root)).toBe(false);
          expect(verifyInclusion(index, size, leaf, path.slice(0, -1), root)).toBe(false);
          expect(verifyInclusion(index, size, leaf, [...path.slice(0, -1), flipped(path.at(-1)!)], root)).toBe(false);
          expect(verifyInclusion(index, size, leaf, [...path, path[0]!], root)).toBe(false);
        }
      }
    }
  }, HEAVY);

  it('proves and verifies consistency between every pair of tree sizes up to 70 as the naive tree does', () => {
    const leaves = leavesOf(70);
    for (let second = 1; second <= 70; second += 1) {
      const secondRoot = naiveRoot(leaves.slice(0, second));
      for (let first = 1; first <= second; first += 1) {
        // Act
        const proof = hashesOf(consistencyRanges(first, second), leaves);

        // Assess
        expect(hex(proof)).toEqual(hex(naiveSubproof(first, leaves.slice(0, second), true)));
        const firstRoot = naiveRoot(leaves.slice(0, first));
        expect(verifyConsistency(first, second, firstRoot, secondRoot, proof)).toBe(true);
        if (first < second) {
          expect(verifyConsistency(first, second, naiveRoot(leavesOf(first).map((leaf) => Buffer.concat([leaf, Buffer.from('x')]))), secondRoot, proof)).toBe(false);
          expect(verifyConsistency(first, second, firstRoot, flipped(secondRoot), proof)).toBe(false);
          expect(verifyConsistency(first, second, firstRoot, secondRoot, [...proof.slice(0, -1), flipped(proof.at(-1)!)])).toBe(false);
          expect(verifyConsistency(first, second, firstRoot, secondRoot, [])).toBe(false);
        }
      }
    }
  }, HEAVY);

  it('splits any proof range into aligned complete subtrees', () => {
    // Act
    const pieces = subtreesOf({ start: 64, end: 77 });

    // Assess
    expect(pieces).toEqual([
      { level: 3, index: 8 },
      { level: 2, index: 18 },
      { level: 0, index: 76 },
    ]);
  });

  it('refuses what is no proof at all', () => {
    expect(verifyInclusion(3, 3, leafHash(Buffer.from('x')), [], emptyRoot())).toBe(false);
    expect(verifyInclusion(0, 1, Buffer.alloc(5), [], Buffer.alloc(5))).toBe(false);
    expect(verifyConsistency(0, 4, emptyRoot(), emptyRoot(), [])).toBe(false);
    expect(verifyConsistency(5, 4, emptyRoot(), emptyRoot(), [])).toBe(false);
    expect(() => inclusionRanges(4, 4)).toThrow(RangeError);
    expect(() => consistencyRanges(0, 4)).toThrow(RangeError);
  });
});

describe('the tiled tree', () => {
  /** Appends the leaves in batches of the given sizes, keeping every tile, as the store does. */
  function tiledTree(leafHashes: readonly Buffer[], batches: readonly number[]): Tiles {
    const tiles: Tiles = new Map();
    let size = 0;
    let next = 0;
    for (const batch of batches) {
      const edge: Tiles = new Map(edgeTiles(size).map(({ tile }) => [tileName(tile), tiles.get(tileName(tile))!]));
      for (const { tile, entries } of appendToTiles(size, edge, leafHashes.slice(next, next + batch)).values()) tiles.set(tileName(tile), entries);
      size += batch;
      next += batch;
    }
    return tiles;
  }

  it('gives the same root, proofs and subtrees as the naive tree, across tile levels, however the leaves were batched', () => {
    // Prepare: past 256² leaves, so three tile levels, appended in uneven batches.
    const size = 65_536 + 300;
    const leaves = leavesOf(size);
    const leafHashes = leaves.map(leafHash);
    const tiles = tiledTree(leafHashes, [1, 255, 1, 300, 40_000, 20_000, 5_279, size - 65_836]);
    const fromTiles = (id: SubtreeId) => subtreeFromTiles(id, tiles);
    const fromLeafHashes = (range: LeafRange) => rangeHash(range, (id) => naiveRoot(leaves.slice(id.index * 2 ** id.level, (id.index + 1) * 2 ** id.level)));

    // Act + Assess
    expect(rangeHash({ start: 0, end: size }, fromTiles).toString('hex')).toBe(naiveRoot(leaves).toString('hex'));
    for (const index of [0, 255, 256, 65_535, 65_536, size - 1]) {
      const ranges = inclusionRanges(index, size);
      expect(tilesFor(ranges.flatMap(subtreesOf)).length).toBeLessThanOrEqual(2 * 3 + 2);
      const path = ranges.map((range) => rangeHash(range, fromTiles));
      expect(verifyInclusion(index, size, leafHashes[index]!, path, naiveRoot(leaves))).toBe(true);
    }
    for (const first of [1, 256, 257, 65_536, 65_537]) {
      const proof = consistencyRanges(first, size).map((range) => rangeHash(range, fromTiles));
      expect(proof.map((hash) => hash.toString('hex'))).toEqual(consistencyRanges(first, size).map((range) => fromLeafHashes(range).toString('hex')));
    }
  }, HEAVY);

  it('cuts off entries an interrupted append left past the tree size', () => {
    // Prepare: an append of 10 leaves whose tiles were written but whose size never moved past 5.
    const leafHashes = leavesOf(20).map(leafHash);
    const stale = tiledTree(leafHashes.map((hash, index) => (index < 5 ? hash : leafHash(Buffer.from('stale')))), [10]);

    // Act
    const changed = appendToTiles(5, stale, leafHashes.slice(5));

    // Assess
    expect(changed.get('0/0')!.entries.map((hash) => hash.toString('hex'))).toEqual(leafHashes.map((hash) => hash.toString('hex')));
  });
});
