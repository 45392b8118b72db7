/**
 * The code verifier (src/machine/verifier.ts): every code object of the
 * booted standard library and of compiled forms of every kind is sound;
 * hand-made broken code is refused (unknown op, bad operands, bad jumps,
 * a jump form without its JUMP_IF_FALSE, stack underflow, overflow and
 * mismatch, running off the end, captures the frame lacks), each refusal
 * beside a granted twin that differs only in the fault; and the compiler's
 * debug switch (LONA_VERIFY=1) turns broken code into a SourceError.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { CaptureFrom, CodeObject, Comparison, Fn, INSTRUCTIONS, OPCODE_COUNT, Op, SIZE, Var, verify, type Value } from '../../src/machine/index.js';
import { compileTopLevel } from '../../src/lonala/compiler/index.js';
import { Emitter, verifyCompiled } from '../../src/lonala/compiler/emitter.js';
import { SourceError } from '../../src/lonala/index.js';
import { readAll } from '../../src/lonala/reader/index.js';
import { Session } from '../../src/os/session.js';
import { System } from '../../src/os/system.js';
import { bootFromSource, evalOk, fnNamed } from '../helpers/lona.js';

let system: System;
let session: Session;

beforeAll(() => {
  system = bootFromSource();
  session = new Session(system);
});

afterEach(() => {
  verifyCompiled.enabled = false;
});

/** `roots` and the code objects nested in their constants. */
function allCode(...roots: CodeObject[]): CodeObject[] {
  const out = new Set<CodeObject>();
  const visit = (c: CodeObject) => {
    if (out.has(c)) return;
    out.add(c);
    for (const k of c.consts) if (k instanceof CodeObject) visit(k);
  };
  roots.forEach(visit);
  return [...out];
}

/** The code objects of every function the standard library defines, nested ones included. */
function stdCode(): CodeObject[] {
  return allCode(...system.stdNamespaces().flatMap((ns) => [...ns.mappings.values()]).flatMap((v) => (v.root instanceof Fn ? [v.root.code] : [])));
}

/** The opcodes of `c`'s instructions. */
function opcodes(c: CodeObject): number[] {
  const out: number[] = [];
  for (let pc = 0; pc < c.code.length; pc += SIZE[c.code[pc]]) out.push(c.code[pc]);
  return out;
}

describe('compiled code', () => {
  it('of every function of the booted standard library verifies', () => {
    const all = stdCode();
    expect(all.length).toBeGreaterThan(150);
    const nested = all.filter((c) => !system.stdNamespaces().some((ns) => [...ns.mappings.values()].some((v) => v.root instanceof Fn && v.root.code === c)));
    expect(nested.length).toBeGreaterThan(0);
    for (const c of all) expect(verify(c, false), c.name ?? 'anonymous').toEqual([]);
  });

  it('of forms of every kind verifies, top-level code included: with the library, every instruction of the table', () => {
    const forms = [
      '(defn classify [v] (match v [x x] :same [a b] (+ a b) [h & t] t {a b} b (h & t) t %{:k k} k #{1} :one #bits[a:4 _:4] a (pid r l) l n when (> n 1) n _ nil))',
      '(defn server [state] (receive [:get from] (do (send from state) (server state)) [:put x] (server x) :after 10 state))',
      '(defn counter [n] (fn step [k] (if (< k n) (step (+ k 1)) [n k])))',
      '(defn loop-down [n acc] (if (<= n 0) acc (loop-down (- n 1) (* acc 2))))',
      '(defn collections [a b] [{a b} %{a b} #{a b} (list a b)])',
      '(defn between [a b x] [(<= a b) (if (<= a x) 1 2) (if (>= x b) 3 4)])',
      '(def ^%{:doc "meta"} documented (fn [& xs] (apply + xs)))',
      '(let [[a b] [1 2]] (cond (> a b) :gt (= a b) :eq :else :lt))',
    ];
    verifyCompiled.enabled = true; // every code object the compiler makes is verified as it is made
    const seen = new Set(stdCode().flatMap(opcodes));
    for (const source of forms) {
      const { forms: read, error } = readAll(source, session.readOptions('v.lona'));
      expect(error, source).toBeNull();
      const r = compileTopLevel(read[0].form, session.compileEnv(source, 'v.lona', read[0].line, read[0].column));
      expect(r.error, source).toBeUndefined();
      expect(verify(r.code!), source).toEqual([]);
      for (const op of allCode(r.code!).flatMap(opcodes)) seen.add(op);
      evalOk(session, source);
    }
    for (const name of ['classify', 'server', 'counter', 'loop-down', 'collections', 'between']) {
      expect(verify(fnNamed(session, name).code), name).toEqual([]);
    }
    // Every instruction of the set is emitted by the compiler somewhere.
    const unseen = Array.from({ length: OPCODE_COUNT }, (_, op) => op).filter((op) => !seen.has(op));
    expect(unseen.map((op) => INSTRUCTIONS[op as Op].name)).toEqual([]);
  });
});

