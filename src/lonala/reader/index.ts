/**
 * The Lonala reader (LONALA.md section 1): `readAll` and `readOne` turn text
 * into forms, `formPositions` says where each collection was read.
 */
export { readAll, readOne, type ReadOptions, type ReadForm } from './reader.js';
export { ReaderError } from './reader-error.js';
export { formPositions, type Position } from './positions.js';
export { MAX_DEPTH } from './depth.js';
