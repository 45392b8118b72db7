/**
 * The numbers of `format` (format.ts): the digits of integers in a radix,
 * and decimals for Java Formatter's %e, %f and %g.
 *
 * A float is formatted as Java formats a double: from the shortest decimal
 * that reads back as it (what the printer shows), rounded half up, so
 * (format "%.1f" 0.15) is "0.2" and (format "%.2f" 0.125) "0.13", where C's
 * printf, rounding the binary value, gives "0.1" and "0.12". An integer is
 * formatted from its exact digits, however big. %g keeps its trailing zeros,
 * as Java's does ((format "%g" 1.0) is "1.00000").
 */
import { MAX_CALL_REDUCTIONS, bigintSize, chargeReductions } from '../../machine/function.js';
import { limit } from './args.js';

/** A non-negative decimal: 0.digits x 10^point, so `point` digits stand before the decimal point. */
export interface Decimal { readonly digits: string; readonly point: number }

const ZERO: Decimal = { digits: '0', point: 1 };

const isZero = (d: Decimal): boolean => /^0*$/.test(d.digits);

/** The shortest decimal of a finite, non-negative double. */
export function decimalOfFloat(x: number): Decimal {
  if (x === 0) return ZERO;
  const [mantissa, exponent] = x.toExponential().split('e');
  return { digits: mantissa.replace('.', ''), point: Number(exponent) + 1 };
}

/** The exact decimal of a non-negative integer. */
export function decimalOfInteger(n: bigint): Decimal {
  const digits = integerDigits(n, 10);
  return digits === '0' ? ZERO : { digits, point: digits.length };
}

const HUGE = 1n << 1023n;

/**
 * The digits of `n` in `radix`, charged by its size as the printer charges
 * (a power-of-two radix is linear, decimal about words x log2(words)^2 / 2.5)
 * and refused with :limit past what one call may cost.
 */
export function integerDigits(n: bigint, radix: 8 | 10 | 16): string {
  if (n < HUGE && n > -HUGE) return n.toString(radix);
  const words = (bigintSize(n) + 63) >>> 6;
  const l = Math.log2(words);
  const cost = radix === 10 ? Math.ceil((words * l * l) / 2.5) : words >>> 1;
  if (cost > MAX_CALL_REDUCTIONS) limit('format', `printing an integer of ${words * 64} bits in base ${radix} is too much work for one call`);
  chargeReductions(cost);
  return n.toString(radix);
}

/** `d` rounded half up to its first `keep` digits (keep may be 0 or less: the value then rounds to 0 or a 1 above it). */
function roundTo(d: Decimal, keep: number): Decimal {
  if (keep >= d.digits.length) return d;
  if (keep < 0) return ZERO;
  const up = d.digits.charCodeAt(keep) >= 53; // '5'
  if (keep === 0) return up ? { digits: '1', point: d.point + 1 } : ZERO;
  const head = d.digits.slice(0, keep);
  if (!up) return { digits: head, point: d.point };
  const bumped = (BigInt(head) + 1n).toString();
  return { digits: bumped, point: d.point + (bumped.length - head.length) };
}

/** Groups an integer part's digits by three with `,`. */
export function grouped(digits: string): string {
  let out = '';
  for (let i = digits.length; i > 0; i -= 3) out = digits.slice(Math.max(0, i - 3), i) + (out === '' ? '' : ',' + out);
  return out;
}

/** The decimal in fixed notation with `places` digits after the point: [integer part, fraction]. */
export function fixed(d: Decimal, places: number): [string, string] {
  const r = roundTo(d, d.point + places);
  if (isZero(r)) return ['0', '0'.repeat(places)];
  const whole = r.point > 0 ? r.digits.slice(0, r.point).padEnd(r.point, '0') : '0';
  const rest = r.point >= 0 ? r.digits.slice(r.point) : '0'.repeat(-r.point) + r.digits;
  return [whole, rest.padEnd(places, '0').slice(0, places)];
}

/** The decimal in scientific notation with `places` digits after the point: [first digit, fraction, exponent]. */
export function scientific(d: Decimal, places: number): [string, string, number] {
  if (isZero(d)) return ['0', '0'.repeat(places), 0];
  const r = roundTo(d, places + 1);
  return [r.digits[0], r.digits.slice(1).padEnd(places, '0').slice(0, places), r.point - 1];
}

/**
 * Java's %g: `precision` significant digits (0 counts as 1), in fixed
 * notation when the rounded value is at least 10^-4 and below
 * 10^precision, else in scientific notation.
 */
export function general(d: Decimal, precision: number): { fixed: [string, string] } | { scientific: [string, string, number] } {
  const p = precision === 0 ? 1 : precision;
  if (isZero(d)) return { fixed: fixed(d, p - 1) };
  const exponent = roundTo(d, p).point - 1;
  if (exponent >= -4 && exponent < p) return { fixed: fixed(d, p - 1 - exponent) };
  return { scientific: scientific(d, p - 1) };
}

/** An exponent as Java writes it: a sign and at least two digits. */
export function exponentText(e: number): string {
  const digits = String(Math.abs(e));
  return (e < 0 ? '-' : '+') + (digits.length < 2 ? '0' + digits : digits);
}
