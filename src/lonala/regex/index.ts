/**
 * Regular expressions (LONALA.md section 1, `#"..."`): compiling a source
 * into a `Regex` value (compile.ts, program-bound.ts), the linear-time
 * engine and how its work is counted (engine.ts), and metered searching
 * (search.ts). The intrinsics are in ../intrinsics/regex.ts.
 */
export { makeRegex, compiledOf, RegexError, MAX_SOURCE, MAX_PROGRAM } from './compile.js';
export { Search, type Match } from './search.js';
export { ANCHOR_BOTH, UNANCHORED } from './engine.js';
export { programBound } from './program-bound.js';
