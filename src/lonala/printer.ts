/**
 * The printer (LONALA.md section 2): values to text that reads back as an
 * equal value (opaque runtime objects print as `#name<...>`).
 *
 * Iterative: nested collections are walked with an explicit stack of open
 * collections, so a million-deep list prints without touching the JS stack.
 * Limits cut long collections, deep nesting and long strings with `...`.
 *
 * Printing is charged to the running thread by its size (machine/function.ts
 * `chargeReductions`): PRINT_ELEMENT reductions per value printed and one
 * per 32 characters of text (~250-450 ns per small element here, so 30-60 ns
 * a reduction, as integer work: one call may print about 350,000 values). An integer of more than DECIMAL_BITS bits prints in
 * hexadecimal (`0x...`, which reads back as the same number): decimal
 * conversion is superlinear (2^20 bits take 65 ms, 2^22 bits 380 ms).
 *
 * A lazy seq prints as a list of its elements. Printing for a process (a
 * native: str, pr-str, println) realizes what it prints (asking for Lonala
 * work when needed: machine/lazy-seq.ts), as Clojure does; printing on the
 * host (a REPL's result, a report) realizes nothing and shows what is not
 * realized yet as `...` (the REPL realizes what it will print first:
 * os/session.ts).
 *
 * Printing never throws, unless a native printing for a process asks
 * (`refuseAs`): then text costing more than MAX_CALL_REDUCTIONS is refused
 * with `[:error :limit ...]`. Otherwise text past CUT_WORK (a value sharing
 * its parts can print exponentially long) is cut with `...`.
 */
import {
  Kind, Fault, Sym, SeqReader, END, collecting, type LazySeq, type LObject, type Value, type Float, type Fixed, type Ratio, type Char, type Keyword, type Binary, type Bytebuf, type Pid, type Ref, type RealmId, type Address, type Opaque, type Regex, type List, type Tuple, type Vector, type PMap, type PSet,
} from '../machine/index.js';
import { MAX_CALL_REDUCTIONS, bigintSize, chargeReductions } from '../machine/function.js';

/** How to print. */
export interface PrintOptions {
  /** true (default): as `pr`, reading back gives the value; false: as `str`/`println`, strings and chars raw. */
  readably?: boolean;
  /** Most elements (map entries) printed per collection; the rest become `...`. */
  maxLength?: number;
  /** Collections nested deeper than this print as `...` (the printed value is at depth 0). */
  maxDepth?: number;
  /** Most characters printed per string; the rest become `...`. */
  maxString?: number;
  /**
   * A native printing for a process (`pr-str`...): text costing more than
   * MAX_CALL_REDUCTIONS reductions is refused with `[:error :limit %{:fn
   * lona.core/<refuseAs>}]` instead of being cut.
   */
  refuseAs?: string;
  /** With `refuseAs`: the reductions this text may cost (default MAX_CALL_REDUCTIONS; less when one call prints several values). */
  budget?: number;
  /**
   * Work (in reductions) several prints share (the pretty printer's tries):
   * each print's budget is at most what is left, and what it used is taken
   * off. Past it, as past `budget`: refused with `refuseAs`, else cut.
   */
  shared?: { left: number };
  /** Told of each value printed whole (not a collection) and where its text starts: how a REPL finds presentations. */
  onScalar?: (x: Value, offset: number, text: string) => void;
}

/** Reductions charged per value printed (~250-450 ns each here). */
export const PRINT_ELEMENT = 8;

/** Work (in reductions) past which printing that may not refuse is cut with `...` (about 2 s of it). */
const CUT_WORK = 1 << 25;

/** The bits beyond which an integer prints in hexadecimal (315,653 decimal digits). */
export const DECIMAL_BITS = 1 << 20;

/** A collection being printed: its elements (flattened key, value for maps). */
export interface Open {
  items: ArrayLike<Value>;
  count: number;
  next: number;
  truncated: boolean;
  close: string;
  depth: number;
}

/** Prints `v` as text (readable by default); the lazy seqs in it that need realizing are asked for together. */
export function printValue(v: Value, opts: PrintOptions = {}): string {
  return collecting(() => printText(v, opts, Infinity) as string);
}

