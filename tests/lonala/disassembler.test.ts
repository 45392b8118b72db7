/**
 * The disassembler (src/lonala/disassembler.ts): rows of data, one tuple
 * `[offset :NAME operand...]` per instruction, covering the whole code of a
 * function, with constants resolved; the text form lists nested functions
 * after their parent. Also the Lonala side (`disassemble-rows`).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { CodeObject, Fn, INSTRUCTIONS, Keyword, List, Op, Tuple, Var, instructionSize } from '../../src/machine/index.js';
import { disassemble, disassemblyText } from '../../src/lonala/disassembler.js';
import { printValue } from '../../src/lonala/printer.js';
import { Session } from '../../src/os/session.js';
import { bootFromSource, evalOk, fnNamed } from '../helpers/lona.js';

let session: Session;

beforeAll(() => {
  session = new Session(bootFromSource());
  evalOk(session, `
    (defn f [n] (if (< n 2) n (- n 1)))
    (defn outer [x] (fn inner [y] (+ x y)))
    (defn shapes [v] (match v [a b] (+ a b) %{:k k} k {} :empty #{1} :one (h & t) t _ nil))
    (defn lit [] (do (quote sym) [:kw "str" 1.5 %{:a 1}]))`);
});

/** Checks that `rows` decode `code` exactly: every instruction once, in order, with its operands. */
function expectRowsCover(code: CodeObject, rows: List): void {
  const words = code.code;
  let pc = 0;
  for (const row of rows.toArray()) {
    expect(row).toBeInstanceOf(Tuple);
    const items = (row as Tuple).items;
    const info = INSTRUCTIONS[words[pc] as Op];
    expect(items[0], `offset of ${info.name}`).toBe(pc);
    expect(items[1]).toBe(Keyword.of(info.name));
    expect(items.length).toBe(2 + info.operands.length);
    info.operands.forEach((kind, i) => {
      const word = words[pc + 1 + i];
      if (kind === 'var') expect(items[2 + i]).toBeInstanceOf(Var);
      else if (kind === 'code') expect(items[2 + i]).toBe(`#code<${(code.consts[word] as unknown as CodeObject).name ?? 'anonymous'}>`);
      else if (kind !== 'const') expect(items[2 + i]).toBe(word);
    });
    pc += instructionSize(words[pc] as Op);
  }
  expect(pc).toBe(words.length);
}

describe('rows', () => {
  it('cover every instruction of a function, in order, as [offset :NAME operands...]', () => {
    for (const name of ['f', 'outer', 'shapes', 'lit']) {
      const code = fnNamed(session, name).code;
      const rows = disassemble(code);
      expect(rows.size).toBeGreaterThan(1);
      expectRowsCover(code, rows);
    }
  });

  it('cover the nested functions too', () => {
    const outer = fnNamed(session, 'outer').code;
    const inner = outer.consts.find((c) => c instanceof CodeObject) as CodeObject;
    expect(inner.name).toBe('inner');
    expectRowsCover(inner, disassemble(inner));
  });

  it('resolve operands: vars and constants as values, nested code by name, jump targets as offsets', () => {
    const rows = disassemble(fnNamed(session, 'f').code).toArray() as Tuple[];
    const byName = new Map(rows.map((r) => [(r.items[1] as Keyword).name, r.items]));
    const lt = byName.get('CMP_LI_JUMP')!;
    expect((lt[2] as Var).qualifiedName).toBe('lona.core/<');
    expect(lt[3]).toBe(session.system.core.lookup('<')!.root);
    const jump = byName.get('JUMP_IF_FALSE')!;
    expect(rows.map((r) => r.items[0])).toContain(jump[2]);

    const outerRows = disassemble(fnNamed(session, 'outer').code).toArray() as Tuple[];
    const closure = outerRows.find((r) => r.items[1] === Keyword.of('CLOSURE'))!;
    expect(closure.items[2]).toBe('#code<inner>');

    const litRows = printValue(disassemble(fnNamed(session, 'lit').code));
    expect(litRows).toContain(':CONST sym]');
    expect(litRows).toContain(':CONST [:kw "str" 1.5 %{:a 1}]]');
  });

  it('are what (disassemble-rows f) returns in Lonala', () => {
    const viaLonala = evalOk(session, '(disassemble-rows f)');
    expect(printValue(viaLonala)).toBe(printValue(disassemble(fnNamed(session, 'f').code)));
    expect(printValue(evalOk(session, '(first (disassemble-rows f))'))).toMatch(/^\[0 :[A-Z_0-9]+/);
  });
});

describe('text', () => {
  it('has one line per instruction and a header per function, nested functions after their parent', () => {
    const code = fnNamed(session, 'outer').code;
    const text = disassemblyText(code);
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^fn outer \(arity 1, \d+ locals, 0 captured\)$/);
    const innerHeader = lines.findIndex((l) => /^fn inner \(arity 1, \d+ locals, 1 captured\)$/.test(l));
    expect(innerHeader).toBeGreaterThan(0);
    expect(text).toContain('<fn inner>');
    const inner = code.consts.find((c) => c instanceof CodeObject) as CodeObject;
    const instructionLines = lines.filter((l) => /^ {2}\d{4} {2}[A-Z_0-9]+/.test(l));
    expect(instructionLines.length).toBe(disassemble(code).size + disassemble(inner).size);
  });

  it('shows labels, locals and source lines', () => {
    const text = disassemblyText(fnNamed(session, 'f').code);
    expect(text).toMatch(/JUMP_IF_FALSE +->\d+/);
    expect(text).toMatch(/CMP_LI_JUMP +#'lona.core\/< #fn<<> L0 2 0/);
    expect(text).toMatch(/; line \d+/);
    expect(evalOk(session, '(disassemble-text f)')).toBe(text);
  });

  it('works on any function of lona.core without throwing', () => {
    let n = 0;
    for (const v of session.system.core.mappings.values()) {
      if (!(v.root instanceof Fn)) continue;
      expect(disassemblyText(v.root.code)).toMatch(/^fn /);
      expectRowsCover(v.root.code, disassemble(v.root.code));
      n++;
    }
    expect(n).toBeGreaterThan(20);
  });
});
