/**
 * A one-line chart of recent values in block characters, for a Text. Kept
 * in-house: blessed-contrib's sparkline is a blessed widget that wants the
 * terminal for itself (it cannot share the screen with Ink), and the eight
 * block heights are all a sparkline is.
 */
const BARS = '▁▂▃▄▅▆▇█';

export function sparkline(values: readonly number[], width: number): string {
  const shown = values.slice(-width);
  const max = Math.max(...shown, 0);
  const line = shown.map((v) => (max <= 0 ? BARS[0] : BARS[Math.min(7, Math.floor((v / max) * 7.999))])).join('');
  return line.padStart(width, ' ');
}
