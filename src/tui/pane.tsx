/**
 * A titled pane as WORKSTATION.md draws them (`┌ Listener ───┐`): its own
 * top line carries the title (Ink's borders have none); the focused pane's
 * frame is bright, the others dim (without colors, its title is marked ◀). Content is clipped to the pane.
 */
import type { ReactNode } from 'react';
import { Box } from 'ink';
import { COLORS, Text, tint } from './text.js';

export interface PaneProps {
  title: string;
  width: number;
  height: number;
  focused: boolean;
  /** Not drawn (another pane is zoomed), still mounted: its state stays. */
  hidden?: boolean;
  children: ReactNode;
}

export function Pane({ title, width, height, focused, hidden = false, children }: PaneProps) {
  const label = focused && !COLORS ? ` ${title} ◀ ` : ` ${title} `;
  const rule = '─'.repeat(Math.max(0, width - 2 - label.length));
  const color = focused ? 'cyan' : 'gray';
  return (
    <Box flexDirection="column" width={width} height={height} display={hidden ? 'none' : 'flex'}>
      <Text color={color} bold={focused} wrap="truncate">{`┌${label}${rule}┐`}</Text>
      <Box flexDirection="column" width={width} height={height - 1} borderStyle="single" borderTop={false} borderColor={tint(color)} overflow="hidden" paddingX={0}>
        {children}
      </Box>
    </Box>
  );
}

/** Text cut to `width` columns, ending in `…` when cut. */
export function fit(text: string, width: number): string {
  if (width <= 0) return '';
  return text.length <= width ? text.padEnd(width) : text.slice(0, Math.max(0, width - 1)) + '…';
}