/**
 * As printValue, or null when the text would be longer than `fitIn`
 * characters: it stops there, charging only the work done (the pretty
 * printer's "does it fit on the line").
 */
export function printFitting(v: Value, opts: PrintOptions, fitIn: number): string | null {
  return printText(v, opts, fitIn);
}

function printText(v: Value, opts: PrintOptions, fitIn: number): string | null {
  const readably = opts.readably !== false;
  const maxLength = opts.maxLength ?? Infinity;
  const maxDepth = opts.maxDepth ?? Infinity;
  const maxString = opts.maxString ?? Infinity;
  const refuseAs = opts.refuseAs;
  const shared = opts.shared;
  const ownBudget = refuseAs === undefined ? CUT_WORK : Math.max(0, opts.budget ?? MAX_CALL_REDUCTIONS);
  const budget = Math.min(ownBudget, shared?.left ?? Infinity);
  const onScalar = opts.onScalar;
  const out: string[] = [];
  const stack: Open[] = [];
  /** Values printed, and characters of text (counted where long: scalars). */
  let values = 0, chars = 0;
  integerWork = 0;
  /** The length of the text so far (for onScalar), summed as it grows. */
  let measured = 0, length = 0;
  const offset = (): number => {
    for (; measured < out.length; measured++) length += out[measured].length;
    return length;
  };
  const emit = (x: Value, depth: number): void => {
    values++;
    const open = opening(x);
    if (open === null) {
      const s = scalar(x, readably, maxLength, maxString);
      chars += s.length;
      if (onScalar !== undefined) onScalar(x, offset(), s);
      out.push(s);
    } else if (depth >= maxDepth) out.push('...');
    else {
      out.push(open);
      stack.push(elements(x as LObject, maxLength, depth));
    }
  };
  emit(v, 0);
  while (stack.length > 0) {
    if (fitIn !== Infinity && offset() > fitIn) break;
    const f = stack[stack.length - 1];
    if (f.next < f.count) {
      if (PRINT_ELEMENT * values + (chars >>> 5) + integerWork > budget) {
        if (refuseAs !== undefined) {
          chargeReductions(budget); // what it did before giving up
          tooMuch(refuseAs, ownBudget);
        }
        // Cut: close every open collection.
        for (let i = stack.length - 1; i >= 0; i--) out.push(' ...', stack[i].close);
        break;
      }
      if (f.next > 0) out.push(' ');
      emit(f.items[f.next++], f.depth + 1);
      continue;
    }
    if (f.truncated) out.push(f.count > 0 ? ' ...' : '...');
    out.push(f.close);
    stack.pop();
  }
  const work = PRINT_ELEMENT * values + ((chars + 2 * values) >>> 5) + integerWork;
  chargeReductions(work);
  if (shared !== undefined) shared.left -= work;
  integerWork = 0;
  return fitIn !== Infinity && offset() > fitIn ? null : out.join('');
}

function tooMuch(fn: string, budget: number): never {
  throw new Fault('limit', {
    fn: Sym.of(fn, 'lona.core'),
    message: `printing this value is too much work for one call (more than ${budget} reductions)`,
  });
}

/** Reductions of converting the big integers printed so far to text (added to the charge). */
let integerWork = 0;

const HUGE = 1n << 1023n;

/**
 * An integer's text: decimal, or past DECIMAL_BITS bits hexadecimal (reads
 * back as the same number); converting a big one is charged by its size
 * (decimal: words x log2(words)^2 / 2.5, ~50 ns a reduction).
 */
function integerText(n: bigint): string {
  if (n < HUGE && n > -HUGE) return String(n);
  const bits = bigintSize(n); // exact past 2^20 bits
  const words = (bits + 63) >>> 6;
  if (bits > DECIMAL_BITS) {
    integerWork += words >>> 1;
    return n < 0n ? '-0x' + (-n).toString(16).toUpperCase() : '0x' + n.toString(16).toUpperCase();
  }
  const l = Math.log2(words);
  integerWork += Math.ceil((words * l * l) / 2.5);
  return String(n);
}

/** The opening text of a collection, or null for anything else. */
export function opening(x: Value): string | null {
  if (typeof x !== 'object' || x === null) return null;
  switch ((x as LObject).kind) {
    case Kind.List: case Kind.LazySeq: return '(';
    case Kind.Tuple: return '[';
    case Kind.Vector: return '{';
    case Kind.Map: return '%{';
    case Kind.Set: return '#{';
  }
  return null;
}

