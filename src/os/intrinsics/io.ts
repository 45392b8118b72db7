/**
 * Console and introspection intrinsics: print, println, pr, prn, pprint, apropos,
 * disassemble (LONALA.md section 10). Output goes through the console
 * capability of the caller's realm to its session's console, if it has
 * one (session-console.ts), else to the system console.
 */
import { Fault, Fn, Keyword, List, Native, Ref, Sym, Tuple, Var, type Value } from '../../machine/index.js';
import { intrinsic, type Intrinsic, typeError, printValue, prettyValue, disassemble, disassemblyText } from '../../lonala/index.js';
import { caller } from './context.js';
import { deviceCap, seesNamespace } from '../authority.js';
import { consoleOf } from '../session-console.js';

/** Output through the console capability of the caller's realm (no console: `:no-capability`). */
function write(text: string): null {
  const p = caller();
  deviceCap(p.realm.cspace, 'print', 'console', 'write');
  consoleOf(p).write(text);
  return null;
}

const CONSOLE_LINE = Keyword.of('console-line');

/**
 * Asks the console for a line of input for the calling process, which gets
 * it as a message `[:console-line ref line]` (line nil at the end of
 * input); returns ref. Needs the console capability with :read.
 */
function requestLine(): Ref {
  const p = caller();
  deviceCap(p.realm.cspace, 'read-line', 'console', 'read');
  const console = consoleOf(p);
  if (console.readLine === undefined) throw new Fault('badarg', { fn: Sym.of('read-line', 'lona.core'), message: 'this console has no input' });
  const ref = new Ref();
  console.readLine((line) => {
    if (p.alive) p.system.signals.deliver(p, new Tuple([CONSOLE_LINE, ref, line]));
  });
  return ref;
}

/** The text of print's arguments; printing that would take more than one call's worth of work is refused (:limit), as by pr-str. */
const show = (readably: boolean) => (args: Value[]) => args.map((a) => printValue(a, { readably, refuseAs: readably ? 'pr' : 'print' })).join(' ');

/** `x` pretty printed to `width` columns; like pr-str, refused (:limit) past one call's worth of work. */
function pretty(fn: string, x: Value, width: Value | undefined): string {
  if (width !== undefined && (typeof width !== 'number' || !Number.isInteger(width) || width < 1)) typeError(fn, 'positive integer', width);
  return prettyValue(x, { refuseAs: fn, width: width ?? 80 });
}

/** The Lonala function `x` (or the var holding it) names; a native has no code to show, and says so. */
function fnOf(fn: string, x: Value): Fn {
  const v = x instanceof Var ? x.root : x;
  if (v instanceof Native) {
    throw new Fault('badarg', { fn: Sym.of(fn, 'lona.core'), value: v, message: `${v.name} is a native (an intrinsic): it runs in the machine itself and has no bytecode to disassemble` });
  }
  return v instanceof Fn ? v : typeError(fn, 'fn', x as Value);
}

export const ioIntrinsics: Intrinsic[] = [
  intrinsic({ name: 'console-request-line', arglists: '([])', min: 0, max: 0, doc: 'Asks the console for a line of input, sent to this process as [:console-line ref line]; returns ref (read-line waits for it).', impl: requestLine }),
  intrinsic({ name: 'print', arglists: '([& xs])', min: 0, max: Infinity, doc: 'Prints values for people, separated by spaces.', impl: (...xs) => write(show(false)(xs)) }),
  intrinsic({ name: 'println', arglists: '([& xs])', min: 0, max: Infinity, doc: 'As print, then a newline.', impl: (...xs) => write(show(false)(xs) + '\n') }),
  intrinsic({ name: 'pr', arglists: '([& xs])', min: 0, max: Infinity, doc: 'Prints values readably, separated by spaces.', impl: (...xs) => write(show(true)(xs)) }),
  intrinsic({ name: 'prn', arglists: '([& xs])', min: 0, max: Infinity, doc: 'As pr, then a newline.', impl: (...xs) => write(show(true)(xs) + '\n') }),
  intrinsic({
    name: 'pprint', arglists: '([x] [x width])', min: 1, max: 2,
    doc: 'Prints x readably, broken into lines to fit width columns (default 80) where its structure allows, then a newline.',
    impl: (x, width) => write(pretty('pprint', x, width) + '\n'),
  }),
  intrinsic({
    name: 'pprint-str', arglists: '([x] [x width])', min: 1, max: 2,
    doc: 'The text pprint would print for x (without the final newline).',
    impl: (x, width) => pretty('pprint-str', x, width),
  }),
  intrinsic({ name: 'newline', arglists: '([])', min: 0, max: 0, doc: 'Prints a newline.', impl: () => write('\n') }),
  intrinsic({
    name: 'apropos', arglists: '([str-or-sym])', min: 1, max: 1, cost: 50,
    doc: 'A list of the qualified names of all vars whose name contains the text.',
    impl: (q) => {
      const text = q instanceof Sym ? q.name : typeof q === 'string' ? q : typeError('apropos', 'string', q);
      const found: Value[] = [];
      const realm = caller().realm;
      for (const ns of caller().system.namespaces.byName.values()) {
        if (!seesNamespace(realm, ns)) continue;
        for (const [n, v] of ns.mappings) if (v.bound && n.includes(text)) found.push(Sym.of(n, ns.name));
      }
      return List.from(found);
    },
  }),
  intrinsic({
    name: 'disassemble-rows', arglists: '([f])', min: 1, max: 1, cost: 10,
    doc: "A function's code as data: a tuple per instruction [offset name operands...].",
    impl: (f) => disassemble(fnOf('disassemble-rows', f).code),
  }),
  intrinsic({
    name: 'disassemble-text', arglists: '([f])', min: 1, max: 1, cost: 10,
    doc: "A function's code as text, one instruction per line (nested fns follow).",
    impl: (f) => {
      const v = f instanceof Var ? f.root : f;
      if (v instanceof Native) return `${v.name} is an intrinsic: it runs in the machine itself and has no bytecode`;
      return disassemblyText(fnOf('disassemble-text', f).code);
    },
  }),
  intrinsic({
    name: 'source-of', arglists: '([var])', min: 1, max: 1, doc: 'The source text of the definition of a var, or nil.',
    impl: (v) => (v instanceof Var ? v.meta?.get(Keyword.of('source')) ?? null : typeError('source-of', 'var', v)),
  }),
];
