/**
 * Number literals (LONALA.md section 1): integers in any base, fixed-width
 * suffixes, floats and ratios, with `_` allowed between digits.
 *
 *   42 -17 +5 42N 1_000_000      integer (JS number when safe, else bigint)
 *   0xFF 0o10 0b1010 -0xFF       prefixed bases, may take N or a fixed suffix
 *   2r1111 36rZZ                 radix 2..36 (no suffix: letters are digits)
 *   42u8 0xFFu32 -50i16          fixed width; out of range is an error
 *   3.14 1e3 1.5e-10 3.14f32     float (f64 is the default)
 *   22/7 -1/2                    ratio in lowest terms; 4/2 reads as 2
 *   0xFF/0x10                    a ratio in a prefixed base (both parts), as
 *                                the printer writes ratios of huge integers
 *
 * The reader calls `parseNumber` on a whole token that starts like a number
 * (a digit, or a sign then a digit); anything malformed is 'invalid-number'.
 *
 * Converting a long literal is charged by its size (machine/function.ts
 * `chargeReductions`), and one too big to convert in about 100 ms is the
 * reader error 'limit': more than 2^21 bits in base 10 or another base that
 * is not a power of two (631,306 decimal digits; the conversion is
 * superlinear), more than 2^24 bits in base 2, 8 or 16 (the most an integer
 * has), or a ratio whose parts both pass 2^15 bits (lowest terms take
 * Euclid's quadratic gcd).
 */
import { Fixed, Float, Ratio, FIXED_WIDTHS, fixedInfo, type FixedWidth, type Value } from '../../machine/index.js';
import { bigintBits, chargeReductions } from '../../machine/function.js';
import { Failure } from './reader-error.js';

/** Most bits of a literal in base 2, 8 or 16: the most an integer has. */
const MAX_POWER2_BITS = 1 << 24;
/** Most bits of a literal in any other base. */
const MAX_CONVERTED_BITS = 1 << 21;
/** Most bits of the smaller part of a ratio literal. */
const MAX_RATIO_BITS = 1 << 15;

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** An integer in machine form: a JS number when safe, else a bigint. */
function normalizeInteger(n: bigint): number | bigint {
  return n >= -MAX_SAFE && n <= MAX_SAFE ? Number(n) : n;
}

/** The value of digit `c` in bases up to 36, or 99 for a non-digit. */
function digitValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 122) return c - 87;
  if (c >= 65 && c <= 90) return c - 55;
  return 99;
}

/** The end of the base-`base` digits at `i` (single `_` between digits allowed), or -1 if there are none. */
function scanDigits(t: string, i: number, base: number): number {
  const start = i;
  const n = t.length;
  while (i < n) {
    const c = t.charCodeAt(i);
    if (digitValue(c) < base) i++;
    else if (c === 95 && i > start && i + 1 < n && digitValue(t.charCodeAt(i + 1)) < base) i++;
    else break;
  }
  return i === start ? -1 : i;
}

/** The bigint value of `digits` (no sign, no underscores) in `base`. */
function toBigInt(digits: string, base: number): bigint {
  switch (base) {
    case 10: return BigInt(digits);
    case 16: return BigInt('0x' + digits);
    case 8: return BigInt('0o' + digits);
    case 2: return BigInt('0b' + digits);
  }
  if (digits.length <= 10) return BigInt(parseInt(digits, base)); // 36^10 < 2^53
  // Divide and conquer keeps long literals in odd bases subquadratic.
  const half = digits.length >> 1;
  const high = toBigInt(digits.slice(0, half), base);
  return high * BigInt(base) ** BigInt(digits.length - half) + toBigInt(digits.slice(half), base);
}

/**
 * The signed integer value of `t[start, end)` in `base`, charged by size;
 * throws a 'limit' Failure (returned by parseNumber) when it is too big.
 */
function integerValue(t: string, start: number, end: number, base: number, negative: boolean): bigint {
  let digits = t.slice(start, end);
  if (digits.includes('_')) digits = digits.replaceAll('_', '');
  if (digits.length > 15) chargeConversion(digits.length, base);
  const v = toBigInt(digits, base);
  return negative ? -v : v;
}

/** Where parseNumber is reading (for the offset of a 'limit' Failure). */
let tokenOffset = 0;

