import { nodeHash } from './hashes';
import type { SubtreeId } from './ranges';

/**
 * The tree kept as tiles, as Tessera (the successor of Trillian) keeps it: a tile at tile level L
 * holds up to 256 consecutive hashes of tree level 8·L, so a leaf tile holds 256 leaf hashes and a
 * level-1 tile the roots of 256 full leaf tiles. Any complete subtree's hash comes from one tile
 * (at most 128 hashes folded up), so a proof reads one or two tiles per tile level, O(log n), and
 * appending touches only the right edge. Entries never change once written; only the last tile of
 * each level grows.
 */
export const TILE_HEIGHT = 8;
export const TILE_WIDTH = 2 ** TILE_HEIGHT;

export interface TileId {
  /** Tile level: its entries are hashes of tree level 8·level. */
  level: number;
  index: number;
}

/** Tiles by `tileName`, each its entries in order. */
export type Tiles = Map<string, Buffer[]>;

export const tileName = ({ level, index }: TileId) => `${level}/${index}`;

/** Where a complete subtree's hash comes from: the tile and the run of its entries that fold into it. */
export function tileSpanOf({ level, index }: SubtreeId): { tile: TileId; from: number; count: number } {
  const tileLevel = Math.floor(level / TILE_HEIGHT);
  const count = 2 ** (level - tileLevel * TILE_HEIGHT);
  const first = index * count;
  return { tile: { level: tileLevel, index: Math.floor(first / TILE_WIDTH) }, from: first % TILE_WIDTH, count };
}

/** The distinct tiles the given subtrees are read from. */
export function tilesFor(ids: readonly SubtreeId[]): TileId[] {
  const tiles = new Map<string, TileId>();
  for (const id of ids) {
    const { tile } = tileSpanOf(id);
    tiles.set(tileName(tile), tile);
  }
  return [...tiles.values()];
}

/** A complete subtree's hash from the tiles; throws when a tile or entry it needs is absent. */
export function subtreeFromTiles(id: SubtreeId, tiles: Tiles): Buffer {
  const { tile, from, count } = tileSpanOf(id);
  const entries = tiles.get(tileName(tile))?.slice(from, from + count);
  if (!entries || entries.length < count) throw new RangeError(`Tile ${tileName(tile)} does not hold subtree ${id.level}/${id.index}`);
  return foldUp(entries);
}

/** The root of 2^k hashes. */
function foldUp(entries: readonly Buffer[]): Buffer {
  let level = [...entries];
  while (level.length > 1) {
    const next: Buffer[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(nodeHash(level[i]!, level[i + 1]!));
    level = next;
  }
  return level[0]!;
}

/** How many entries tile level `level` holds in a tree of `size` leaves. */
const entriesAt = (size: number, level: number) => Math.floor(size / TILE_WIDTH ** level);

/** The partial tiles on the right edge of a tree of `size` leaves, with how many entries each holds: what an append starts from. */
export function edgeTiles(size: number): Array<{ tile: TileId; width: number }> {
  const edge: Array<{ tile: TileId; width: number }> = [];
  for (let level = 0; entriesAt(size, level) > 0; level += 1) {
    const entries = entriesAt(size, level);
    if (entries % TILE_WIDTH !== 0) edge.push({ tile: { level, index: Math.floor(entries / TILE_WIDTH) }, width: entries % TILE_WIDTH });
  }
  return edge;
}

/**
 * Appends leaf hashes to a tree of `size` leaves whose edge tiles are given (extra entries, left by an
 * interrupted append, are cut off), and returns every tile that changed, whole. Each leaf tile that
 * fills up adds its root to the tile level above, and so on up.
 */
export function appendToTiles(size: number, edge: Tiles, leaves: readonly Buffer[]): Map<string, { tile: TileId; entries: Buffer[] }> {
  const changed = new Map<string, { tile: TileId; entries: Buffer[] }>();
  let added: readonly Buffer[] = leaves;
  for (let level = 0; added.length > 0; level += 1) {
    const before = entriesAt(size, level);
    let index = Math.floor(before / TILE_WIDTH);
    const width = before % TILE_WIDTH;
    let entries = width === 0 ? [] : (edge.get(tileName({ level, index })) ?? []).slice(0, width);
    if (entries.length < width) throw new RangeError(`Edge tile ${level}/${index} holds fewer than ${width} entries`);
    const completed: Buffer[] = [];
    for (const hash of added) {
      entries.push(hash);
      if (entries.length === TILE_WIDTH) {
        changed.set(tileName({ level, index }), { tile: { level, index }, entries });
        completed.push(foldUp(entries));
        index += 1;
        entries = [];
      }
    }
    if (entries.length > 0) changed.set(tileName({ level, index }), { tile: { level, index }, entries });
    added = completed;
  }
  return changed;
}
