/**
 * Figures rounded for people (src/tui/figures.ts) and the Processes pane's
 * selection, which follows a process rather than a row (src/tui/selection.ts).
 */
import { describe, expect, it } from 'vitest';
import { bytes, count, decimal, percent } from '../../src/tui/figures.js';
import { NO_SELECTION, follow, move } from '../../src/tui/selection.js';

describe('figures for people', () => {
  it('bytes in powers of 1024, a decimal only below 10', () => {
    expect([0, 152, 999, 1000, 4784, 10_240, 16_000_000, 16_000_384, 814_743_552, 43_000_000, 2 ** 30 * 1.25].map(bytes))
      .toEqual(['0B', '152B', '999B', '1.0k', '4.7k', '10k', '15M', '15M', '777M', '41M', '1.3G']);
    // Rounding never shows four digits of a unit: 1023.9k is 1.0M.
    expect(bytes(1_048_500)).toBe('1.0M');
    expect(bytes(Infinity)).toBe('-');
  });

  it('counts in powers of 1000', () => {
    expect([0, 7, 1234, 9999, 12_345, 999_999, 1_234_567, 71_000_000, 2_000_000_000, 0.4].map(count))
      .toEqual(['0', '7', '1234', '9999', '12k', '1.0M', '1.2M', '71M', '2.0G', '0']);
  });

  it('shares of a core in percent: one decimal below 10%', () => {
    expect([0, 0.0001, 0.0023113099999997645, 0.023, 0.1999978000000374, 0.2, 1].map(percent))
      .toEqual(['0%', '<0.1%', '0.2%', '2.3%', '20%', '20%', '100%']);
  });

  it('other numbers: fractions to three significant digits, integers whole', () => {
    expect([0.0023113099999997645, 0.1999978000000374, 16000384, 3.5].map(decimal)).toEqual(['0.00231', '0.2', '16000384', '3.5']);
  });
});

describe('the Processes selection follows its process', () => {
  it('finds the selected pid again wherever the new page has it', () => {
    const sel = move(follow(NO_SELECTION, ['2.1', '2.2', '2.3']), ['2.1', '2.2', '2.3'], 2);
    expect(sel).toEqual({ pid: '2.3', index: 2 });
    expect(follow(sel, ['2.3', '2.1', '2.2'])).toEqual({ pid: '2.3', index: 0 });
  });

  it('falls to the row at the same place only when its process left the page', () => {
    const sel = { pid: '2.2', index: 1 };
    expect(follow(sel, ['2.1', '2.3', '2.4'])).toEqual({ pid: '2.3', index: 1 });
    expect(follow(sel, ['2.1'])).toEqual({ pid: '2.1', index: 0 });
    expect(follow(sel, [])).toEqual({ pid: '2.2', index: 0 });
    expect(follow(NO_SELECTION, ['2.5', '2.6'])).toEqual({ pid: '2.5', index: 0 });
  });

  it('moves within the page', () => {
    const pids = ['2.1', '2.2'];
    expect(move({ pid: '2.1', index: 0 }, pids, -1)).toEqual({ pid: '2.1', index: 0 });
    expect(move({ pid: '2.1', index: 0 }, pids, 5)).toEqual({ pid: '2.2', index: 1 });
  });
});
