/**
 * The compiler (src/lonala/compiler/): compile errors as data with kind,
 * line and column; the emitter's peephole fusions (LOCAL_INT, *_JUMP,
 * ADD_LI/SUB_LI); every pattern kind of `match`; and a top-level `do`
 * whose macro definition is usable by its next form.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { CodeObject, Fn, INSTRUCTIONS, Keyword, Op, Tuple, Var, instructionSize } from '../../src/machine/index.js';
import { compileTopLevel, type CodeObjectResult } from '../../src/lonala/compiler/index.js';
import { SourceError } from '../../src/lonala/index.js';
import { readAll } from '../../src/lonala/reader/index.js';
import { disassemble } from '../../src/lonala/disassembler.js';
import { Session } from '../../src/os/session.js';
import { bootFromSource, evalOk, fnNamed, show } from '../helpers/lona.js';

let session: Session;

beforeAll(() => {
  session = new Session(bootFromSource());
});

/** Compiles the first form of `source` as if read from file `c.lona`. */
function compile(source: string): CodeObjectResult {
  const { forms, error } = readAll(source, session.readOptions('c.lona'));
  expect(error).toBeNull();
  const f = forms[0];
  return compileTopLevel(f.form, session.compileEnv(source, 'c.lona', f.line, f.column));
}

function compileError(source: string): SourceError {
  const r = compile(source);
  expect(r.error, `${source} should not compile`).toBeInstanceOf(SourceError);
  return r.error as SourceError;
}

/** The instruction names of a function's code, in order. */
function opNames(code: CodeObject): string[] {
  return disassemble(code).toArray().map((row) => ((row as Tuple).items[1] as Keyword).name);
}

/** Every code object reachable from `code` through its constants. */
function allCode(code: CodeObject, out: CodeObject[] = []): CodeObject[] {
  out.push(code);
  for (const c of code.consts) if (c instanceof CodeObject) allCode(c, out);
  return out;
}

describe('compile errors are data', () => {
  it('(def 42 1) is a :syntax-error at the form', () => {
    const e = compileError('\n\n  (def 42 1)');
    expect([e.kind, e.line, e.column, e.file]).toEqual(['syntax-error', 3, 3, 'c.lona']);
    expect(e.message).toMatch(/def/);
  });

  it('fn* with a pattern parameter is a :syntax-error at the parameter tuple', () => {
    const e = compileError('(do 1\n (fn* [x [a b]] x))');
    expect([e.kind, e.line, e.column]).toEqual(['syntax-error', 2, 7]);
  });

  it('a match clause without a body is a :syntax-error at the match', () => {
    const e = compileError('(match 1\n  1 :one\n  2)');
    expect([e.kind, e.line, e.column]).toEqual(['syntax-error', 1, 1]);
    expect(e.message).toMatch(/body/);
  });

  it('other malformed special forms and unknown natives fail the same way, never throwing', () => {
    const cases: [string, string][] = [
      ['(quote)', 'syntax-error'], ['(var 1)', 'syntax-error'], ['(fn* [a &] a)', 'syntax-error'],
      ['(match [1] [a & b c] a)', 'syntax-error'], ['(match 1 lona.core/x 1)', 'syntax-error'],
      ['(no.such.ns/f 1)', 'syntax-error'], ['(def ^:native no-such-intrinsic)', 'unknown-intrinsic'],
    ];
    for (const [source, kind] of cases) {
      const e = compileError(source);
      expect([source, e.kind, e.line, e.column]).toEqual([source, kind, 1, expect.any(Number)]);
    }
  });

  it('a failing macro is a compile error carrying the exit reason', () => {
    const e = compileError('(loop [a] a)');
    expect(e.message).toMatch(/lona.core\/loop/);
    expect(e.reason).toBeInstanceOf(Tuple);
  });
});

describe('peephole fusions', () => {
  it('(defn f [n] (if (< n 2) n (- n 1))) uses CMP_LI_JUMP and SUB_LI and still computes f', () => {
    evalOk(session, '(defn f [n] (if (< n 2) n (- n 1)))');
    const names = opNames(fnNamed(session, 'f').code);
    expect(names).toEqual(expect.arrayContaining(['CMP_LI_JUMP', 'JUMP_IF_FALSE', 'SUB_LI']));
    expect(names).not.toContain('LT');
    expect(show(session, '(map f [0 1 2 10 -5])')).toBe('(0 1 1 9 -5)');
  });

  it('(if (< a b) ...) on two slots uses LOCAL2 and LT_JUMP; (< n 2) as a value uses CMP_LI', () => {
    evalOk(session, '(defn lt2 [a b] (if (< a b) :lt :ge))');
    expect(opNames(fnNamed(session, 'lt2').code)).toEqual(expect.arrayContaining(['LOCAL2', 'LT_JUMP']));
    expect(show(session, '[(lt2 1 2) (lt2 2 1)]')).toBe('[:lt :ge]');
    evalOk(session, '(defn small? [n] (< n 2))');
    expect(opNames(fnNamed(session, 'small?').code)).toContain('CMP_LI');
    expect(show(session, '[(small? 1) (small? 5) (small? 1.5)]')).toBe('[true false true]');
  });

  it('fuses (+ n 1) into ADD_LI, keeping the guarded var and intrinsic as operands', () => {
    evalOk(session, '(defn inc1 [n] (+ n 1))');
    const rows = disassemble(fnNamed(session, 'inc1').code).toArray() as Tuple[];
    const add = rows.find((r) => (r.items[1] as Keyword).name === 'ADD_LI');
    expect(add).toBeDefined();
    const [, , v, native, slot, n] = add!.items;
    expect(v).toBeInstanceOf(Var);
    expect((v as Var).qualifiedName).toBe('lona.core/+');
    expect(native).toBe(session.system.core.lookup('+')!.root);
    expect([slot, n]).toEqual([0, 1]);
    expect(show(session, '[(inc1 41) (inc1 9007199254740991)]')).toBe('[42 9007199254740992]');
  });

  it('emits each *_JUMP directly before a JUMP_IF_FALSE, in every function of lona.core', () => {
    const jumps = new Set([Op.LT_JUMP, Op.GT_JUMP, Op.LE_JUMP, Op.GE_JUMP, Op.EQ_JUMP]);
    let checked = 0;
    for (const v of session.system.core.mappings.values()) {
      if (!(v.root instanceof Fn)) continue;
      for (const code of allCode(v.root.code)) {
        const words = code.code;
        for (let pc = 0; pc < words.length; pc += instructionSize(words[pc] as Op)) {
          if (!jumps.has(words[pc] as Op)) continue;
          checked++;
          expect(words[pc + 3], `${code.name} at ${pc}`).toBe(Op.JUMP_IF_FALSE);
        }
      }
    }
    expect(checked).toBeGreaterThan(0);
  });
});

