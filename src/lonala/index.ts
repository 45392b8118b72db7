/**
 * The language's public API (ARCHITECTURE.md "src/lonala"): reader,
 * printer, compiler, disassembler and the pure intrinsics with their
 * registry entry format and argument faults.
 */
export * from './reader/index.js';
export { printValue, type PrintOptions } from './printer.js';
export { prettyValue, type PrettyOptions } from './pretty.js';
export * from './compiler/index.js';
export { disassemble, disassemblyText } from './disassembler.js';
export { INTRINSICS, intrinsic, type Intrinsic, type Reach } from './intrinsics/index.js';
export { badarg, typeError, outOfBounds, divisionByZero } from './intrinsics/args.js';
export { chargeCopies, chargeElements, chargeText } from './intrinsics/charge.js';
export { elements } from './intrinsics/sequences.js';
export { unrealizedWithin, formLists, holdsLazy } from './intrinsics/lazy.js';
export { makeRegex, RegexError } from './regex/index.js';
