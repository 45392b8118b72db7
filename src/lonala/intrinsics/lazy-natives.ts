/**
 * The natives that make lazy sequences realized in TS (lazy-sources.ts,
 * lazy-transforms.ts, lazy-groups.ts). Those taking a function make one
 * only when the function is callable here (seq-cursor.ts `callableHere`:
 * a native that never calls back, a keyword, a map, a set) and answer nil
 * otherwise: their Lonala callers (std/lona/core/sequences.lona) then make
 * the sequence in Lonala, calling the function as ordinary work.
 *
 * `concat` of collections none of which is lazy stays a list made at once
 * (what syntax-quote builds code with); with a lazy seq among them it is a
 * lazy seq, realized as it is read.
 */
import { LazySeq, Tuple, type Value } from '../../machine/index.js';
import { typeError } from './args.js';
import { intrinsic, type Intrinsic } from './registry.js';
import { concat } from './sequences.js';
import { Cursor, callableHere } from './seq-cursor.js';
import { ConcatSource, CycleSource, IterateSource, RangeSource, RepeatSource, RepeatedlySource, countArg } from './lazy-sources.js';
import {
  DropSource, DropWhileSource, FilterSource, InterleaveSource, MapSource, ReductionsSource, TakeSource, TakeWhileSource,
} from './lazy-transforms.js';
import { DedupeSource, DistinctSource, PartitionBySource, PartitionSource } from './lazy-groups.js';
import { isNumber } from './numbers/tower.js';

const lazy = LazySeq.ofSource;

/** A number argument of range. */
function num(v: Value): Value {
  return isNumber(v) ? v : typeError('range', 'number', v);
}

/** A function argument for a sequence made here: the function, or null when Lonala must call it. */
const here = (f: Value): boolean => callableHere(f);

