/**
 * Atom intrinsics (src/os/atom.ts): the primitives std/lona/core/atoms.lona
 * builds atom, swap!, reset!, compare-and-set! and friends on. Every one
 * that takes an atom gets it through authority.ts `atomOf`: an atom of
 * another realm is `:no-capability`, whichever realm it is.
 */
import { Kind, PMap, type LObject, type Value } from '../../machine/index.js';
import { intrinsic, type Intrinsic, typeError } from '../../lonala/index.js';
import { Atom, atomBehind } from '../atom.js';
import { atomOf } from '../authority.js';
import { caller } from './context.js';

const atomArg = (fnName: string, x: Value): Atom => atomOf(fnName, x, caller());

/** What Lonala can call: functions, vars, keywords, maps and sets. */
function callable(fnName: string, f: Value): Value {
  const k = typeof f === 'object' && f !== null ? (f as LObject).kind : undefined;
  if (k === Kind.Fn || k === Kind.Native || k === Kind.Var || k === Kind.Keyword || k === Kind.Map || k === Kind.Set) return f;
  return typeError(fnName, 'fn', f);
}

/** A validator argument: nil (none) or something callable. */
const validatorArg = (fnName: string, f: Value): Value => (f === null ? null : callable(fnName, f));

export const atomIntrinsics: Intrinsic[] = [
  intrinsic({
    name: 'atom*', arglists: '([value validator])', min: 2, max: 2,
    doc: "A new atom of the caller's realm holding value (already validated), with validator (nil: none). atom is the function to call.",
    impl: (value, validator) => {
      const atom = new Atom(caller().realm, validatorArg('atom', validator));
      atom.set(value);
      return atom.handle;
    },
  }),
  intrinsic({ name: 'atom?', arglists: '([x])', min: 1, max: 1, doc: 'Whether x is an atom (of any realm).', impl: (x) => atomBehind(x) !== undefined }),
  intrinsic({
    name: 'deref', arglists: '([atom])', min: 1, max: 1, reaches: { 0: 'atom' },
    doc: "The current value of an atom of the caller's realm; @a reads as (deref a).",
    impl: (a) => atomArg('deref', a).value,
  }),
  intrinsic({
    name: 'compare-and-set!*', arglists: '([atom oldval newval])', min: 3, max: 3, reaches: { 0: 'atom' },
    doc: 'Sets the atom to newval if its value is identical to oldval (one atomic step); whether it did. No validator, no watches: compare-and-set! calls those.',
    impl: (a, old, value) => {
      const atom = atomArg('compare-and-set!', a);
      if (atom.value !== old) return false;
      atom.set(value);
      return true;
    },
  }),
  intrinsic({
    name: 'reset!*', arglists: '([atom newval])', min: 2, max: 2, reaches: { 0: 'atom' },
    doc: 'Sets the atom to newval (one atomic step) and returns the value it had. No validator, no watches: reset! calls those.',
    impl: (a, value) => {
      const atom = atomArg('reset!', a);
      const old = atom.value;
      atom.set(value);
      return old;
    },
  }),
  intrinsic({
    name: 'atom-watches*', arglists: '([atom])', min: 1, max: 1, reaches: { 0: 'atom' },
    doc: 'The watch functions of the atom by key, or nil if it has none.',
    impl: (a) => atomArg('atom-watches*', a).watches,
  }),
  intrinsic({
    name: 'add-watch', arglists: '([atom key watch-fn])', min: 3, max: 3, reaches: { 0: 'atom' },
    doc: 'Calls (watch-fn key atom old new) in the changing process after each change of the atom (replacing the watch of that key, if any). Returns the atom.',
    impl: (a, key, f) => {
      const atom = atomArg('add-watch', a);
      atom.watches = (atom.watches ?? PMap.EMPTY).assoc(key, callable('add-watch', f));
      return a;
    },
  }),
  intrinsic({
    name: 'remove-watch', arglists: '([atom key])', min: 2, max: 2, reaches: { 0: 'atom' },
    doc: 'Removes the watch of that key from the atom. Returns the atom.',
    impl: (a, key) => {
      const atom = atomArg('remove-watch', a);
      const left = atom.watches?.dissoc(key) ?? null;
      atom.watches = left === null || left.count === 0 ? null : left;
      return a;
    },
  }),
  intrinsic({
    name: 'set-validator!*', arglists: '([atom validator])', min: 2, max: 2, reaches: { 0: 'atom' },
    doc: 'Makes validator (a function, or nil: none) the validator of the atom, without checking its value: set-validator! checks it first.',
    impl: (a, f) => {
      atomArg('set-validator!', a).validator = validatorArg('set-validator!', f);
      return null;
    },
  }),
  intrinsic({
    name: 'get-validator', arglists: '([atom])', min: 1, max: 1, reaches: { 0: 'atom' },
    doc: 'The validator function of the atom, or nil.',
    impl: (a) => atomArg('get-validator', a).validator,
  }),
];