/** The elements to print of collection `c` (at most `max`, or `max` entries of a map). */
export function elements(c: LObject, max: number, depth: number): Open {
  let items: Value[];
  let total: number;
  let close = '}';
  switch (c.kind) {
    case Kind.List: {
      total = (c as List).size;
      items = [];
      for (let l = c as List; l.size > 0 && items.length < max; l = l.tail) items.push(l.head);
      close = ')';
      break;
    }
    case Kind.LazySeq: {
      // Up to max elements and one more (to know whether to print `...`), realized as they are read.
      const r = new SeqReader(c as LazySeq, max === Infinity ? Infinity : max + 1);
      items = [];
      for (let x = r.next(); x !== END && items.length < max; x = r.next()) items.push(x);
      total = r.pending !== null || r.read > items.length ? Infinity : items.length;
      close = ')';
      break;
    }
    case Kind.Tuple:
      items = (c as Tuple).items;
      total = items.length;
      close = ']';
      break;
    case Kind.Vector: {
      const vec = c as Vector;
      total = vec.count;
      if (total <= max) items = vec.toArray();
      else {
        items = [];
        for (let i = 0; i < max; i++) items.push(vec.get(i));
      }
      break;
    }
    case Kind.Map: {
      const flat: Value[] = (items = []);
      total = 2 * (c as PMap).count;
      (c as PMap).forEach((v, k) => {
        if (flat.length < 2 * max) flat.push(k, v);
      });
      break;
    }
    default: {
      const set: Value[] = (items = []);
      total = (c as PSet).count;
      (c as PSet).forEach((v) => {
        if (set.length < max) set.push(v);
      });
    }
  }
  const count = Math.min(items.length, c.kind === Kind.Map ? 2 * max : max);
  return { items, count, next: 0, truncated: count < total, close, depth };
}

/** Text of a non-collection value. */
function scalar(x: Value, readably: boolean, maxLength: number, maxString: number): string {
  switch (typeof x) {
    case 'number':
      return String(x);
    case 'bigint':
      return integerText(x);
    case 'boolean':
      return x ? 'true' : 'false';
    case 'string':
      return printString(x, readably, maxString);
  }
  if (x === null) return 'nil';
  if (typeof x !== 'object') return `#object<${typeof x}>`;
  const o = x as LObject & Record<string, unknown>;
  switch (o.kind) {
    case Kind.Float: return printFloat(x as Float);
    case Kind.Fixed: return `${(x as Fixed).value}${(x as Fixed).width}`;
    case Kind.Ratio: return ratioText(x as Ratio);
    case Kind.Char: return printChar((x as Char).code, readably);
    case Kind.Symbol: return (x as Sym).fullName;
    case Kind.Keyword: return ':' + (x as Keyword).fullName;
    case Kind.Binary: return printBytes((x as Binary).bytes, maxLength);
    case Kind.Bytebuf: return `#bytebuf<${(x as Bytebuf).bytes.length}>`;
    case Kind.Pid: return `#pid<${(x as Pid).realm}.${(x as Pid).local}>`;
    case Kind.Ref: return `#ref<${(x as Ref).id}>`;
    case Kind.RealmId: return `#realm-id<${(x as RealmId).id}>`;
    case Kind.Address: return `#${(x as Address).space}<0x${(x as Address).value.toString(16).toUpperCase()}>`;
    case Kind.Opaque: return `#${(x as Opaque).type}<${(x as Opaque).label}>`;
    case Kind.Regex: return `#"${(x as Regex).source}"`; // its source never holds a " that is not escaped
    case Kind.Fn: case Kind.Native: return `#fn<${typeof o.name === 'string' && o.name !== '' ? o.name : 'anonymous'}>`;
    case Kind.Var: {
      const ns = o.ns as { name?: unknown } | null | undefined;
      return `#'${String(ns?.name)}/${String(o.name)}`;
    }
    case Kind.Namespace: return `#ns<${String(o.name)}>`;
  }
  return `#object<${String(o.kind)}>`;
}