/** A code object of `words` with `consts`, `locals` slots and room for `maxStack` operands. */
function code(words: number[], opts: { consts?: (Value | CodeObject)[]; locals?: number; maxStack?: number; arity?: number; captures?: number[] } = {}): CodeObject {
  return new CodeObject('t', opts.arity ?? 0, false, opts.locals ?? 1, opts.maxStack ?? 4, Int32Array.from(words), (opts.consts ?? []) as Value[],
    Int32Array.from(opts.captures ?? []), new Int32Array(words.length), null);
}

/** Expects `bad` refused with a problem matching `why`, and its twin `good` granted. */
function refuses(bad: CodeObject, why: RegExp, good: CodeObject): void {
  const problems = verify(bad);
  expect(problems.length, `refused: ${why}`).toBeGreaterThan(0);
  expect(problems.join('\n')).toMatch(why);
  expect(verify(good)).toEqual([]);
}

describe('broken code', () => {
  let plus: Var;
  beforeAll(() => { plus = system.core.lookup('+')!; });

  it('is refused for an unknown opcode', () => {
    refuses(code([Op.NIL, 999]), /at 1: unknown opcode 999/, code([Op.NIL, Op.RETURN]));
    refuses(code([Op.NIL, -1]), /unknown opcode -1/, code([Op.NIL, Op.RETURN]));
  });

  it('is refused for an instruction cut short by the end of the code', () => {
    refuses(code([Op.NIL, Op.RETURN, Op.INT]), /INT needs 2 words/, code([Op.NIL, Op.RETURN, Op.INT, 1]));
    refuses(code([]), /no instructions/, code([Op.NIL, Op.RETURN]));
  });

  it('is refused for operands outside what the code object has', () => {
    refuses(code([Op.LOCAL, 3, Op.RETURN], { locals: 1 }), /LOCAL operand 1 \(local\) is slot 3, outside the 1 locals/, code([Op.LOCAL, 0, Op.RETURN], { locals: 1 }));
    refuses(code([Op.CONST, 2, Op.RETURN], { consts: ['a', 'b'] }), /outside the 2 constants/, code([Op.CONST, 1, Op.RETURN], { consts: ['a', 'b'] }));
    refuses(code([Op.VAR, 0, Op.RETURN], { consts: ['not a var', plus] }), /is constant 0, not a var/, code([Op.VAR, 1, Op.RETURN], { consts: ['not a var', plus] }));
    refuses(code([Op.ENV, 0, Op.RETURN]), /outside the 0 captured values/, code([Op.ENV, 0, Op.RETURN], { captures: [CaptureFrom.Self, 0] }));
    refuses(code([Op.MAKE_TUPLE, -1, Op.RETURN]), /a negative count/, code([Op.MAKE_TUPLE, 0, Op.RETURN]));
    const cmp = (c: number) => code([Op.CMP_LI, 0, 1, 0, 5, c, Op.RETURN], { consts: [plus, 'intrinsic'] });
    refuses(cmp(7), /CMP_LI operand 5 \(cmp\) is 7, not a comparison/, cmp(Comparison.GE));
  });

  it('is refused for a closure of something that is not code, or capturing what its frame lacks', () => {
    const inner = (captures: number[]) => code([Op.NIL, Op.RETURN], { captures });
    refuses(code([Op.CLOSURE, 0, Op.RETURN], { consts: ['text'] }), /not a code object/, code([Op.CLOSURE, 0, Op.RETURN], { consts: [inner([])] }));
    refuses(code([Op.CLOSURE, 0, Op.RETURN], { consts: [inner([CaptureFrom.Local, 2])], locals: 2 }), /capture 0 \(0 2\) is not in this frame/,
      code([Op.CLOSURE, 0, Op.RETURN], { consts: [inner([CaptureFrom.Local, 1])], locals: 2 }));
    refuses(code([Op.CLOSURE, 0, Op.RETURN], { consts: [inner([CaptureFrom.Env, 0])] }), /is not in this frame/,
      code([Op.CLOSURE, 0, Op.RETURN], { consts: [inner([CaptureFrom.Self, 0])] }));
  });

  it('is refused for code nested in its constants, unless asked for this code object only', () => {
    const broken = code([Op.POP, Op.NIL, Op.RETURN]);
    const outer = code([Op.CLOSURE, 0, Op.RETURN], { consts: [broken] });
    refuses(outer, /POP pops 1 from a stack of 0/, code([Op.CLOSURE, 0, Op.RETURN], { consts: [code([Op.NIL, Op.RETURN])] }));
    expect(verify(outer, false)).toEqual([]);
  });

  it('is refused for jumps outside the code or into an instruction', () => {
    // 0 TRUE, 1 JUMP_IF_FALSE L, 3 INT 1, 5 RETURN, 6 INT 2, 8 RETURN
    const branch = (label: number) => code([Op.TRUE, Op.JUMP_IF_FALSE, label, Op.INT, 1, Op.RETURN, Op.INT, 2, Op.RETURN]);
    refuses(branch(99), /JUMP_IF_FALSE operand 1 \(label\) is 99, not an instruction/, branch(6));
    refuses(branch(7), /is 7, not an instruction/, branch(6));
    refuses(branch(-1), /is -1, not an instruction/, branch(3));
    // 0 GUARD_BEGIN L, 2 GUARD_END, 3 NIL, 4 RETURN
    const guard = (label: number) => code([Op.GUARD_BEGIN, label, Op.GUARD_END, Op.NIL, Op.RETURN]);
    refuses(guard(1), /GUARD_BEGIN operand 1 \(label\) is 1, not an instruction/, guard(3));
  });

  it('is refused for a jump form not followed by its JUMP_IF_FALSE', () => {
    const fused = (next: number[]) => code([Op.INT, 1, Op.INT, 2, Op.LT_JUMP, 0, 1, ...next, Op.NIL, Op.RETURN], { consts: [plus, 'intrinsic'] });
    refuses(fused([Op.POP]), /LT_JUMP must be followed by JUMP_IF_FALSE/, fused([Op.JUMP_IF_FALSE, 9]));
    const cmp = (next: number[]) => code([Op.CMP_LI_JUMP, 0, 1, 0, 5, Comparison.LT, ...next, Op.NIL, Op.RETURN], { consts: [plus, 'intrinsic'] });
    refuses(cmp([Op.POP]), /CMP_LI_JUMP must be followed by JUMP_IF_FALSE/, cmp([Op.JUMP_IF_FALSE, 8]));
  });

  it('is refused when the operand stack underflows, overflows or differs where paths meet', () => {
    refuses(code([Op.POP, Op.NIL, Op.RETURN]), /at 0: POP pops 1 from a stack of 0/, code([Op.NIL, Op.POP, Op.NIL, Op.RETURN]));
    refuses(code([Op.NIL, Op.CALL, 1, Op.RETURN]), /CALL pops 2 from a stack of 1/, code([Op.NIL, Op.NIL, Op.CALL, 1, Op.RETURN]));
    refuses(code([Op.NIL, Op.NIL, Op.POP, Op.RETURN], { maxStack: 1 }), /NIL leaves 2 on the stack, past maxStack 1/,
      code([Op.NIL, Op.NIL, Op.POP, Op.RETURN], { maxStack: 2 }));
    // 0 TRUE, 1 JUMP_IF_FALSE L, 3 NIL, 4 RETURN: jumping to 4 meets the NIL's path one value short.
    const join = (label: number) => code([Op.TRUE, Op.JUMP_IF_FALSE, label, Op.NIL, Op.RETURN]);
    refuses(join(4), /at 4: reached with stack depth \d and, from \d, \d/, join(3));
  });

  it('is refused when a path runs past the end of the code', () => {
    refuses(code([Op.NIL]), /NIL runs past the end of the code/, code([Op.NIL, Op.RETURN]));
    // 0 TRUE, 1 JUMP_IF_FALSE 5, 3 NIL, 4 RETURN, 5 NIL ...
    refuses(code([Op.TRUE, Op.JUMP_IF_FALSE, 5, Op.NIL, Op.RETURN, Op.NIL]), /at 5: NIL runs past the end/,
      code([Op.TRUE, Op.JUMP_IF_FALSE, 5, Op.NIL, Op.RETURN, Op.NIL, Op.RETURN]));
  });

  it('is refused when the frame cannot hold the parameters', () => {
    refuses(code([Op.NIL, Op.RETURN], { arity: 2, locals: 1 }), /1 locals cannot hold 2 parameters/, code([Op.NIL, Op.RETURN], { arity: 2, locals: 2 }));
  });
});

