/**
 * Ink's text measurement for layout (its build/measure-text.js, swapped in
 * by scripts/build.mjs): the same answer, from a bounded memo. Ink's own
 * memo keeps every text ever laid out, which in a workstation whose
 * process table changes every second grows without end.
 */
import { BoundedMemo, TEXT_LIMIT, widestLine } from './text-width.js';

interface Dimensions { width: number; height: number }

const EMPTY: Dimensions = { width: 0, height: 0 };
const measured = new BoundedMemo<Dimensions>(TEXT_LIMIT, (key) => key.length);

function measure(text: string): Dimensions {
  return { width: widestLine(text), height: text.split('\n').length };
}

export default function measureText(text: string): Dimensions {
  return text.length === 0 ? EMPTY : measured.get(text, measure);
}
