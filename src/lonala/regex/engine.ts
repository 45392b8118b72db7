/**
 * The regular-expression engine: re2js (npm `re2js`, MIT, no dependencies),
 * a pure-JavaScript port of RE2/J. Its matching is linear in the text for
 * a given program (a Pike VM, a bit-state backtracker bounded by a visited
 * table, a one-pass matcher), never backtracking without bound as
 * JavaScript's RegExp does, and its syntax has no backreferences or
 * lookaround, the features that need it.
 *
 * Linear in one search is not enough for a machine that preempts by
 * reductions: one search costs up to (text length x program size), and
 * finding every match (re-seq, replace, split) can search the rest of the
 * text again for each one (`a.*b|a` over a text of a's is quadratic, in RE2
 * as in every leftmost-first engine). So the engine reads the text through
 * `MeteredText`, which adds up the work as the engine does it (every
 * character it looks at: `step`, and `context` for \b ^ $; and the text its
 * prefilter's automaton scans for the literals a match needs, a JavaScript
 * loop of about 6 ns a character) and stops the search, by throwing, once
 * the call has used what it may (search.ts says what each costs). A throw
 * leaves re2js sound: the Pike VM or bit-state it took from its pool is
 * simply not given back, and as every search asks for the match's
 * positions re2js never runs its lazy DFA, whose cache a throw could leave
 * half built.
 *
 * re2js reads text through an internal class (MachineUTF16Input) that its
 * API does not export; `Utf16Text` is found once, at load, from the one
 * object re2js hands it to (`executeEngine`), and `MeteredText` extends it.
 * The version is pinned in package.json; tests/lonala/intrinsics/regex.test.ts
 * checks that the work is counted and a search is stopped.
 */
import { RE2JS } from 're2js';

/** The compiled program of one regular expression (re2js's RE2). */
export interface Program {
  /** The positions of the match and its groups (start, end; -1 for a group that took no part), or null. */
  executeEngine(text: EngineText, pos: number, anchor: number, ncap: number): number[] | null;
  numberOfInstructions(): number;
  numberOfCapturingGroups(): number;
  /** Whether the expression is a literal: then without groups re2js finds it with indexOf alone. */
  readonly prefixComplete: boolean;
  match(s: string): boolean;
}

/** What re2js reads text through: a rune and its width at a position, the context of a position, a prefilter's scan. */
interface EngineText {
  step(pos: number): number;
  context(pos: number): number;
  hasAnyString(prefilter: unknown, pos: number): boolean;
}

/** Search anywhere, from the start only, or the whole text (re2js's RE2Flags). */
export const UNANCHORED = 0;
export const ANCHOR_BOTH = 2;

/** A compiled regular expression: its program and the names of its named groups. */
export interface Compiled {
  program: Program;
  groups: number;
  /** Group number by name, for `(?P<name>...)` and `(?<name>...)`. */
  names: Readonly<Record<string, number>>;
}

/** Compiles `source` (RE2 syntax, Perl flavour, Unicode classes); throws re2js's exception when invalid. */
export function compileProgram(source: string): Compiled {
  const re = RE2JS.compile(source);
  const program = re.re2() as unknown as Program;
  return { program, groups: program.numberOfCapturingGroups(), names: re.namedGroups() };
}

type TextClass = new (text: string, start: number, end: number) => EngineText;

/** re2js's MachineUTF16Input, as handed to executeEngine by RE2.match. */
const Utf16Text: TextClass = (() => {
  const program = compileProgram('x').program;
  let found: TextClass | null = null;
  const own = program as unknown as Record<string, unknown>;
  own.executeEngine = (text: object) => {
    found = text.constructor as TextClass;
    return null;
  };
  program.match('x');
  delete own.executeEngine;
  if (found === null) throw new Error('re2js no longer reads text through executeEngine: update src/lonala/regex/engine.ts');
  return found;
})();

/** Thrown by MeteredText when a search has read all it may. */
export const OVER_BUDGET = Symbol('regex search over budget');

/**
 * A text whose reading by the engine is charged as it happens, in
 * sixteenths of a reduction: `readCost` for each character read, 2 for each
 * character the prefilter's automaton scans (charged once for the rest of
 * the text: the scans of one call's searches do not overlap, as each stops
 * at the first literal a match needs). Past `limit` the search is stopped.
 */
export class MeteredText extends Utf16Text {
  work = 0;
  limit = Infinity;
  private scannedTo = 0;

  constructor(readonly text: string, readonly readCost: number) {
    super(text, 0, text.length);
  }

  override step(pos: number): number {
    if ((this.work += this.readCost) > this.limit) throw OVER_BUDGET;
    return super.step(pos);
  }

  override context(pos: number): number {
    if ((this.work += this.readCost) > this.limit) throw OVER_BUDGET;
    return super.context(pos);
  }

  override hasAnyString(prefilter: unknown, pos: number): boolean {
    const from = Math.max(pos, this.scannedTo);
    if (from < this.text.length) {
      this.scannedTo = this.text.length;
      if ((this.work += 2 * (this.text.length - from)) > this.limit) throw OVER_BUDGET;
    }
    return super.hasAnyString(prefilter, pos);
  }
}

/**
 * Whether re2js runs `program` over a text of `length` with its bit-state
 * backtracker rather than its Pike VM (its own rule, Backtracker.shouldBacktrack
 * and maxBitStateLen: at most 500 instructions, and instructions x length
 * at most 262,144). The two cost differently per character read.
 */
export function backtracks(instructions: number, length: number): boolean {
  return instructions <= 500 && length <= Math.floor(262144 / instructions);
}
