/**
 * `format`: text from a template of printf directives, as Clojure's format
 * (Java's Formatter) reads them (LONALA.md 11, README "Lonala at a glance"):
 *
 *   %[index$ or <][flags][width][.precision]conversion
 *
 *   conversion  argument                      flags
 *   s S         any value, as str gives it    -
 *   b B         truthiness: "true"/"false"    -
 *   h H         its hash, in hex              -
 *   c C         a character or code point     -
 *   d           an integer (any size)         - + space 0 , (
 *   o x X       an integer, octal / hex       - # + space 0 (
 *   e E         a number, scientific          - # + space 0 (
 *   f           a number, fixed point         - # + space 0 , (
 *   g G         a number, %e or %f by size    - + space 0 , (
 *   %  n        a percent sign / a newline    -  / none
 *
 * Precision is the digits after the point for %e %f, significant digits for
 * %g, and the most characters for %s %b %h. Widths count code points. A
 * plain negative integer prints signed in every radix ((format "%x" -255)
 * is "-ff"); a fixed-width one gives its bits in %x and %o ((format "%x"
 * -1i8) is "ff"). `n$` takes the nth argument, `<` the one before again.
 *
 * Anything else is an error, never passed through: an unknown conversion,
 * a flag the conversion does not take, a directive without its argument or
 * with an argument of the wrong kind exit with [:error :badarg %{:fn
 * lona.core/format :directive "%d" :message "..."}]. Arguments beyond the
 * directives are ignored, as in Clojure. Numbers are in format-numbers.ts.
 */
import { Char, Fault, Fixed, Float, Ratio, Sym, type Value, hash } from '../../machine/index.js';
import { typeError, limit } from './args.js';
import { intrinsic, type Intrinsic } from './registry.js';
import { checkText, chargeText, MAX_TEXT } from './charge.js';
import { codePointCount, hasSurrogates } from './sequences.js';
import { printerFor, strOf } from './strings.js';
import { typeOf } from './predicates.js';
import { floatOf } from './numbers/tower.js';
import {
  type Decimal, decimalOfFloat, decimalOfInteger, exponentText, fixed, general, grouped, integerDigits, scientific,
} from './format-numbers.js';

/** One directive: `%[index$][flags][width][.precision]conversion`. */
interface Directive {
  readonly text: string;
  readonly index: number | '<' | null;
  readonly flags: string;
  readonly width: number;
  readonly precision: number;
  readonly conv: string;
}

