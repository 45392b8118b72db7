/**
 * `npm run conformance` / `lona conformance [file]`: runs the outside
 * conformance corpus (../shared/conformance/lona-spec.json, see its README)
 * and prints pass/fail per document, a total, and the list of failures.
 *
 * Each block runs in a fresh system; steps run in document order; a value
 * assertion passes when the printed result equals the expected text, or
 * when both read to equal values; an error assertion passes when reading,
 * compiling or evaluating fails (with the expected kind, when given).
 * Expected text that is an expression rather than a literal (the corpus
 * README lists `(self-realm)` and `[p :test-exit]`, naming a bound `p`) is,
 * failing the above, evaluated in the block's session and compared by
 * value. Free names the README says the host provides get fixtures
 * (FIXTURES). Expected values the corpus's own diagnostics flag as
 * placeholders (`#realm-id<...>`, `[<realm-id> <local-id>]`, `N`) match
 * as patterns. No entry is special-cased: the corpus measures the language.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { printValue, readOne } from '../lonala/index.js';
import { List, Sym, Tuple, Vector, equals, type Value } from '../machine/index.js';
import { System, Session, TEST_REDUCTION_LIMIT, describeOutcome, type FormOutcome } from '../os/index.js';
import { kindOf, valueMatches } from './matching.js';

interface Step { form: string; expect: null | { value?: string; error?: boolean; kind?: string | null }; tags: string[]; line: number; todo?: boolean }
interface Block { id: string; doc: string; section: string; blockTags: string[]; steps: Step[] }
interface Corpus { blocks: Block[]; diagnostics?: { doc: string; line: number; code: string }[] }

export type Verdict = 'pass' | 'fail' | 'kind-differs';
export interface StepResult { block: string; doc: string; line: number; form: string; expected: string; actual: string; verdict: Verdict; todo: boolean }

const DEFAULT_CORPUS = ['../shared/conformance/lona-spec.json', '../../shared/conformance/lona-spec.json'];
const ARCH = 'x86_64';
const OTHER_ARCHES = ['aarch64', 'x86_64'].filter((a) => a !== ARCH);
/**
 * Host fixtures: free names the corpus README says the host provides
 * ("my-worker in lona.process.md"), defined before each block.
 */
const FIXTURES = '(defn my-worker [] (receive :stop :ok :after 60000 :idle))';

/** Runs one block in a fresh system; one result per assertion. */
export function runBlock(block: Block, placeholders: ReadonlySet<string> = new Set()): StepResult[] {
  const output: string[] = [];
  const system = System.boot({ write: (t) => void output.push(t) });
  const session = new Session(system);
  session.reductionLimit = TEST_REDUCTION_LIMIT;
  session.evalTextSync(FIXTURES);
  const results: StepResult[] = [];
  let setupFailed: string | null = null;
  for (const step of block.steps) {
    if ([...block.blockTags, ...step.tags].some((t) => OTHER_ARCHES.includes(t))) continue;
    const { outcomes } = session.evalTextSync(step.form);
    const o: FormOutcome = outcomes.length > 0 ? outcomes[outcomes.length - 1] : { kind: 'value', value: null };
    if (step.expect === null) {
      if (o.kind !== 'value' && setupFailed === null) setupFailed = describeOutcome(o);
      continue;
    }
    const todo = step.todo === true;
    const base = { block: block.id, doc: block.doc, line: step.line, form: step.form, todo };
    const actual = o.kind === 'value' ? printValue(o.value) : describeOutcome(o);
    if (setupFailed !== null) {
      results.push({ ...base, expected: step.expect.value ?? 'ERROR', actual: `setup failed: ${setupFailed}`, verdict: 'fail' });
    } else if (step.expect.error === true) {
      const want = step.expect.kind?.replace(/^:/, '') ?? null;
      const verdict: Verdict = o.kind === 'value' ? 'fail' : want === null || kindOf(o) === want ? 'pass' : 'kind-differs';
      results.push({ ...base, expected: `ERROR ${step.expect.kind ?? ''}`.trim(), actual, verdict });
    } else {
      const expected = step.expect.value as string;
      const matches = o.kind === 'value' && (valueMatches(expected, actual, false) || expressionMatches(session, expected, o.value)
        || (placeholders.has(`${block.doc}:${step.line}`) && placeholderMatches(expected, actual)));
      results.push({ ...base, expected, actual, verdict: matches ? 'pass' : 'fail' });
    }
  }
  return results;
}

