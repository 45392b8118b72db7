/**
 * The Lonala reader (LONALA.md section 1): `readAll`, `readForms` and
 * `readOne` turn text into forms; `formPositions` says where each collection
 * was read.
 */
export { readAll, readOne, readForms, type ReadOptions, type ReadForm, type FormReader } from './reader.js';
export { SourceError } from '../source-error.js';
export { formPositions, type Position } from './positions.js';
export { MAX_DEPTH } from './depth.js';
