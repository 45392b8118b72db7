/**
 * Bit-segment patterns: `#bits[v:4 ihl:4 len:16/be & rest]`, read as
 * `(lona.core/bits [v 4] [ihl 4] [len 16 :be] & rest)` (and `#bytes[0x89 &
 * rest]`, read as 8-bit segments). Compiled to one MATCH_BINARY with a
 * BinaryPattern constant; bound segments land in consecutive slots.
 */
import { Keyword, Sym, type Value, List, Tuple, Op, BinaryPattern, type BitSegment } from '../../machine/index.js';
import type { Label } from './emitter.js';
import type { Compiler } from './compiler.js';
import { bindName, type Seen } from './match.js';

const AMPERSAND = Sym.of('&');

export function compileBitsPattern(c: Compiler, pattern: List, slot: number, fail: Label, seen: Seen): void {
  const items = pattern.tail.toArray();
  const segments: BitSegment[] = [];
  const names: (string | null)[] = [];
  let rest: Value | undefined;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (item === AMPERSAND) {
      rest = items[i + 1];
      if (!(rest instanceof Sym) || i + 2 !== items.length) c.error(pattern, '& in a bit pattern must be followed by one name');
      break;
    }
    if (!(item instanceof Tuple) || item.items.length < 2 || typeof item.items[1] !== 'number') {
      c.error(pattern, 'bad bit segment; expected name:size/flags');
    }
    const [value, size, ...flags] = item.items;
    const has = (f: string) => flags.includes(Keyword.of(f));
    const isName = value instanceof Sym;
    segments.push({
      size: size as number,
      signed: has('signed'),
      little: has('le'),
      bytes: has('bytes'),
      literal: isName ? undefined : value,
    });
    if (isName) names.push((value as Sym).name === '_' ? null : (value as Sym).name);
  }
  const base = c.scope.alloc(names.length + (rest !== undefined ? 1 : 0));
  const k = c.em.constant(new BinaryPattern(segments, rest !== undefined) as unknown as Value);
  c.em.emitJump(Op.MATCH_BINARY, 0, fail, base, slot, k);
  names.forEach((n, i) => { if (n !== null) bindName(c, n, base + i, fail, seen); });
  if (rest !== undefined && (rest as Sym).name !== '_') bindName(c, (rest as Sym).name, base + names.length, fail, seen);
}
