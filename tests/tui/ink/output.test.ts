/**
 * The workstation's frame buffer (src/tui/ink/output.ts) stands in for Ink's
 * own: for the same drawing operations it must produce the same bytes,
 * frame after frame (its caches and reused rows never show an old frame).
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Output from '../../../src/tui/ink/output.js';
import measureText from '../../../src/tui/ink/measure-text.js';

interface FrameBuffer {
  write(x: number, y: number, text: string, o: { transformers: ((s: string, i: number) => string)[] }): void;
  clip(c: object): void;
  unclip(): void;
  get(): { output: string; height: number };
}
type Make = (o: { width: number; height: number }) => FrameBuffer;

const inkBuild = join(process.cwd(), 'node_modules', 'ink', 'build');
const InkOutput = (await import(pathToFileURL(join(inkBuild, 'output.js')).href)).default as new (o: object) => FrameBuffer;
const inkMeasure = (await import(pathToFileURL(join(inkBuild, 'measure-text.js')).href)).default as typeof measureText;

const red = (s: string) => `\x1b[31m${s}\x1b[39m`;
const bold = (s: string) => `\x1b[1m${s}\x1b[22m`;
const inverse = (s: string) => `\x1b[7m${s}\x1b[27m`;
const upper = (s: string) => s.toUpperCase();
const numbered = (s: string, i: number) => `${i}:${s}`;

/** A frame like the workstation's: panes (clipped boxes), colored text, wide characters, overlaps. */
function drawFrame(make: Make, n: number): string {
  const out = make({ width: 40, height: 12.5 });
  out.write(0, 0, `${bold('Listener')} ${red(`frame ${n}`)}`, { transformers: [] });
  out.clip({ x1: 0, x2: 20, y1: 1, y2: 6 });
  out.write(0, 1, `lona> (+ 1 ${n})\n${red('3')} and a line far too long to fit in the pane\n日本語のテキスト ok\n🙂 emoji ${inverse('sel')}`, { transformers: [] });
  out.write(-3, 5, 'starts left of the clip', { transformers: [upper] });
  out.write(2, 0, 'above the clip\nand into it\nand past', { transformers: [numbered] });
  out.unclip();
  out.clip({ x1: 22, x2: 40 });
  out.write(21, 2, `${inverse(' 2.17 ')} worker ${n % 3}`, { transformers: [] });
  out.write(22, 3, '│ pid  name', { transformers: [upper, numbered] });
  out.unclip();
  out.clip({ y1: 8, y2: 10 });
  out.write(0, 7, 'row 7\nrow 8\nrow 9\nrow 10\nrow 11', { transformers: [] });
  out.unclip();
  out.write(35, 11, 'past the right edge', { transformers: [] });
  out.write(45, 9, red('beyond the edge'), { transformers: [] });
  out.write(0, 10, `${bold(red('bold red'))} plain ${bold('bold')}`, { transformers: [] });
  out.write(0, -1, 'above the frame\nstill above', { transformers: [] });
  out.clip({ x1: 0, x2: 10 });
  out.write(0, 11, 'a\tb\u200bc\u00add\ufeffe', { transformers: [] });
  out.write(12, 11, `\x1b[31mopen ended`, { transformers: [(s: string) => `${s}!`] });
  out.write(0, 9, `ab\x1b[1;31mcd\x1b[0m`, { transformers: [(s: string) => `${s}|`] });
  out.unclip();
  out.write(4, 6, '', { transformers: [] });
  return out.get().output;
}

describe("the workstation's frame buffer", () => {
  it("draws exactly what Ink's Output draws, frame after frame", () => {
    for (const n of [1, 2, 2, 3, 1, 10, 10]) {
      expect(drawFrame((o) => new Output(o), n)).toBe(drawFrame((o) => new InkOutput(o), n));
    }
  });

  it('reuses an unchanged row but never a changed one', () => {
    const frame = (text: string) => {
      const out = new Output({ width: 10, height: 2 });
      out.write(0, 0, 'same', { transformers: [] });
      out.write(0, 1, text, { transformers: [] });
      return out.get().output;
    };
    expect(frame('a')).toBe('same\na');
    expect(frame('b')).toBe('same\nb');
    expect(frame(red('b'))).toBe(`same\n${red('b')}`);
  });

  it("measures text for layout as Ink does", () => {
    for (const text of ['', 'plain', `${red('red')} text\nsecond longer line`, '日本語\n🙂 x', 'a\n\nb']) {
      expect(measureText(text)).toEqual(inkMeasure(text));
    }
  });
});