/** `num/den`; both in hexadecimal when either is past DECIMAL_BITS bits (the reader takes `0x../0x..`). */
function ratioText(r: Ratio): string {
  const num = integerText(r.num), den = integerText(r.den);
  const hex = (t: string): boolean => t.startsWith('0x') || t.startsWith('-0x');
  if (hex(num) === hex(den)) return `${num}/${den}`;
  const toHex = (n: bigint): string => (n < 0n ? '-0x' + (-n).toString(16).toUpperCase() : '0x' + n.toString(16).toUpperCase());
  return `${toHex(r.num)}/${toHex(r.den)}`;
}

/** A double as Lonala prints it: `1.0`, `6.022e23`, `##NaN`; f32 floats with the shortest round-tripping digits and `f32`. */
function printFloat(f: Float): string {
  const v = f.value;
  if (v !== v) return '##NaN';
  if (v === Infinity) return '##Inf';
  if (v === -Infinity) return '##-Inf';
  if (f.single) {
    if (v === 0) return decimal(v) + 'f32';
    for (let digits = 1; digits <= 9; digits++) {
      const shortest = Number(v.toPrecision(digits));
      if (Math.fround(shortest) === v) return decimal(shortest) + 'f32';
    }
  }
  return decimal(v);
}

/** JS's shortest representation, with `.0` on integral values and no `+` in exponents. */
function decimal(v: number): string {
  if (v === 0) return Object.is(v, -0) ? '-0.0' : '0.0';
  const s = String(v);
  const e = s.indexOf('e');
  if (e >= 0) return s.charCodeAt(e + 1) === 43 ? s.slice(0, e + 1) + s.slice(e + 2) : s;
  return s.includes('.') ? s : s + '.0';
}

const CHAR_NAMES = new Map<number, string>([[10, 'newline'], [32, 'space'], [9, 'tab'], [13, 'return'], [12, 'formfeed'], [8, 'backspace']]);

/** Whether code unit or point `c` must be written as \uXXXX (controls and lone surrogates). */
function needsEscape(c: number): boolean {
  return c < 32 || (c >= 0x7f && c <= 0x9f) || (c >= 0xd800 && c <= 0xdfff);
}

const u4 = (c: number): string => '\\u' + c.toString(16).toUpperCase().padStart(4, '0');

function printChar(code: number, readably: boolean): string {
  if (!readably) return String.fromCodePoint(code);
  const name = CHAR_NAMES.get(code);
  if (name !== undefined) return '\\' + name;
  return needsEscape(code) ? u4(code) : '\\' + String.fromCodePoint(code);
}

/** A string, quoted and escaped when printing readably, cut after `max` characters. */
function printString(s: string, readably: boolean, max: number): string {
  let text = s;
  let cut = '';
  if (s.length > max) {
    let end = Math.max(0, max);
    if (end > 0 && isHighSurrogate(s.charCodeAt(end - 1)) && isLowSurrogate(s.charCodeAt(end))) end--;
    text = s.slice(0, end);
    cut = '...';
  }
  if (!readably) return text + cut;
  const parts: string[] = ['"'];
  let chunk = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let escaped: string | null = null;
    if (c === 34) escaped = '\\"';
    else if (c === 92) escaped = '\\\\';
    else if (c === 10) escaped = '\\n';
    else if (c === 9) escaped = '\\t';
    else if (c === 13) escaped = '\\r';
    else if (needsEscape(c)) {
      if (isHighSurrogate(c) && isLowSurrogate(text.charCodeAt(i + 1))) {
        i++;
        continue;
      }
      escaped = u4(c);
    }
    if (escaped !== null) {
      parts.push(text.slice(chunk, i), escaped);
      chunk = i + 1;
    }
  }
  parts.push(text.slice(chunk), cut, '"');
  return parts.join('');
}

const isHighSurrogate = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

const HEX_BYTES = Array.from({ length: 256 }, (_, b) => '0x' + b.toString(16).toUpperCase().padStart(2, '0'));

function printBytes(bytes: Uint8Array, max: number): string {
  const n = Math.min(bytes.length, max);
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(HEX_BYTES[bytes[i]]);
  if (n < bytes.length) parts.push('...');
  return '#bytes[' + parts.join(' ') + ']';
}