const DIRECTIVE = /%(?:(\d+)\$|(<))?([-#+ 0,(]*)(\d+)?(?:\.(\d+))?([a-zA-Z%])/y;

/** The flags each conversion takes (by its lower-case letter). */
const FLAGS: Record<string, string> = {
  s: '-', b: '-', h: '-', c: '-', d: '-+ 0,(', o: '-#+ 0(', x: '-#+ 0(', e: '-#+ 0(', f: '-#+ 0,(', g: '-+ 0,(', '%': '-', n: '',
};
const TAKES_PRECISION = new Set(['s', 'b', 'h', 'e', 'f', 'g']);
const UPPER_CASE = new Set(['S', 'B', 'H', 'C', 'X', 'E', 'G']);

/** `[:error :badarg %{:fn lona.core/format :directive text :message m}]` */
function bad(directive: string, message: string): never {
  throw new Fault('badarg', { fn: Sym.of('format', 'lona.core'), directive, message: `format: ${message}` });
}

/** A width or precision as a number, refused past MAX_TEXT (the text could not be made). */
function size(text: string | undefined, none: number): number {
  if (text === undefined) return none;
  const n = Number(text);
  if (n > MAX_TEXT) limit('format', `a width or precision of ${text} is more text than a string may hold`);
  return n;
}

/** The directive at `fmt[at]` (a `%`), checked against what its conversion takes. */
function parseDirective(fmt: string, at: number): Directive {
  DIRECTIVE.lastIndex = at;
  const m = DIRECTIVE.exec(fmt);
  if (m === null) {
    const text = /^%[^a-zA-Z%]*[a-zA-Z%]?/.exec(fmt.slice(at, at + 40))![0];
    bad(text, text === '%' ? 'the template ends in a lone % (write %% for a percent sign)' : `${text} is not a directive`);
  }
  const [text, position, previous, flags, width, precision, conv] = m;
  const d: Directive = {
    text, flags, conv, index: previous !== undefined ? '<' : position !== undefined ? Number(position) : null,
    width: size(width, -1), precision: size(precision, -1),
  };
  const lower = conv.toLowerCase();
  const allowed = FLAGS[lower];
  if (allowed === undefined || (conv !== lower && !UPPER_CASE.has(conv))) bad(text, `%${conv} is not a conversion (s d x o e f g c b h n %, see (doc format))`);
  for (let i = 0; i < flags.length; i++) {
    if (!allowed.includes(flags[i])) bad(text, `%${conv} does not take the flag '${flags[i]}'`);
    if (flags.indexOf(flags[i]) !== i) bad(text, `the flag '${flags[i]}' is given twice`);
  }
  if (d.precision >= 0 && !TAKES_PRECISION.has(lower)) bad(text, `%${conv} takes no precision`);
  if (lower === 'n' && d.width >= 0) bad(text, '%n takes no width');
  if ((flags.includes('-') || flags.includes('0')) && d.width < 0) bad(text, `the flag '${flags.includes('-') ? '-' : '0'}' needs a width`);
  if (flags.includes('-') && flags.includes('0')) bad(text, "the flags '-' and '0' cannot both be given");
  if (flags.includes('+') && flags.includes(' ')) bad(text, "the flags '+' and ' ' cannot both be given");
  if (d.index === 0) bad(text, 'argument positions start at 1$');
  return d;
}

/** `text` padded with spaces to the directive's width (code points), on the left unless the `-` flag. */
function justify(d: Directive, text: string): string {
  const n = hasSurrogates(text) ? codePointCount(text) : text.length;
  if (d.width <= n) return text;
  const pad = ' '.repeat(d.width - n);
  return d.flags.includes('-') ? text + pad : pad + text;
}

/** A number's text: its sign as the flags say, then `prefix` (0x), zeros to the width with the `0` flag, the magnitude. */
function signed(d: Directive, negative: boolean, prefix: string, magnitude: string): string {
  const f = d.flags;
  const lead = (negative ? (f.includes('(') ? '(' : '-') : f.includes('+') ? '+' : f.includes(' ') ? ' ' : '') + prefix;
  const trail = negative && f.includes('(') ? ')' : '';
  const zeros = f.includes('0') ? d.width - lead.length - magnitude.length - trail.length : 0;
  return lead + (zeros > 0 ? '0'.repeat(zeros) : '') + magnitude + trail;
}

function wrongKind(d: Directive, what: string, v: Value): never {
  return bad(d.text, `${d.text} needs ${what}, but its argument is ${v === null ? 'nil' : `a value of type ${typeOf(v).name}`}`);
}

function integerOf(d: Directive, v: Value): bigint {
  if (typeof v === 'number' || typeof v === 'bigint') return BigInt(v);
  if (v instanceof Fixed) return v.value;
  return wrongKind(d, 'an integer', v);
}

/** %d %o %x: a plain integer signed; a fixed-width one's bits in %o and %x. */
function integerText(d: Directive, v: Value): string {
  const radix = d.conv === 'd' ? 10 : d.conv === 'o' ? 8 : 16;
  let n = integerOf(d, v);
  if (radix !== 10 && v instanceof Fixed) n = BigInt.asUintN(Number(v.width.slice(1)), n);
  const negative = n < 0n;
  let digits = integerDigits(negative ? -n : n, radix);
  if (d.flags.includes(',')) digits = grouped(digits);
  const prefix = !d.flags.includes('#') ? '' : radix === 8 ? '0' : '0x';
  return signed(d, negative, prefix, digits);
}

/** %e %f %g: any number (an integer exactly, a ratio as a float). */
function floatText(d: Directive, v: Value): string {
  let dec: Decimal;
  let negative: boolean;
  if (typeof v === 'number' || typeof v === 'bigint' || v instanceof Fixed) {
    const n = integerOf(d, v);
    negative = n < 0n;
    dec = decimalOfInteger(negative ? -n : n);
  } else if (v instanceof Float || v instanceof Ratio) {
    const x = floatOf(v);
    negative = x < 0 || Object.is(x, -0);
    if (x !== x) return 'NaN';
    if (x === Infinity || x === -Infinity) return signed({ ...d, flags: d.flags.replace('0', '') }, negative, '', 'Infinity');
    dec = decimalOfFloat(Math.abs(x));
  } else {
    return wrongKind(d, 'a number', v);
  }
  const conv = d.conv.toLowerCase();
  const precision = d.precision < 0 ? 6 : d.precision;
  const point = d.flags.includes('#') ? '.' : '';
  const group = (whole: string): string => (d.flags.includes(',') ? grouped(whole) : whole);
  const fixedText = ([whole, fraction]: [string, string]): string => group(whole) + (fraction === '' ? point : '.' + fraction);
  const scientificText = ([first, fraction, exponent]: [string, string, number]): string =>
    first + (fraction === '' ? point : '.' + fraction) + 'e' + exponentText(exponent);
  checkText('format', dec.point + precision);
  let magnitude: string;
  if (conv === 'f') magnitude = fixedText(fixed(dec, precision));
  else if (conv === 'e') magnitude = scientificText(scientific(dec, precision));
  else {
    const g = general(dec, precision);
    magnitude = 'fixed' in g ? fixedText(g.fixed) : scientificText(g.scientific);
  }
  return signed(d, negative, '', magnitude);
}

/** %c: a character, or an integer that is a Unicode scalar value. */
function charText(d: Directive, v: Value): string {
  if (v instanceof Char) return String.fromCodePoint(v.code);
  if (v instanceof Fixed) v = Number(v.value);
  if (typeof v === 'number' && v >= 0 && v <= 0x10ffff && !(v >= 0xd800 && v <= 0xdfff)) return String.fromCodePoint(v);
  return typeof v === 'number' ? bad(d.text, `${v} is not a Unicode code point`) : wrongKind(d, 'a character', v);
}

/** `text` cut to the directive's precision, in code points. */
function truncated(d: Directive, text: string): string {
  if (d.precision < 0 || text.length <= d.precision) return text;
  return hasSurrogates(text) ? Array.from(text).slice(0, d.precision).join('') : text.slice(0, d.precision);
}

/** The text of one directive for its argument. */
function render(d: Directive, v: Value, print: (v: Value) => string): string {
  switch (d.conv.toLowerCase()) {
    case 's': return truncated(d, strOf(v, print));
    case 'b': return truncated(d, v === null || v === false ? 'false' : 'true');
    case 'h': return truncated(d, (hash(v) >>> 0).toString(16));
    case 'c': return charText(d, v);
    case 'd': case 'o': case 'x': return integerText(d, v);
    default: return floatText(d, v);
  }
}

/** `(format fmt & args)` */
export function format(fmt: Value, args: Value[]): string {
  if (typeof fmt !== 'string') return typeError('format', 'string', fmt);
  chargeText(fmt.length);
  const print = printerFor('format', true);
  const out: string[] = [];
  let length = 0;
  let next = 0;
  let last = -1;
  let from = 0;
  for (let at = fmt.indexOf('%'); at >= 0; at = fmt.indexOf('%', from)) {
    const d = parseDirective(fmt, at);
    out.push(fmt.slice(from, at));
    from = at + d.text.length;
    let text: string;
    if (d.conv === '%') text = '%';
    else if (d.conv === 'n') text = '\n';
    else {
      const i = d.index === '<' ? last : d.index === null ? next++ : d.index - 1;
      if (i < 0) bad(d.text, `${d.text} takes the argument before it again, but none came before`);
      if (i >= args.length) bad(d.text, `${d.text} has no argument (${args.length} given)`);
      last = i;
      text = render(d, args[i], print);
      if (UPPER_CASE.has(d.conv)) text = text.toUpperCase();
    }
    text = justify(d, text);
    length += text.length;
    checkText('format', length);
    out.push(text);
  }
  out.push(fmt.slice(from));
  const result = out.join('');
  checkText('format', result.length);
  chargeText(result.length);
  return result;
}

export const formatIntrinsics: Intrinsic[] = [
  intrinsic({
    name: 'format', arglists: '([fmt & args])', min: 1, max: Infinity, cost: 4,
    doc: 'Text from the template fmt with each directive replaced by its argument, as Clojure\'s format ' +
      '(Java\'s printf): %[n$][flags][width][.precision]conversion. %s any value as str gives it, %d an ' +
      'integer, %x %X %o hex and octal, %e %f %g a number (%.2f two places), %c a character, %b true or ' +
      'false, %h a hash, %% a percent sign, %n a newline; flags - (left), + (sign), space, 0 (zeros), ' +
      ', (groups), ( (negative in parentheses), # (0x, 0, or always a point). (format "%-5s|%05.1f|%x" ' +
      '"ab" 3.14159 255) is "ab   |003.1|ff". A bad directive, a missing argument or one of the wrong kind ' +
      'is :badarg naming the directive.',
    impl: (fmt, ...args) => format(fmt, args),
  }),
];