function chargeConversion(digits: number, base: number): void {
  const bits = Math.ceil(digits * Math.log2(base));
  const power2 = base === 2 || base === 8 || base === 16;
  const max = power2 ? MAX_POWER2_BITS : MAX_CONVERTED_BITS;
  if (bits > max) {
    throw new Failure('limit', `number literal of ${digits} digits (about ${bits} bits) is too big to read: at most ${max} bits in base ${base}${power2 ? '' : '; write it in hexadecimal'}`, tokenOffset);
  }
  const words = (bits + 63) >>> 6;
  const l = words > 2 ? Math.log2(words) : 1;
  // Linear in base 2^k; about words x log2(words)^2 / 6 reductions otherwise (2^20 bits: 24 ms).
  chargeReductions(power2 ? words >>> 3 : Math.ceil((words * l * l) / 6));
}

const invalid = (t: string, offset: number, why: string): Failure =>
  new Failure('invalid-number', `invalid number ${t}: ${why}`, offset);

/** Parses the number token `t` found at source offset `offset`. */
export function parseNumber(t: string, offset: number): Value | Failure {
  tokenOffset = offset;
  try {
    return parseToken(t, offset);
  } catch (e) {
    if (e instanceof Failure) return e;
    throw e;
  }
}

function parseToken(t: string, offset: number): Value | Failure {
  const negative = t.charCodeAt(0) === 45;
  const start = negative || t.charCodeAt(0) === 43 ? 1 : 0;
  if (t.charCodeAt(start) === 48 && start + 1 < t.length) {
    const base = prefixBase(t.charCodeAt(start + 1));
    if (base !== 0) {
      const end = scanDigits(t, start + 2, base);
      if (end < 0) return invalid(t, offset, `expected base-${base} digits after the prefix`);
      return integerWithSuffix(t, offset, start + 2, end, base, negative);
    }
  }
  const end = scanDigits(t, start, 10);
  if (end < 0) return invalid(t, offset, 'expected digits');
  if (end === t.length) return smallDecimal(t, start, negative) ?? normalizeInteger(integerValue(t, start, end, 10, negative));
  switch (t.charCodeAt(end)) {
    case 114: return radixInteger(t, offset, start, end, negative); // r
    case 47: return ratio(t, offset, start, end, negative); // /
    case 46: case 101: case 69: return float(t, offset, end); // . e E
  }
  return integerWithSuffix(t, offset, start, end, 10, negative);
}

function prefixBase(c: number): number {
  return c === 120 ? 16 : c === 111 ? 8 : c === 98 ? 2 : 0; // x o b
}

/** The fast path for short plain decimal integers; undefined when it does not apply. */
function smallDecimal(t: string, start: number, negative: boolean): number | undefined {
  if (t.length - start > 15) return undefined;
  let v = 0;
  for (let i = start; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c === 95) return undefined;
    v = v * 10 + (c - 48);
  }
  return negative ? (v === 0 ? 0 : -v) : v;
}

/** An integer followed by nothing, `N`, a fixed-width suffix or (decimal only) `f32`/`f64`. */
function integerWithSuffix(t: string, offset: number, start: number, end: number, base: number, negative: boolean): Value | Failure {
  const suffix = t.slice(end);
  if (suffix === '' || suffix === 'N') return normalizeInteger(integerValue(t, start, end, base, negative));
  if (base !== 10 && suffix.charCodeAt(0) === 47) return prefixedRatio(t, offset, start, end, base, negative); // /
  if ((FIXED_WIDTHS as readonly string[]).includes(suffix)) {
    return fixed(t, offset, suffix as FixedWidth, integerValue(t, start, end, base, negative));
  }
  if (base === 10 && (suffix === 'f32' || suffix === 'f64')) return float(t, offset, end);
  return invalid(t, offset, `unexpected ${JSON.stringify(suffix)}`);
}

/** A fixed-width integer; the literal must fit the width's range. */
function fixed(t: string, offset: number, width: FixedWidth, v: bigint): Value | Failure {
  const { bits, signed } = fixedInfo(width);
  const min = signed ? -(1n << BigInt(bits - 1)) : 0n;
  const max = signed ? (1n << BigInt(bits - 1)) - 1n : (1n << BigInt(bits)) - 1n;
  if (v < min || v > max) return invalid(t, offset, `out of range for ${width} (${min}..${max})`);
  return Fixed.of(width, v);
}

