/**
 * The reader engine (LONALA.md section 1): a hand-written scanner driving an
 * explicit stack of open forms, so nesting depth never grows the JS stack.
 *
 *   ( [ { %{ #{ #(          open a collection frame
 *   ' #' ` ~ ~@ @ ^ #_      open a prefix frame waiting for the next form(s)
 *   ) ] }                   close the top collection and deliver it
 *   tokens, strings, chars, #bytes, #bits, #"regex", ##Inf    deliver a value
 *
 * Delivering hands a finished form to the top frame: a collection keeps it,
 * a prefix frame wraps it (quote, var, unquote, deref, metadata, syntax-quote) or
 * drops it (#_) and delivers the result further down. A form is complete
 * when it is delivered with no frame open.
 */
import { Float, Sym, isObject, type Value, List, Tuple, Vector, PMap, PSet } from '../../machine/index.js';
import { Failure } from './reader-error.js';
import { LineIndex, formPositions, type Mark } from './positions.js';
import { describeChar, scanToken, skipSpace, type Scanned } from './scanner.js';
import { readChar, readString } from './strings.js';
import { parseToken } from './tokens.js';
import { readBinary } from './binary.js';
import { readBits } from './bits.js';
import { readRegex } from './regex.js';
import { AnonFn } from './anon-fn.js';
import { attachMeta, metaMap } from './meta.js';
import { UNQUOTE, UNQUOTE_SPLICING, syntaxQuote, type SyntaxQuoteContext } from './syntax-quote.js';
import { MAX_DEPTH, PREHASH_DEPTH, prehash } from './depth.js';

/** Frame types; the collection types come first. */
const enum F { List, Tuple, Vector, Map, Set, AnonFn, Quote, Var, SyntaxQuote, Unquote, Splice, Meta, Discard, Deref }

/** How each frame type is named in messages, and the closer of collections. */
const FRAME_TEXT = ['list', 'tuple', 'vector', 'map', 'set', '#(...)', "'", "#'", '`', '~', '~@', '^', '#_', '@'];
const CLOSER = [41, 93, 125, 125, 125, 41];
/** The symbol each wrapping prefix puts in front of its form. */
const WRAPPER: Partial<Record<F, Sym>> = {
  [F.Quote]: Sym.of('quote'),
  [F.Var]: Sym.of('var'),
  [F.Unquote]: UNQUOTE,
  [F.Splice]: UNQUOTE_SPLICING,
  [F.Deref]: Sym.of('deref', 'lona.core'),
};

interface Frame {
  readonly type: F;
  /** Offset of the opening character(s). */
  readonly start: number;
  /** Forms read so far (collections only). */
  readonly items: Value[] | null;
  /** A Meta frame's metadata, once read. */
  meta: PMap | null;
}

/** A top-level form and the offsets of its text. */
export interface Parsed {
  form: Value;
  start: number;
  end: number;
}

/** Nothing complete yet: keep reading. */
const MORE = Symbol('more');
type Step = Value | Failure | typeof MORE;

/** Reads forms one by one from a source string. */
export class Parser {
  private pos = 0;
  private readonly stack: Frame[] = [];
  /** The `#(...)` being read, if any (they cannot nest). */
  private anon: AnonFn | null = null;

  constructor(
    private readonly src: string,
    readonly lines: LineIndex,
    private readonly ctx: SyntaxQuoteContext,
  ) {}

  /** The offset reading has reached. */
  get offset(): number {
    return this.pos;
  }

  /** Records where a collection was read (shared empty singletons excepted). */
  private readonly mark: Mark = (form, offset) => {
    if (form !== List.EMPTY && form !== Tuple.EMPTY && form !== Vector.EMPTY && form !== PMap.EMPTY && form !== PSet.EMPTY) {
      formPositions.set(form, this.lines.position(offset));
    }
  };

  /** The next top-level form, null at the end of input, or the failure that stopped reading. */
  next(): Parsed | Failure | null {
    const src = this.src;
    let formStart = 0;
    for (;;) {
      const p = skipSpace(src, this.pos);
      this.pos = p;
      if (this.stack.length === 0) formStart = p;
      if (p >= src.length) return this.stack.length === 0 ? null : this.unclosed();
      let r = this.step(p);
      if (r !== MORE && !(r instanceof Failure)) r = this.deliver(r);
      if (r instanceof Failure) return r;
      if (r !== MORE) return { form: r, start: formStart, end: this.pos };
    }
  }

  /** Reads whatever starts at `p`. */
  private step(p: number): Step {
    const src = this.src;
    const c = src.charCodeAt(p);
    switch (c) {
      case 40: return this.open(F.List, p, 1); // (
      case 91: return this.open(F.Tuple, p, 1); // [
      case 123: return this.open(F.Vector, p, 1); // {
      case 41: case 93: case 125: return this.close(c, p); // ) ] }
      case 39: return this.open(F.Quote, p, 1); // '
      case 96: return this.open(F.SyntaxQuote, p, 1); // `
      case 126: return src.charCodeAt(p + 1) === 64 ? this.open(F.Splice, p, 2) : this.open(F.Unquote, p, 1); // ~ ~@
      case 94: return this.open(F.Meta, p, 1); // ^
      case 64: return this.open(F.Deref, p, 1); // @x reads as (lona.core/deref x)
      case 34: return this.scanned(readString(src, p)); // "
      case 92: return this.scanned(readChar(src, p)); // \
      case 35: return this.dispatch(p); // #
      case 37: if (src.charCodeAt(p + 1) === 123) return this.open(F.Map, p, 2); // %{, else a token such as %1
    }
    const end = scanToken(src, p);
    this.pos = end;
    const v = parseToken(src.slice(p, end), p);
    return this.anon !== null && v instanceof Sym ? this.anon.placeholder(v, p) : v;
  }