export const lazyNativeIntrinsics: Intrinsic[] = [
  intrinsic({
    name: 'range', arglists: '([] [end] [start end] [start end step])', min: 0, max: 3,
    doc: 'A lazy seq of the numbers from start (default 0) up to but not including end (none: infinite), ' +
      'by step (default 1; negative counts down; 0 repeats start). Counted without being realized; ' +
      'realized 32 at a time.',
    impl: (...args) => {
      switch (args.length) {
        case 0: return lazy(new RangeSource(0, Infinity, 1));
        case 1: return lazy(new RangeSource(0, num(args[0]), 1));
        case 2: return lazy(new RangeSource(num(args[0]), num(args[1]), 1));
        default: return lazy(new RangeSource(num(args[0]), num(args[1]), num(args[2])));
      }
    },
  }),
  intrinsic({
    name: 'repeat', arglists: '([x] [n x])', min: 1, max: 2,
    doc: 'A lazy seq of x over and over, n times (none: infinite).',
    impl: (a, b) => (b === undefined ? lazy(new RepeatSource(a, Infinity)) : lazy(new RepeatSource(b, countArg('repeat', a)))),
  }),
  intrinsic({
    name: 'cycle', arglists: '([coll])', min: 1, max: 1,
    doc: 'A lazy seq of the elements of coll over and over (empty for an empty coll).',
    impl: (coll) => lazy(new CycleSource(coll)),
  }),
  intrinsic({
    name: 'concat', arglists: '([& colls])', min: 0, max: Infinity, cost: 4,
    doc: 'The elements of all arguments in order: lists, tuples, vectors, sets, maps (as [k v] tuples), ' +
      'strings (as characters), binaries or nil make a list at once (the last list shared, not copied); ' +
      'with a lazy seq among them, a lazy seq realized as it is read.',
    impl: (...colls) => (colls.some((c) => c instanceof LazySeq) ? lazy(new ConcatSource(new Cursor(new Tuple(colls), 'concat'))) : concat(...colls)),
  }),
  intrinsic({
    name: 'join-seqs*', arglists: '([colls])', min: 1, max: 1,
    doc: 'A lazy seq of the elements of each collection of the sequence colls in turn (mapcat).',
    impl: (colls) => lazy(new ConcatSource(new Cursor(colls, 'mapcat'))),
  }),
  intrinsic({
    name: 'interleave', arglists: '([] [c1] [c1 c2 & colls])', min: 0, max: Infinity,
    doc: 'A lazy seq of the first element of each coll, then the second of each..., until one ends.',
    impl: (...colls) => (colls.length === 0 ? LazySeq.empty() : lazy(new InterleaveSource(colls.map((c) => new Cursor(c, 'interleave'))))),
  }),
  intrinsic({
    name: 'take*', arglists: '([n coll])', min: 2, max: 2,
    doc: 'The lazy seq of the first n elements of coll (take).',
    impl: (n, coll) => lazy(new TakeSource(countArg('take', n), new Cursor(coll, 'take'))),
  }),
  intrinsic({
    name: 'drop*', arglists: '([n coll])', min: 2, max: 2,
    doc: 'The lazy seq of the elements of coll after the first n (drop).',
    impl: (n, coll) => lazy(new DropSource(countArg('drop', n), new Cursor(coll, 'drop'))),
  }),
  intrinsic({
    name: 'iterate*', arglists: '([f x])', min: 2, max: 2,
    doc: 'The lazy seq x, (f x), (f (f x))... when f can be called from TS; else nil (iterate).',
    impl: (f, x) => (here(f) ? lazy(new IterateSource(f, x, true)) : null),
  }),
  intrinsic({
    name: 'repeatedly*', arglists: '([n f])', min: 2, max: 2,
    doc: 'The lazy seq of n (nil: infinitely many) calls of f when it can be called from TS; else nil.',
    impl: (n, f) => (here(f) ? lazy(new RepeatedlySource(f, n === null ? Infinity : countArg('repeatedly', n))) : null),
  }),
  intrinsic({
    name: 'map*', arglists: '([f coll & colls])', min: 2, max: Infinity,
    doc: 'The lazy seq of f applied to the elements of the colls when f can be called from TS; else nil (map).',
    impl: (f, ...colls) => (here(f) ? lazy(new MapSource(f, colls.map((c) => new Cursor(c, 'map')))) : null),
  }),
  intrinsic({
    name: 'filter*', arglists: '([pred coll keep?])', min: 3, max: 3,
    doc: 'The lazy seq of the elements of coll whose (pred x) is truthy (keep? false: falsy) when pred can be ' +
      'called from TS; else nil (filter, remove).',
    impl: (pred, coll, keep) => (here(pred) ? lazy(new FilterSource(pred, new Cursor(coll, 'filter'), keep !== false && keep !== null)) : null),
  }),
  intrinsic({
    name: 'take-while*', arglists: '([pred coll])', min: 2, max: 2,
    doc: 'The lazy seq of the elements of coll while pred holds, when pred can be called from TS; else nil.',
    impl: (pred, coll) => (here(pred) ? lazy(new TakeWhileSource(pred, new Cursor(coll, 'take-while'))) : null),
  }),
  intrinsic({
    name: 'drop-while*', arglists: '([pred coll])', min: 2, max: 2,
    doc: 'The lazy seq of coll from its first element for which pred fails, when pred can be called from TS; else nil.',
    impl: (pred, coll) => (here(pred) ? lazy(new DropWhileSource(pred, new Cursor(coll, 'drop-while'))) : null),
  }),
  intrinsic({
    name: 'partition*', arglists: '([n step pad all? coll])', min: 5, max: 5,
    doc: 'The lazy seq of lists of n elements of coll, each step after the last; the incomplete last one dropped, ' +
      'padded from pad (a collection, or nil for none) or, with all?, kept (partition, partition-all).',
    impl: (n, step, pad, all, coll) => {
      const size = countArg('partition', n), by = countArg('partition', step);
      if (size <= 0 || by <= 0) return LazySeq.empty();
      return lazy(new PartitionSource(size, by, pad, all === true, new Cursor(coll, 'partition')));
    },
  }),
  intrinsic({
    name: 'partition-by*', arglists: '([f coll])', min: 2, max: 2,
    doc: 'The lazy seq of runs of consecutive elements of coll with equal (f x), as lists, when f can be called ' +
      'from TS; else nil (partition-by).',
    impl: (f, coll) => (here(f) ? lazy(new PartitionBySource(f, new Cursor(coll, 'partition-by'))) : null),
  }),
  intrinsic({
    name: 'distinct*', arglists: '([coll])', min: 1, max: 1,
    doc: 'The lazy seq of the elements of coll without repeats, each where it first occurs (distinct).',
    impl: (coll) => lazy(new DistinctSource(new Cursor(coll, 'distinct'))),
  }),
  intrinsic({
    name: 'dedupe*', arglists: '([coll])', min: 1, max: 1,
    doc: 'The lazy seq of the elements of coll without consecutive repeats (dedupe).',
    impl: (coll) => lazy(new DedupeSource(new Cursor(coll, 'dedupe'))),
  }),
  intrinsic({
    name: 'reductions*', arglists: '([f init coll])', min: 3, max: 3,
    doc: 'The lazy seq of init and each intermediate result of reducing coll with f, when f can be called ' +
      'from TS; else nil (reductions).',
    impl: (f, init, coll) => (here(f) ? lazy(new ReductionsSource(f, init, new Cursor(coll, 'reductions'))) : null),
  }),
];
