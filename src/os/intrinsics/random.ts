/**
 * Randomness intrinsics (README "Realms and capabilities", src/os/random.ts):
 * rand, rand-int, rand-nth, shuffle and random-uuid draw only with the
 * caller's realm's `:random` capability and its `:read` right;
 * seed-random! needs `:write`. A realm without one gets
 * `[:error :no-capability %{:fn ... :needs :random}]`.
 */
import { Fault, Fixed, Float, Kind, Keyword, List, Ratio, Sym, Tuple, Vector, type LObject, type Value } from '../../machine/index.js';
import { intrinsic, type Intrinsic, typeError, outOfBounds, elements, chargeElements, chargeText } from '../../lonala/index.js';
import { bigintSize } from '../../machine/function.js';
import { deviceCap } from '../authority.js';
import { type Bits, below, belowBig, bitsOf, seedRealm, unitFloat } from '../random.js';
import { caller } from './context.js';

/** The caller's realm's bits, if it holds `:random` with `right`. */
function bitsFor(fnName: string, right: 'read' | 'write' = 'read'): Bits {
  const p = caller();
  deviceCap(p.realm.cspace, fnName, 'random', right);
  return bitsOf(p.realm);
}

/** An integer argument (a fixed-width one by its value) as a bigint, or null if `x` is not an integer. */
function integerOf(x: Value): bigint | null {
  if (typeof x === 'number') return BigInt(x);
  if (typeof x === 'bigint') return x;
  return x instanceof Fixed ? x.value : null;
}

/** A Lonala integer: a JS number when it is safe, a bigint beyond. */
const normal = (n: bigint): number | bigint => (n >= -9007199254740991n && n <= 9007199254740991n ? Number(n) : n);

/** Bounds beyond this many bits are refused (:limit): a draw of them would not be one call's work. */
const MAX_BITS = 1 << 20;
/** Seeds beyond this many bits are refused (:limit): no test needs more, and folding them in is quadratic. */
const MAX_SEED_BITS = 4096;

/** An integer in [0, n) for an integer n > 0. */
function randInt(fnName: string, n: Value, bits: Bits): number | bigint {
  if (typeof n === 'number' && n > 0 && n <= 0x100000000) return below(bits, n);
  const big = integerOf(n);
  if (big === null) return typeError(fnName, 'integer', n);
  if (big <= 0n) throw new Fault('badarg', { fn: Sym.of(fnName, 'lona.core'), args: List.of(n), message: `${fnName} needs a positive bound` });
  if (big <= 0x100000000n) return below(bits, Number(big));
  const size = bigintSize(big);
  if (size > MAX_BITS) throw new Fault('limit', { fn: Sym.of(fnName, 'lona.core'), message: `a bound of ${size} bits is more than ${MAX_BITS}` });
  chargeText(size >>> 3);
  return normal(belowBig(bits, big, size));
}

/** A real number as a JS double, for (rand n). */
function realOf(x: Value): number {
  if (typeof x === 'number') return x;
  if (typeof x === 'bigint') return Number(x);
  if (x instanceof Float) return x.value;
  if (x instanceof Fixed) return Number(x.value);
  if (x instanceof Ratio) return Number(x.num) / Number(x.den);
  return typeError('rand', 'number', x);
}

/** The elements of `coll` rand-nth may pick from, without copying a tuple or a vector. */
function pick(coll: Value, bits: Bits): Value {
  const kind = typeof coll === 'object' && coll !== null ? (coll as LObject).kind : undefined;
  if (kind === Kind.Vector) {
    const v = coll as Vector;
    if (v.count === 0) outOfBounds('rand-nth', 0, 0);
    return v.get(randInt('rand-nth', v.count, bits) as number);
  }
  const items = kind === Kind.Tuple ? (coll as Tuple).items : elements('rand-nth', coll);
  if (items.length === 0) outOfBounds('rand-nth', 0, 0);
  return items[randInt('rand-nth', items.length, bits) as number];
}

/** The elements of `coll` in a random order (Fisher-Yates), as a vector. */
function shuffled(coll: Value, bits: Bits): Vector {
  const items = [...elements('shuffle', coll)];
  for (let i = items.length - 1; i > 0; i--) {
    const j = below(bits, i + 1);
    const x = items[i];
    items[i] = items[j];
    items[j] = x;
  }
  chargeElements(items.length);
  return Vector.from(items);
}

const hex = (w: number, digits: number): string => w.toString(16).padStart(digits, '0');

/** A version 4 (random) UUID as text: 122 random bits, the version and variant fixed. */
function uuid(bits: Bits): string {
  const a = bits();
  const b = ((bits() & 0xffff0fff) | 0x00004000) >>> 0;
  const c = ((bits() & 0x3fffffff) | 0x80000000) >>> 0;
  const d = bits();
  return `${hex(a, 8)}-${hex(b >>> 16, 4)}-${hex(b & 0xffff, 4)}-${hex(c >>> 16, 4)}-${hex(c & 0xffff, 4)}${hex(d, 8)}`;
}

export const randomIntrinsics: Intrinsic[] = [
  intrinsic({
    name: 'rand', arglists: '([] [n])', min: 0, max: 1,
    doc: "A random float in [0, 1), or in [0, n). Needs the realm's :random capability.",
    impl: (n) => {
      const u = unitFloat(bitsFor('rand'));
      return new Float(n === undefined ? u : u * realOf(n));
    },
  }),
  intrinsic({
    name: 'rand-int', arglists: '([n])', min: 1, max: 1,
    doc: "A random integer in [0, n) for a positive integer n (of any size), every one as likely. Needs the realm's :random capability.",
    impl: (n) => randInt('rand-int', n, bitsFor('rand-int')),
  }),
  intrinsic({
    name: 'rand-nth', arglists: '([coll])', min: 1, max: 1,
    doc: "A random element of a non-empty collection. Needs the realm's :random capability.",
    impl: (coll) => pick(coll, bitsFor('rand-nth')),
  }),
  intrinsic({
    name: 'shuffle', arglists: '([coll])', min: 1, max: 1, cost: 2,
    doc: "The elements of coll in a random order, as a vector. Needs the realm's :random capability.",
    impl: (coll) => shuffled(coll, bitsFor('shuffle')),
  }),
  intrinsic({
    name: 'random-uuid', arglists: '([])', min: 0, max: 0,
    doc: "A random (version 4) UUID as a string, e.g. \"0b1b8f1e-5c3a-4f0e-9d2b-6a3c1e7f9a10\". Needs the realm's :random capability.",
    impl: () => uuid(bitsFor('random-uuid')),
  }),
  intrinsic({
    name: 'seed-random!', arglists: '([seed])', min: 1, max: 1,
    doc: "Gives the caller's realm its own generator seeded with the integer seed: the same seed, the same numbers (for tests); nil gives it the host's unpredictable one again. Other realms are not affected. Needs :random with :write. :ok.",
    impl: (seed) => {
      bitsFor('seed-random!', 'write');
      const n = seed === null ? null : integerOf(seed);
      if (n === null && seed !== null) typeError('seed-random!', 'integer', seed);
      if (n !== null && bigintSize(n) > MAX_SEED_BITS) throw new Fault('limit', { fn: Sym.of('seed-random!', 'lona.core'), message: `a seed of more than ${MAX_SEED_BITS} bits` });
      seedRealm(caller().realm, n);
      return Keyword.of('ok');
    },
  }),
];
