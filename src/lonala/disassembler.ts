/**
 * The disassembler (STYLE.md 8): a code object's instructions as rows of
 * data, read off the ISA table, and as text. The REPL, the inspector and
 * the TUI all render these rows.
 */
import {
  BinaryPattern, CodeObject, INSTRUCTIONS, Keyword, List, Op, Tuple, instructionSize, positionAt, type Value,
} from '../machine/index.js';
import { printValue } from './printer.js';

/** Operand value as data: constants resolved, nested code named. */
function operandValue(code: CodeObject, kind: string, word: number): Value {
  if (kind === 'const' || kind === 'var' || kind === 'code') {
    const c = code.consts[word];
    if (c instanceof CodeObject) return `#code<${c.name || 'anonymous'}>`;
    if (c instanceof BinaryPattern) return describePattern(c);
    return c;
  }
  return word;
}

/** One tuple per instruction: `[offset :NAME operand...]`. */
export function disassemble(code: CodeObject): List {
  const rows: Value[] = [];
  const words = code.code;
  for (let pc = 0; pc < words.length; pc += instructionSize(words[pc] as Op)) {
    const info = INSTRUCTIONS[words[pc] as Op];
    const row: Value[] = [pc, Keyword.of(info.name)];
    info.operands.forEach((kind, i) => row.push(operandValue(code, kind, words[pc + 1 + i])));
    rows.push(new Tuple(row));
  }
  return List.from(rows);
}

/** The disassembly as text, nested functions after their parent. */
export function disassemblyText(code: CodeObject): string {
  const out: string[] = [];
  const pending: CodeObject[] = [code];
  while (pending.length > 0) {
    const c = pending.shift() as CodeObject;
    const params = `${c.arity}${c.variadic ? '+' : ''}`;
    out.push(`fn ${c.name || 'anonymous'} (arity ${params}, ${c.locals} locals, ${c.captures.length / 2} captured)`);
    const words = c.code;
    for (let pc = 0; pc < words.length; pc += instructionSize(words[pc] as Op)) {
      const info = INSTRUCTIONS[words[pc] as Op];
      const ops = info.operands.map((kind, i) => {
        const w = words[pc + 1 + i];
        if (kind === 'const' || kind === 'var' || kind === 'code') {
          const v = c.consts[w];
          if (v instanceof CodeObject) {
            pending.push(v);
            return `<fn ${v.name || 'anonymous'}>`;
          }
          if (v instanceof BinaryPattern) return describePattern(v);
          return printValue(v, { maxLength: 8, maxDepth: 3, maxString: 40 });
        }
        return kind === 'label' ? `->${w}` : kind === 'local' ? `L${w}` : String(w);
      });
      const line = c.positions[pc] > 0 ? `  ; line ${positionAt(c, pc).line}` : '';
      out.push(`  ${String(pc).padStart(4, '0')}  ${info.name.padEnd(15)} ${ops.join(' ')}${line}`.trimEnd());
    }
  }
  return out.join('\n');
}

/** A bit pattern as `#bits[_:4 _:4 0x45:8 & _]` (names are slots, not kept). */
function describePattern(p: BinaryPattern): string {
  const segs = p.segments.map((s) => {
    const flags = [s.little ? '/le' : '', s.signed ? '/signed' : '', s.bytes ? '/bytes' : ''].join('');
    return `${s.literal === undefined ? '_' : printValue(s.literal)}:${s.size}${flags}`;
  });
  return `#bits[${[...segs, ...(p.rest ? ['& _'] : [])].join(' ')}]`;
}
