/**
 * The instruction table (src/machine/isa.ts) agrees with itself: opcodes
 * are dense and named once, SIZE and COMPARISON are read off the
 * entries, each fusion (`jumpForm`, `localIntForm`) names an op shaped for
 * it, stack effects that depend on a count have that count, and the
 * `Comparison` numbers mean what inline-ops.ts `compareKind` computes.
 */
import { describe, expect, it } from 'vitest';
import { Comparison, INSTRUCTIONS, OPCODE_COUNT, Op, SIZE, isOpcode, type InstructionInfo } from '../../src/machine/index.js';
import { COMPARISON } from '../../src/machine/isa.js';
import { compareKind } from '../../src/machine/inline-ops.js';

const ALL: [Op, InstructionInfo][] = Array.from({ length: OPCODE_COUNT }, (_, op) => [op as Op, INSTRUCTIONS[op as Op]]);

describe('the instruction table', () => {
  it('has one entry per opcode 0..OPCODE_COUNT-1, each named once', () => {
    expect(OPCODE_COUNT).toBeGreaterThan(60);
    for (const [op, info] of ALL) expect(info, `opcode ${op}`).toBeDefined();
    expect(new Set(ALL.map(([, i]) => i.name)).size).toBe(OPCODE_COUNT);
    expect([isOpcode(0), isOpcode(OPCODE_COUNT - 1), isOpcode(OPCODE_COUNT), isOpcode(-1), isOpcode(1.5)]).toEqual([true, true, false, false, false]);
  });

  it('derives SIZE and COMPARISON from the entries', () => {
    for (const [op, info] of ALL) {
      expect([info.name, SIZE[op]]).toEqual([info.name, 1 + info.operands.length]);
      expect([info.name, COMPARISON[op]]).toEqual([info.name, info.comparison ?? -1]);
    }
  });

  it('gives every guarded op the guard operands (var, intrinsic) first', () => {
    const guarded = ALL.filter(([, i]) => i.guarded);
    expect(guarded.map(([, i]) => i.name)).toEqual(expect.arrayContaining(['ADD', 'EQ', 'LT_JUMP', 'ADD_LI', 'SUB_LI', 'CMP_LI', 'CMP_LI_JUMP']));
    for (const [, info] of guarded) expect([info.name, ...info.operands.slice(0, 2)]).toEqual([info.name, 'var', 'const']);
  });

  it('names, as a jump form, an op like the original that must precede a JUMP_IF_FALSE', () => {
    const withJump = ALL.filter(([, i]) => i.jumpForm !== undefined);
    expect(withJump.map(([, i]) => i.name).sort()).toEqual(['CMP_LI', 'EQ', 'GE', 'GT', 'LE', 'LT']);
    for (const [, info] of withJump) {
      const form = INSTRUCTIONS[info.jumpForm!];
      expect([info.name, form.followedBy]).toEqual([info.name, Op.JUMP_IF_FALSE]);
      expect([form.operands, form.stack, form.guarded, form.comparison]).toEqual([info.operands, info.stack, info.guarded, info.comparison]);
      expect(form.jumpForm).toBeUndefined();
    }
    // Only jump forms must be followed by something.
    const followed = ALL.filter(([, i]) => i.followedBy !== undefined).map(([op]) => op).sort();
    expect(followed).toEqual(withJump.map(([, i]) => i.jumpForm!).sort());
  });

  it('names, as a LOCAL_INT fusion, a guarded op taking the slot, the integer and the comparison if any', () => {
    const fusing = ALL.filter(([, i]) => i.localIntForm !== undefined);
    expect(fusing.map(([, i]) => i.name).sort()).toEqual(['ADD', 'EQ', 'GE', 'GT', 'LE', 'LT', 'SUB']);
    for (const [, info] of fusing) {
      const form = INSTRUCTIONS[info.localIntForm!];
      expect([info.name, info.stack]).toEqual([info.name, [2, 1]]);
      expect([info.name, form.guarded, form.stack]).toEqual([info.name, true, [0, 1]]);
      expect(form.operands).toEqual(['var', 'const', 'local', 'int', ...(info.comparison === undefined ? [] : ['cmp'])]);
    }
  });

  it('gives every count-dependent stack effect exactly one count operand', () => {
    for (const [, info] of ALL) {
      const counts = info.operands.filter((k) => k === 'n').length;
      if (typeof info.stack[0] === 'string') expect([info.name, counts]).toEqual([info.name, 1]);
    }
  });

  it('numbers the comparisons as compareKind reads them', () => {
    const cases: [Comparison, (a: number, b: number) => boolean][] = [
      [Comparison.LT, (a, b) => a < b], [Comparison.GT, (a, b) => a > b], [Comparison.LE, (a, b) => a <= b],
      [Comparison.GE, (a, b) => a >= b], [Comparison.EQ, (a, b) => a === b],
    ];
    for (const [c, want] of cases) {
      for (const [a, b] of [[1, 2], [2, 1], [2, 2]]) expect([c, a, b, compareKind(c, a, b)]).toEqual([c, a, b, want(a, b)]);
    }
  });
});
