/**
 * Text as the terminal can show it. With NO_COLOR set (no-color.org) there
 * are no colors, but bold, dim and inverse stay; on TERM=dumb there are no
 * attributes either (chalk draws none), so what they mark (the focused
 * pane, the selected row, the cursor) is drawn with characters instead.
 */
import { Text as InkText, type TextProps } from 'ink';

export const COLORS = !process.env.NO_COLOR && process.env.TERM !== 'dumb';
export const ATTRIBUTES = process.env.TERM !== 'dumb';

/** Ink's Text, its colors dropped when the terminal should show none. */
export function Text(props: TextProps) {
  return COLORS ? <InkText {...props} /> : <InkText {...props} color={undefined} backgroundColor={undefined} />;
}

/** A color for a border (Box), or none. */
export function tint(color: string): string | undefined {
  return COLORS ? color : undefined;
}

/** The mark before a selected row where inverse video cannot show it. */
export function rowMark(selected: boolean): string {
  return ATTRIBUTES ? '' : selected ? '>' : ' ';
}
