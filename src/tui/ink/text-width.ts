/**
 * Display widths of strings, remembered across frames. Ink measures every
 * line of every frame with string-width (grapheme segmentation, emoji
 * regexes), though a screen's lines mostly repeat from one frame to the next.
 */
import stringWidth from 'string-width';

/**
 * A string-keyed memo bounded by the total weight of what it holds (entries,
 * characters, cells), so a screen running for days (its numbers changing
 * every second) keeps a bounded cache rather than every string it ever drew.
 * Two generations: when the recent one fills up it becomes the older one, and
 * what is still in use moves back to recent when next asked for.
 */
export class BoundedMemo<V> {
  private recent = new Map<string, V>();
  private older = new Map<string, V>();
  private weight = 0;

  constructor(private readonly limit: number, private readonly weigh: (key: string, value: V) => number = () => 1) {}

  get(key: string, make: (key: string) => V): V {
    let value = this.recent.get(key);
    if (value !== undefined) return value;
    value = this.older.get(key) ?? make(key);
    this.recent.set(key, value);
    this.weight += this.weigh(key, value);
    if (this.weight >= this.limit) {
      this.older = this.recent;
      this.recent = new Map();
      this.weight = 0;
    }
    return value;
  }
}

/** Characters of the strings a memo keyed by text may hold per generation (a few MB). */
export const TEXT_LIMIT = 1_000_000;

const widths = new BoundedMemo<number>(TEXT_LIMIT, (key) => key.length);

/** Whether `s` is printable ASCII only (one column per character, no escapes). */
export function plainAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

/** Columns `s` takes on the terminal (ANSI escapes take none). */
export function textWidth(s: string): number {
  return plainAscii(s) ? s.length : widths.get(s, stringWidth);
}

/** Columns of the widest line of `text`. */
export function widestLine(text: string): number {
  let widest = 0;
  for (const line of text.split('\n')) widest = Math.max(widest, textWidth(line));
  return widest;
}
