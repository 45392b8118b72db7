/**
 * Searching one text with one regular expression for one native call,
 * charged by the work the engine does (engine.ts counts every character it
 * reads) and stopped with `[:error :limit ...]` once the call has cost
 * MAX_CALL_REDUCTIONS (about 100 ms).
 *
 * What a read costs depends on the engine re2js picks (engine.ts
 * `backtracks`), and was measured on the reference machine over a corpus
 * of ordinary and hostile expressions (tests/lonala/intrinsics/regex.test.ts
 * keeps some): its bit-state backtracker takes 10-20 ns a read, its Pike
 * VM 5-15 ns a read per instruction of the program, more when its threads
 * carry many groups. Charged (a reduction is about 50 ns; these come to
 * 15-65 ns a reduction, a whole call of a short text included):
 *
 *   engine        per read                                per search
 *   backtracker   6/16                                    SEARCH_COST + (instructions x length)/2048 (its visited table)
 *   Pike VM       instructions x (8 + groups) / 32        SEARCH_COST
 *   a literal     (found by indexOf, no reads)            SEARCH_COST
 *
 * and for each call a reduction per 64 characters of the text (indexOf
 * finding literal prefixes), and one per 8 its prefilter's automaton
 * scans, if it has one (engine.ts).
 */
import type { Regex } from '../../machine/index.js';
import { MAX_CALL_REDUCTIONS, chargeReductions, extraReductions } from '../../machine/function.js';
import { limit } from '../intrinsics/args.js';
import { chargeText } from '../intrinsics/charge.js';
import { compiledOf } from './compile.js';
import { MeteredText, OVER_BUDGET, UNANCHORED, backtracks, type Compiled } from './engine.js';

/** Reductions of one search besides its reads (a call into the engine, its result). */
const SEARCH_COST = 8;

/** A match: the start and end of the whole match and of each group (-1 for a group that took no part). */
export type Match = readonly number[];

/** The searches of one call of `fn` over `text`. */
export class Search {
  readonly compiled: Compiled;
  private readonly input: MeteredText;
  /** Reductions each search costs besides its reads. */
  private readonly searchCost: number;
  /** The work (in sixteenths of a reduction) already charged. */
  private charged = 0;
  /** extraReductions.n when the call began searching (what it charged before counts against its budget too). */
  private readonly start = extraReductions.n;

  constructor(readonly fn: string, re: Regex, readonly text: string) {
    this.compiled = compiledOf(re);
    const instructions = this.compiled.program.numberOfInstructions();
    let readCost: number;
    if (this.compiled.program.prefixComplete && this.compiled.groups === 0) {
      readCost = 6; // a literal: indexOf, no engine
      this.searchCost = SEARCH_COST;
    } else if (backtracks(instructions, text.length)) {
      readCost = 6;
      this.searchCost = SEARCH_COST + ((instructions * (text.length + 1)) >>> 11);
    } else {
      readCost = Math.ceil((instructions * (8 + this.compiled.groups)) / 2);
      this.searchCost = SEARCH_COST;
    }
    this.input = new MeteredText(text, readCost);
    chargeText(text.length);
  }

  /** The first match at or after `pos` (anchored at both ends with ANCHOR_BOTH), or null. */
  find(pos: number, anchor = UNANCHORED): Match | null {
    const left = MAX_CALL_REDUCTIONS - (extraReductions.n - this.start) - this.searchCost;
    if (left <= 0) this.tooMuch();
    chargeReductions(this.searchCost);
    const input = this.input;
    input.limit = input.work + left * 16;
    try {
      return this.compiled.program.executeEngine(input, pos, anchor, 2 * (this.compiled.groups + 1));
    } catch (e) {
      if (e === OVER_BUDGET) this.tooMuch();
      throw e;
    } finally {
      this.chargeWork();
    }
  }

  /**
   * Every match from the start, as Java's Matcher.find finds them (and so
   * Clojure's re-seq): the next search starts where a match ended, or one
   * character further after an empty match, so "baaac" has the matches of
   * a* "", "aaa", "" and "".
   */
  *matches(): Generator<Match> {
    const n = this.text.length;
    let pos = 0;
    while (pos <= n) {
      const m = this.find(pos);
      if (m === null) return;
      yield m;
      if (m[1] > m[0]) pos = m[1];
      else if (m[1] >= n) return;
      else pos = m[1] + (isPair(this.text, m[1]) ? 2 : 1);
    }
  }

  /** The text of group `g` of match `m` (0 is the whole match), or null when it took no part. */
  group(m: Match, g: number): string | null {
    const s = m[2 * g];
    return s < 0 ? null : this.text.slice(s, m[2 * g + 1]);
  }

  /** Charges the work done since the last charge (a stopped search: what it was allowed). */
  private chargeWork(): void {
    const done = Math.min(this.input.work, this.input.limit);
    const work = done - this.charged;
    this.charged = done;
    if (work > 0) chargeReductions(Math.ceil(work / 16));
  }

  private tooMuch(): never {
    return limit(this.fn, `matching a text of ${this.text.length} characters is too much work for one call (more than ${MAX_CALL_REDUCTIONS} reductions)`);
  }
}

/** Whether a surrogate pair (one character) starts at `i`. */
function isPair(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff) return false;
  const d = s.charCodeAt(i + 1);
  return d >= 0xdc00 && d <= 0xdfff;
}