describe('the compiler under LONA_VERIFY=1', () => {
  /** An emitter holding `build`'s code, finished as a top-level form. */
  const finish = (build: (em: Emitter) => void) => {
    const em = new Emitter();
    build(em);
    return em.finish(null, 0, false, 0, [], 'broken.lona');
  };
  const popsTooMany = (em: Emitter) => { em.emit(Op.POP, -1); em.emit(Op.NIL, 1); em.emit(Op.RETURN, -1); };
  const sound = (em: Emitter) => { em.emit(Op.NIL, 1); em.emit(Op.POP, -1); em.emit(Op.NIL, 1); em.emit(Op.RETURN, -1); };

  it('refuses the broken code it made with a SourceError, and finishes sound code', () => {
    verifyCompiled.enabled = true;
    let error: unknown;
    try {
      finish(popsTooMany);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SourceError);
    expect((error as SourceError).kind).toBe('invalid-code');
    expect((error as SourceError).message).toMatch(/the compiler made invalid code: anonymous at 0: POP pops 1 from a stack of 0/);
    expect((error as SourceError).file).toBe('broken.lona');
    expect(verify(finish(sound))).toEqual([]);
  });

  it('is off unless asked for: the broken code is returned unchecked', () => {
    expect(verifyCompiled.enabled).toBe(false);
    expect(verify(finish(popsTooMany)).length).toBeGreaterThan(0);
  });

  it('is read from the environment', async () => {
    vi.stubEnv('LONA_VERIFY', '1');
    vi.resetModules();
    try {
      const fresh = await import('../../src/lonala/compiler/emitter.js');
      expect(fresh.verifyCompiled.enabled).toBe(true);
    } finally {
      vi.unstubAllEnvs();
      vi.resetModules();
    }
  });
});