  /** Reads a `#` form at `p`. */
  private dispatch(p: number): Step {
    const src = this.src;
    switch (src.charCodeAt(p + 1)) {
      case 123: return this.open(F.Set, p, 2); // #{
      case 95: return this.open(F.Discard, p, 2); // #_
      case 34: return this.scanned(readRegex(src, p)); // #"...": a regular expression
      case 39: return this.open(F.Var, p, 2); // #'
      case 40: { // #(
        if (this.anon !== null) return new Failure('nested-anon-fn', '#(...) cannot be nested in another #(...): use (fn* ...)', p);
        const r = this.open(F.AnonFn, p, 2);
        if (r === MORE) this.anon = new AnonFn();
        return r;
      }
      case 35: { // ##Inf ##-Inf ##NaN
        const end = scanToken(src, p + 2);
        const name = src.slice(p + 2, end);
        this.pos = end;
        if (name === 'Inf') return new Float(Infinity);
        if (name === '-Inf') return new Float(-Infinity);
        if (name === 'NaN') return new Float(NaN);
        return new Failure('invalid-token', `unknown special float ##${name} (use ##Inf, ##-Inf or ##NaN)`, p);
      }
    }
    if (p + 1 >= src.length) return new Failure('unexpected-eof', 'reached the end of input after #', p);
    const end = scanToken(src, p + 1);
    const tag = src.slice(p + 1, end);
    if (tag === 'bits') return this.scanned(readBits(src, p, end, this.mark));
    if (tag === 'bytes' || tag.startsWith('bytes/')) return this.scanned(readBinary(src, p, tag, end));
    const what = tag === '' ? `# followed by ${describeChar(src.charCodeAt(p + 1))}` : `#${tag}`;
    return new Failure('invalid-token', `unknown reader syntax ${what}`, p);
  }

  private scanned(r: Scanned<Value> | Failure): Step {
    if (r instanceof Failure) return r;
    this.pos = r.end;
    return r.value;
  }

  private open(type: F, p: number, length: number): Step {
    if (this.stack.length >= MAX_DEPTH) return new Failure('too-deep', `forms nested deeper than ${MAX_DEPTH} levels`, p);
    this.stack.push({ type, start: p, items: type <= F.AnonFn ? [] : null, meta: null });
    this.pos = p + length;
    return MORE;
  }

  /** Closes the top collection with the closer `c` at `p`. */
  private close(c: number, p: number): Step {
    const top = this.stack[this.stack.length - 1];
    const ch = String.fromCharCode(c);
    if (top === undefined) return new Failure('unmatched-delimiter', `unmatched ${ch}: nothing is open`, p);
    if (top.items === null) return new Failure('missing-form', `expected a form after ${FRAME_TEXT[top.type]} but found ${ch}`, p);
    if (CLOSER[top.type] !== c) {
      const { line, column } = this.lines.position(top.start);
      const expected = String.fromCharCode(CLOSER[top.type]);
      return new Failure('unmatched-delimiter', `${ch} does not close the ${FRAME_TEXT[top.type]} opened at ${line}:${column} (expected ${expected})`, p);
    }
    this.stack.pop();
    const v = this.build(top.type, top.items, top.start);
    this.pos = p + 1;
    return v;
  }

  /** The collection for a closed frame. */
  private build(type: F, items: Value[], start: number): Step {
    let v: List | Tuple | Vector | PMap | PSet;
    switch (type) {
      case F.List: v = List.from(items); break;
      case F.Tuple: v = new Tuple(items); break;
      case F.Vector: v = Vector.from(items); break;
      case F.Map:
        if (items.length % 2 !== 0) return new Failure('odd-map', `map literal has ${items.length} forms: keys and values must pair up`, start);
        v = PMap.fromFlat(items);
        break;
      case F.Set: v = PSet.from(items); break;
      default: {
        const anon = this.anon as AnonFn;
        this.anon = null;
        return anon.build(items, this.mark, start);
      }
    }
    this.mark(v, start);
    return v;
  }

  /** Hands the finished `value` to the frames on the stack. */
  private deliver(value: Value): Step {
    const stack = this.stack;
    let v = value;
    for (;;) {
      const top = stack[stack.length - 1];
      if (top === undefined) return v;
      if (top.items !== null) {
        if (stack.length >= PREHASH_DEPTH) prehash(v);
        top.items.push(v);
        return MORE;
      }
      if (top.type === F.Meta && top.meta === null) {
        const meta = metaMap(v, top.start);
        if (meta instanceof Failure) return meta;
        top.meta = meta;
        return MORE;
      }
      stack.pop();
      const wrapper = WRAPPER[top.type];
      if (wrapper !== undefined) {
        v = List.of(wrapper, v);
        this.mark(v, top.start);
        continue;
      }
      let r: Value | Failure;
      switch (top.type) {
        case F.Discard: return MORE;
        case F.Meta: r = attachMeta(v, top.meta as PMap, top.start); break;
        default:
          r = syntaxQuote(v, top.start, this.ctx);
      }
      if (r instanceof Failure) return r;
      v = r;
      if (top.type === F.SyntaxQuote && isObject(v) && !formPositions.has(v)) this.mark(v, top.start);
    }
  }

  /** The failure for input ending with frames still open. */
  private unclosed(): Failure {
    const top = this.stack[this.stack.length - 1];
    const what = top.items !== null ? `unterminated ${FRAME_TEXT[top.type]}` : `expected a form after ${FRAME_TEXT[top.type]}`;
    return new Failure('unexpected-eof', `${what}: reached the end of input`, top.start);
  }
}