describe('match', () => {
  beforeAll(() => {
    evalOk(session, `
      (defn classify [v]
        (match v
          nil :nil  42 :forty-two  :k :keyword  "s" :string  \\a :char
          [x x] [:same-pair x]  [a b] [:pair a b]  [h & t] [:tuple-rest h t]
          {a b c} [:vec3 a b c]  {} :empty-vec
          (quote (lit 1)) :quoted-list  (a b) [:list2 a b]  (h & t) [:list-rest h t]
          %{:name n :age a} [:person n a]
          #{1 2} :set-1-2
          #bytes[0x89 & rest] [:png rest]
          #bits[v:4 ihl:4 & _] [:ip v ihl]
          (pid r l) [:pid l]
          n when (> n 100) [:big n]
          _ :other))`);
  });

  it('compiles every pattern kind to its test instruction', () => {
    const names = new Set(opNames(fnNamed(session, 'classify').code));
    for (const op of ['TEST_EQUAL', 'TEST_SAME_LOCAL', 'TEST_TUPLE', 'TEST_TUPLE_MIN', 'TEST_VECTOR', 'TEST_LIST',
      'TEST_LIST_MIN', 'TEST_MAP', 'MAP_VALUE', 'TEST_SET', 'SET_OTHERS', 'MATCH_BINARY', 'TEST_PID', 'PID_PARTS',
      'ELEMENT', 'REST', 'GUARD_BEGIN', 'GUARD_END', 'BADMATCH']) {
      expect(names, op).toContain(op);
    }
  });

  it('picks the first matching clause for each kind of value', () => {
    const cases: [string, string][] = [
      ['nil', ':nil'], ['42', ':forty-two'], [':k', ':keyword'], ['"s"', ':string'], ['\\a', ':char'],
      ['[1 1]', '[:same-pair 1]'], ['[1 2]', '[:pair 1 2]'], ['[1 2 3]', '[:tuple-rest 1 (2 3)]'],
      ['{1 2 3}', '[:vec3 1 2 3]'], ['{}', ':empty-vec'], ["'(lit 1)", ':quoted-list'],
      ['(list 1 2)', '[:list2 1 2]'], ['(list 1 2 3)', '[:list-rest 1 (2 3)]'],
      ['%{:name "x" :age 3 :extra 0}', '[:person "x" 3]'], ['#{2 1}', ':set-1-2'],
      ['#bytes[0x89 1 2]', '[:png #bytes[0x01 0x02]]'], ['#bytes[0x45 0]', '[:ip 4 5]'],
      ['500', '[:big 500]'], ['7', ':other'], ['[]', ':other'], ['%{:name "x"}', ':other'], ['#{1 3}', ':other'],
    ];
    for (const [input, want] of cases) expect([input, show(session, `(classify ${input})`)]).toEqual([input, want]);
    expect(show(session, '(match (classify (self)) [:pid l] (integer? l))')).toBe('true');
  });

  it('binds nested patterns and repeated names, and faults :badmatch when nothing matches', () => {
    expect(show(session, '(match [1 [2 %{:k [3 4]}]] [a [b %{:k [c d]}]] (+ a b c d))')).toBe('10');
    expect(show(session, '(match [1 [2]] [x [x]] :same _ :different)')).toBe(':different');
    expect(show(session, '(match 3 1 :one 2 :two)')).toBe('** exit [:error :badmatch %{:value 3}]');
  });
});

describe('top-level do', () => {
  it('lets a macro defined by one form be used by the next', () => {
    expect(show(session, "(do (defmacro twice [x] (list 'do x x)) (twice 5))")).toBe('5');
    expect(show(session, "(do (do (defmacro q1 [x] (list 'quote x))) (q1 (not evaluated)))")).toBe('(not evaluated)');
  });
});

describe('code objects', () => {
  it('records arity, variadic and a constant pool; every opcode is in the ISA table', () => {
    evalOk(session, '(defn va [a b & more] [a b more])');
    const code = fnNamed(session, 'va').code;
    expect([code.arity, code.variadic, code.name]).toEqual([2, true, 'va']);
    for (const c of allCode(code)) {
      for (let pc = 0; pc < c.code.length; pc += instructionSize(c.code[pc] as Op)) {
        expect(INSTRUCTIONS[c.code[pc] as Op], `opcode ${c.code[pc]}`).toBeDefined();
      }
    }
    expect(show(session, '(va 1 2 3 4)')).toBe('[1 2 [3 4]]');
    expect(show(session, '(va 1 2)')).toBe('[1 2 []]');
  });
});
