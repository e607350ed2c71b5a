export { HASH_BYTES, emptyRoot, eventLeafHash, leafHash, nodeHash } from './hashes';
export { consistencyRanges, inclusionRanges, rangeHash, subtreesOf, type LeafRange, type SubtreeId } from './ranges';
export { verifyConsistency, verifyInclusion } from './verify-proofs';
export { TILE_WIDTH, appendToTiles, edgeTiles, subtreeFromTiles, tileName, tilesFor, type TileId, type Tiles } from './tiles';
