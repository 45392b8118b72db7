/**
 * Reading numbers, booleans and UUIDs out of strings, as Clojure 1.11's
 * parse-long, parse-double, parse-boolean and parse-uuid (LONALA.md 11):
 * text that is not one gives nil (check the result, no exception to
 * catch); an argument that is not a string is a type error.
 *
 * Unlike Clojure, parse-long never gives up on size: integers are
 * arbitrary precision, so "99999999999999999999" is that integer. The text
 * is read as the JVM reads it: parse-long takes an optional sign and
 * decimal digits only; parse-double also NaN, Infinity, a trailing
 * f/F/d/D, and spaces or control characters around the number (hex
 * floats are not read: nil). parse-uuid gives the UUID as a lower-case
 * string, the form random-uuid makes.
 */
import { Float, type Value } from '../../machine/index.js';
import { typeError } from './args.js';
import { chargeText } from './charge.js';
import { intrinsic, type Intrinsic } from './registry.js';
import { norm } from './numbers/tower.js';
import { spend } from './numbers/cost.js';

const LONG = /^[+-]?[0-9]+$/;
const DOUBLE = /^[+-]?(?:NaN|Infinity|(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?[fFdD]?)$/;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** The string argument of `fn`, charged by its length. */
function text(fn: string, s: Value): string {
  if (typeof s !== 'string') return typeError(fn, 'string', s);
  chargeText(s.length);
  return s;
}

/** Java's String.trim: characters up to U+0020 off both ends. */
function trimControl(s: string): string {
  let a = 0, b = s.length;
  while (a < b && s.charCodeAt(a) <= 32) a++;
  while (b > a && s.charCodeAt(b - 1) <= 32) b--;
  return s.slice(a, b);
}

function parseLong(s: Value): Value {
  const t = text('parse-long', s);
  if (!LONG.test(t)) return null;
  // Decimal to binary grows about as the square of the digits (300,000 take ~20 ms): past one call's work, :limit.
  if (t.length > 1000) spend('parse-long', (t.length * t.length) / 200_000, `reading an integer of ${t.length} digits`);
  return norm(BigInt(t));
}

function parseDouble(s: Value): Value {
  const t = trimControl(text('parse-double', s));
  if (!DOUBLE.test(t)) return null;
  return new Float(Number(/[fFdD]$/.test(t) && !t.endsWith('Infinity') ? t.slice(0, -1) : t));
}

export const parsingIntrinsics: Intrinsic[] = [
  intrinsic({
    name: 'parse-long', arglists: '([s])', min: 1, max: 1, cost: 2,
    doc: 'The integer written in s (an optional + or -, then decimal digits, nothing else), or nil when s ' +
      'is not one: (parse-long "-42") is -42, (parse-long "4.2") nil. Any size. Not a string: type error.',
    impl: parseLong,
  }),
  intrinsic({
    name: 'parse-double', arglists: '([s])', min: 1, max: 1, cost: 2,
    doc: 'The float written in s ("3.14", "-1e10", ".5", "NaN", "Infinity", spaces around allowed), or nil ' +
      'when s is not one: (parse-double "1.5") is 1.5, (parse-double "abc") nil. Not a string: type error.',
    impl: parseDouble,
  }),
  intrinsic({
    name: 'parse-boolean', arglists: '([s])', min: 1, max: 1,
    doc: 'true for "true", false for "false", nil for any other string. Not a string: type error.',
    impl: (s) => {
      const t = text('parse-boolean', s);
      return t === 'true' ? true : t === 'false' ? false : null;
    },
  }),
  intrinsic({
    name: 'parse-uuid', arglists: '([s])', min: 1, max: 1,
    doc: 'The UUID written in s ("8-4-4-4-12" hex digits) as a lower-case string, as random-uuid makes them, ' +
      'or nil when s is not one. Not a string: type error.',
    impl: (s) => {
      const t = text('parse-uuid', s);
      return UUID.test(t) ? t.toLowerCase() : null;
    },
  }),
];