/** Whether `expected`, read as a non-literal form (naming a var, or a call) and evaluated, equals `value`. */
function expressionMatches(session: Session, expected: string, value: Value): boolean {
  const r = readOne(expected);
  if (!('form' in r) || !mentionsSymbol(r.form)) return false;
  const o = session.evalValueSync(r.form, expected, null);
  return o.kind === 'value' && equals(o.value, value);
}

function mentionsSymbol(v: Value): boolean {
  if (v instanceof Sym) return true;
  if (v instanceof List) return v.size > 0;
  return v instanceof Tuple ? v.items.some(mentionsSymbol) : v instanceof Vector ? v.toArray().some(mentionsSymbol) : false;
}

/**
 * Whether `actual` fits an expected text with placeholders: `...` stands
 * for any text, `<name>` for one printed token, a bare `N` for an integer.
 */
function placeholderMatches(expected: string, actual: string): boolean {
  const pattern = expected.split(/(\.\.\.|<[a-z-]+>|\bN\b)/).map((part) =>
    part === '...' ? '.*' : /^<[a-z-]+>$/.test(part) ? '[^\\s\\])}]+' : part === 'N' ? '-?\\d+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('');
  return new RegExp(`^${pattern}$`).test(actual);
}

/** Loads the corpus (or null when it is absent) and runs every block. */
export function runCorpus(path: string): StepResult[] {
  const corpus = JSON.parse(readFileSync(path, 'utf8')) as Corpus;
  const placeholders = new Set((corpus.diagnostics ?? []).filter((d) => d.code === 'placeholder').map((d) => `${d.doc}:${d.line}`));
  return corpus.blocks.flatMap((b) => runBlock(b, placeholders));
}

function pct(n: number, d: number): string {
  return d === 0 ? '-' : `${((100 * n) / d).toFixed(1)}%`;
}

export function runConformance(args: string[]): number {
  const explicit = args.find((a) => !a.startsWith('--'));
  if (explicit !== undefined && !existsSync(explicit)) {
    console.error(`conformance corpus ${explicit} not found`);
    return 1;
  }
  const path = explicit ?? DEFAULT_CORPUS.map((p) => resolve(p)).find((p) => existsSync(p));
  if (path === undefined) {
    console.log(`conformance corpus not found (looked for ${DEFAULT_CORPUS.join(', ')}); skipped`);
    return 0;
  }
  const results = runCorpus(path);
  const docs = [...new Set(results.map((r) => r.doc))].sort();
  console.log(`Lonala conformance: ${path}\n`);
  console.log(`${'document'.padEnd(22)} ${'pass'.padStart(5)} ${'total'.padStart(6)} ${'rate'.padStart(7)}   (todo-tagged: pass/total)`);
  for (const d of docs) {
    const rs = results.filter((r) => r.doc === d);
    const pass = rs.filter((r) => r.verdict === 'pass').length;
    const todo = rs.filter((r) => r.todo);
    const todoPass = todo.filter((r) => r.verdict === 'pass').length;
    console.log(`${d.padEnd(22)} ${String(pass).padStart(5)} ${String(rs.length).padStart(6)} ${pct(pass, rs.length).padStart(7)}   (${todoPass}/${todo.length})`);
  }
  const pass = results.filter((r) => r.verdict === 'pass').length;
  const kindDiffers = results.filter((r) => r.verdict === 'kind-differs').length;
  console.log(`${'TOTAL'.padEnd(22)} ${String(pass).padStart(5)} ${String(results.length).padStart(6)} ${pct(pass, results.length).padStart(7)}`);
  // The corpus's README: a todo-tagged assertion is one its reference did not pass yet, so a failure
  // there is expected; the assertions it settles are the untagged ones, counted apart.
  const settled = results.filter((r) => !r.todo);
  const settledPass = settled.filter((r) => r.verdict === 'pass').length;
  console.log(`${'not todo-tagged'.padEnd(22)} ${String(settledPass).padStart(5)} ${String(settled.length).padStart(6)} ${pct(settledPass, settled.length).padStart(7)}`);
  console.log(`(error raised with a different kind: ${kindDiffers})\n`);
  if (!args.includes('--quiet')) {
    console.log('Failures:');
    for (const r of results.filter((x) => x.verdict !== 'pass')) {
      const form = r.form.replace(/\s*\n\s*/g, ' ');
      console.log(`  ${r.block} line ${r.line}${r.todo ? ' [todo]' : ''}: ${form}\n      expected ${r.expected}\n      got      ${r.actual}${r.verdict === 'kind-differs' ? '  (kind differs)' : ''}`);
    }
  }
  return 0;
}

