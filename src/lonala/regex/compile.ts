/**
 * Making a regular expression value (machine `Regex`) from its source: the
 * reader's `#"..."` and `re-pattern` both come here.
 *
 * The syntax is RE2's (Perl flavour): classes, `\d \w \s \b`, Unicode
 * classes `\pL`, counted repetition up to 1000, lazy quantifiers, non-capturing
 * `(?:...)` and named `(?P<name>...)` groups, flags `(?i) (?m) (?s) (?U)`.
 * Backreferences, lookahead, lookbehind, atomic groups and conditionals
 * would need backtracking, so they are refused with a message that says so.
 *
 * Compiling is charged by the program's size (about a microsecond an
 * instruction), and a source whose program would be too big for one call
 * (program-bound.ts) is refused before it is compiled.
 */
import { Regex } from '../../machine/index.js';
import { chargeReductions } from '../../machine/function.js';
import { compileProgram, type Compiled } from './engine.js';
import { programBound } from './program-bound.js';

/** The longest source accepted (compiling reads it in about 1 µs a character). */
export const MAX_SOURCE = 25_000;

/** The biggest program accepted, in instructions (compiling takes 1-2 µs each). */
export const MAX_PROGRAM = 25_000;

/**
 * The most instructions x (groups + 1) accepted: each of the Pike VM's
 * threads carries every group's position, so this bounds its memory (two
 * queues of 4-byte slots: 32 MiB) and the cost of one step.
 */
export const MAX_CAPTURE_SLOTS = 1 << 22;

/** Reductions a compile costs per instruction of its program and per character of its source. */
const PER_INSTRUCTION = 30;
const PER_CHARACTER = 15;

/** Why a source is not a regular expression: a kind (`invalid` or `limit`) and a message. */
export class RegexError {
  constructor(readonly kind: 'invalid' | 'limit', readonly message: string) {}
}

/**
 * The regular expression of `source`, or why not. The value's source is
 * `source` with any `"` not escaped written `\"` (the same expression), so
 * that it prints as `#"..."` text the reader reads back.
 */
export function makeRegex(source: string): Regex | RegexError {
  if (source.length > MAX_SOURCE) {
    return new RegexError('limit', `the expression has ${source.length} characters, more than ${MAX_SOURCE}`);
  }
  const bound = programBound(source);
  if (bound > MAX_PROGRAM) {
    return new RegexError('limit', `the expression would compile to more than ${MAX_PROGRAM} instructions (repetitions multiply: {1000} copies what it repeats a thousand times)`);
  }
  const text = printable(source);
  let compiled: Compiled;
  try {
    compiled = compileProgram(text);
  } catch (e) {
    chargeReductions(PER_CHARACTER * source.length);
    return new RegexError('invalid', explain(e instanceof Error ? e.message : String(e)));
  }
  const instructions = compiled.program.numberOfInstructions();
  chargeReductions(PER_INSTRUCTION * instructions + PER_CHARACTER * source.length);
  if (instructions > MAX_PROGRAM) {
    return new RegexError('limit', `the expression compiles to ${instructions} instructions, more than ${MAX_PROGRAM}`);
  }
  if (instructions * (compiled.groups + 1) > MAX_CAPTURE_SLOTS) {
    return new RegexError('limit', `the expression has ${compiled.groups} groups in a program of ${instructions} instructions: too many to track (use (?:...) for groups you do not need)`);
  }
  return new Regex(text, compiled, 200 + 2 * text.length + 48 * instructions + 16 * compiled.groups);
}

/** The compiled form of a regular expression value. */
export function compiledOf(re: Regex): Compiled {
  return re.program as Compiled;
}

const LINEAR = "Lonala's regular expressions are RE2's, which match in time linear in the text";

/** RE2's message, with the features it refuses because they need backtracking named as such. */
function explain(message: string): string {
  const m = message.replace(/^error parsing regexp: /, '');
  if (/^invalid escape sequence: `\\[1-9]/.test(m)) return `backreferences such as \\1 are not supported: ${LINEAR} and have no backreferences`;
  if (/^invalid escape sequence: `\\k/.test(m) || m.includes('`(?P=')) return `named backreferences are not supported: ${LINEAR} and have no backreferences`;
  if (/`\(\?[=!]/.test(m)) return `lookahead (?=...) and (?!...) is not supported: ${LINEAR} and have no lookaround`;
  if (/`\(\?<[=!]/.test(m)) return `lookbehind (?<=...) and (?<!...) is not supported: ${LINEAR} and have no lookaround`;
  if (m.includes('`(?>')) return `atomic groups (?>...) are not supported: ${LINEAR}; a plain group (?:...) never backtracks`;
  if (m.includes('`(?(')) return `conditionals (?(...)...) are not supported: ${LINEAR}`;
  if (/^invalid nested repetition operator: `[*+?}]\+/.test(m)) return `possessive quantifiers such as a++ are not supported (${m}): ${LINEAR}, so a plain a+ never backtracks`;
  return m;
}

/** `source` with each `"` that is not escaped written `\"` (inside \Q...\E: `\E\"\Q`). */
function printable(source: string): string {
  if (!source.includes('"')) return source;
  let out = '';
  let quoted = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (quoted) {
      if (c === '\\' && source[i + 1] === 'E') {
        quoted = false;
        out += '\\E';
        i++;
      } else out += c === '"' ? '\\E\\"\\Q' : c;
    } else if (c === '\\') {
      if (source[i + 1] === 'Q') quoted = true;
      out += c + (source[i + 1] ?? '');
      i++;
    } else out += c === '"' ? '\\"' : c;
  }
  return out;
}
