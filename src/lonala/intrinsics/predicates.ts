/**
 * Type predicates and `type` (LONALA.md section 2, lona.core "Type
 * Predicates"): one cheap test per value type, all arity 1.
 *
 * Also exports the small argument helpers the other intrinsic files share:
 * `isKind` and the integer coercions `intArg` / `bigintArg`, which accept any
 * integer (small, big or fixed-width) and raise `:type-error` otherwise.
 */
import { Kind, Fixed, Keyword, type LObject, type Value, Opaque, Address, FIXED_WIDTHS } from '../../machine/index.js';
import { typeError } from './args.js';
import { intrinsic, unary, type Intrinsic } from './registry.js';

/** Whether `v` is a boxed value of kind `k`. */
export function isKind(v: Value, k: Kind): boolean {
  return typeof v === 'object' && v !== null && v.kind === k;
}

/** Whether `v` is an integer of any representation. */
export function isInteger(v: Value): boolean {
  return typeof v === 'number' || typeof v === 'bigint' || isKind(v, Kind.Fixed);
}

/**
 * An integer argument as a JS number, for indexes, sizes and offsets. Big
 * integers become huge (inexact) numbers, which every bounds check rejects.
 */
export function intArg(fn: string, v: Value): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (isKind(v, Kind.Fixed)) return Number((v as Fixed).value);
  return typeError(fn, 'integer', v);
}

/** An integer argument as an exact bigint. */
export function bigintArg(fn: string, v: Value): bigint {
  if (typeof v === 'number') return BigInt(v);
  if (typeof v === 'bigint') return v;
  if (isKind(v, Kind.Fixed)) return (v as Fixed).value;
  return typeError(fn, 'integer', v);
}

/** A predicate true for exactly the boxed values of kind `k`. */
function kindPred(name: string, what: string, k: Kind): Intrinsic {
  return unary(name, `True if x is ${what}.`, (x) => typeof x === 'object' && x !== null && x.kind === k);
}

function addressPred(space: 'paddr' | 'vaddr'): Intrinsic {
  return unary(space + '?', `True if x is a ${space === 'paddr' ? 'physical' : 'virtual'} address.`,
    (x) => isKind(x, Kind.Address) && (x as Address).space === space);
}

const K = (name: string): Keyword => Keyword.of(name);

/** `type` keywords by kind; Fixed, Address and Opaque are resolved per value. */
const TYPE_BY_KIND: Partial<Record<Kind, Keyword>> = {
  [Kind.Float]: K('float'),
  [Kind.Ratio]: K('ratio'),
  [Kind.Char]: K('char'),
  [Kind.Symbol]: K('symbol'),
  [Kind.Keyword]: K('keyword'),
  [Kind.List]: K('list'),
  [Kind.Tuple]: K('tuple'),
  [Kind.Vector]: K('vector'),
  [Kind.Map]: K('map'),
  [Kind.Set]: K('set'),
  [Kind.Binary]: K('binary'),
  [Kind.Bytebuf]: K('bytebuf'),
  [Kind.Fn]: K('fn'),
  [Kind.Native]: K('fn'),
  [Kind.Var]: K('var'),
  [Kind.Namespace]: K('namespace'),
  [Kind.Pid]: K('pid'),
  [Kind.Ref]: K('ref'),
  [Kind.RealmId]: K('realm-id'),
  [Kind.Regex]: K('regex'),
  [Kind.LazySeq]: K('lazy-seq'),
};
const WIDTH_TYPES = new Map(FIXED_WIDTHS.map((w) => [w, K(w)]));
const NIL = K('nil'), BOOLEAN = K('boolean'), INTEGER = K('integer'), STRING = K('string');

/** The type keyword of any value. */
export function typeOf(v: Value): Keyword {
  switch (typeof v) {
    case 'number':
    case 'bigint':
      return INTEGER;
    case 'string':
      return STRING;
    case 'boolean':
      return BOOLEAN;
  }
  if (v === null) return NIL;
  const o = v as LObject;
  switch (o.kind) {
    case Kind.Fixed:
      return WIDTH_TYPES.get((o as Fixed).width) as Keyword;
    case Kind.Address:
      return K((o as Address).space);
    case Kind.Opaque:
      return K((o as Opaque).type);
  }
  return TYPE_BY_KIND[o.kind] as Keyword;
}

const isColl = (x: Value): boolean => {
  if (typeof x !== 'object' || x === null) return false;
  const k = x.kind;
  return k === Kind.List || k === Kind.Tuple || k === Kind.Vector || k === Kind.Map || k === Kind.Set || k === Kind.LazySeq;
};

export const predicateIntrinsics: Intrinsic[] = [
  unary('nil?', 'True if x is nil.', (x) => x === null),
  unary('some?', 'True if x is not nil.', (x) => x !== null),
  unary('boolean?', 'True if x is true or false.', (x) => typeof x === 'boolean'),
  unary('true?', 'True if x is the value true.', (x) => x === true),
  unary('false?', 'True if x is the value false.', (x) => x === false),
  unary('string?', 'True if x is a string.', (x) => typeof x === 'string'),
  kindPred('char?', 'a character', Kind.Char),
  kindPred('symbol?', 'a symbol', Kind.Symbol),
  kindPred('keyword?', 'a keyword', Kind.Keyword),
  unary('fn?', 'True if x is a function (a closure or a native).',
    (x) => typeof x === 'object' && x !== null && (x.kind === Kind.Fn || x.kind === Kind.Native)),
  kindPred('list?', 'a list', Kind.List),
  kindPred('tuple?', 'a tuple', Kind.Tuple),
  kindPred('vector?', 'a vector', Kind.Vector),
  kindPred('map?', 'a map', Kind.Map),
  kindPred('set?', 'a set', Kind.Set),
  unary('coll?', 'True if x is a collection: a list, tuple, vector, map, set or lazy seq.', isColl),
  unary('seq?', 'True if x is a sequence: a list or a lazy seq.', (x) => isKind(x, Kind.List) || isKind(x, Kind.LazySeq)),
  kindPred('binary?', 'a binary', Kind.Binary),
  kindPred('bytebuf?', 'a bytebuf', Kind.Bytebuf),
  kindPred('pid?', 'a process id', Kind.Pid),
  kindPred('ref?', 'a reference', Kind.Ref),
  kindPred('realm-id?', 'a realm id', Kind.RealmId),
  addressPred('paddr'),
  addressPred('vaddr'),
  kindPred('var?', 'a var', Kind.Var),
  kindPred('namespace?', 'a namespace', Kind.Namespace),
  intrinsic({
    name: 'type',
    arglists: '([x])',
    min: 1,
    max: 1,
    doc: 'The type of x as a keyword: :nil :boolean :integer :float :ratio :string :char :symbol :keyword ' +
      ':list :tuple :vector :map :set :binary :bytebuf :fn :var :namespace :pid :ref :realm-id :paddr ' +
      ':vaddr :regex :lazy-seq; fixed-width integers give their width (:u8 ... :i64); other runtime objects their type name.',
    impl: typeOf,
  }),
];