/** `NrDIGITS`: an integer in radix N (2..36). */
function radixInteger(t: string, offset: number, start: number, end: number, negative: boolean): Value | Failure {
  const radixText = t.slice(start, end);
  const radix = radixText.includes('_') ? 0 : Number(radixText);
  if (!(radix >= 2 && radix <= 36)) {
    return new Failure('invalid-radix', `invalid radix ${radixText} in ${t}: the radix must be 2..36`, offset);
  }
  const digitsEnd = scanDigits(t, end + 1, radix);
  if (digitsEnd !== t.length) return invalid(t, offset, `expected base-${radix} digits after ${radixText}r`);
  return normalizeInteger(integerValue(t, end + 1, digitsEnd, radix, negative));
}

/** `NUM/DEN`, normalised to lowest terms (an integer when the denominator divides). */
function ratio(t: string, offset: number, start: number, end: number, negative: boolean): Value | Failure {
  const denEnd = scanDigits(t, end + 1, 10);
  if (denEnd !== t.length) return invalid(t, offset, 'expected digits after /');
  return lowestTerms(t, offset, integerValue(t, start, end, 10, negative), integerValue(t, end + 1, denEnd, 10, false));
}

/** `0xNUM/0xDEN` (any prefixed base for each part). */
function prefixedRatio(t: string, offset: number, start: number, end: number, base: number, negative: boolean): Value | Failure {
  const p = end + 1;
  const denBase = t.charCodeAt(p) === 48 ? prefixBase(t.charCodeAt(p + 1)) : 0;
  const denEnd = denBase === 0 ? -1 : scanDigits(t, p + 2, denBase);
  if (denEnd !== t.length) return invalid(t, offset, 'expected a prefixed denominator (0x, 0o or 0b) after /');
  return lowestTerms(t, offset, integerValue(t, start, end, base, negative), integerValue(t, p + 2, denEnd, denBase, false));
}

/** num/den in lowest terms: an integer when den divides num. */
function lowestTerms(t: string, offset: number, num: bigint, den: bigint): Value | Failure {
  if (den === 0n) return invalid(t, offset, 'zero denominator');
  let a = num < 0n ? -num : num, b = den;
  const small = a < b ? a : b;
  if (small >= 1n << 64n) {
    // Euclid's algorithm is quadratic: about 7.5 w^2 reductions for w-word parts (2^15 bits: 33 ms).
    const bits = bigintBits(small);
    if (bits > MAX_RATIO_BITS) {
      return new Failure('limit', `ratio literal with parts of ${bits} bits is too big to bring to lowest terms: at most ${MAX_RATIO_BITS} bits for the smaller part`, offset);
    }
    const w = (bits + 63) >>> 6;
    chargeReductions(Math.ceil(7.5 * w * w));
  }
  while (b !== 0n) [a, b] = [b, a % b];
  if (a > 1n) {
    num /= a;
    den /= a;
  }
  return den === 1n ? normalizeInteger(num) : new Ratio(num, den);
}

/** Digits, optional `.digits`, optional exponent, optional `f32`/`f64`, from the integer part's end `i`. */
function float(t: string, offset: number, i: number): Value | Failure {
  if (t.charCodeAt(i) === 46) {
    const fracEnd = scanDigits(t, i + 1, 10);
    i = fracEnd < 0 ? i + 1 : fracEnd;
  }
  const e = t.charCodeAt(i);
  if (e === 101 || e === 69) {
    let j = i + 1;
    const sign = t.charCodeAt(j);
    if (sign === 43 || sign === 45) j++;
    const expEnd = scanDigits(t, j, 10);
    if (expEnd < 0) return invalid(t, offset, 'expected exponent digits');
    i = expEnd;
  }
  const suffix = t.slice(i);
  if (suffix !== '' && suffix !== 'f32' && suffix !== 'f64') return invalid(t, offset, `unexpected ${JSON.stringify(suffix)}`);
  let text = t.slice(0, i);
  if (text.includes('_')) text = text.replaceAll('_', '');
  const v = Number(text);
  return suffix === 'f32' ? new Float(Math.fround(v), true) : new Float(v);
}
