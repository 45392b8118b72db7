/**
 * The Realms & capabilities pane: the realm tree with cpu and memory use
 * against each realm's budget, process counts, and each realm's
 * capabilities with type and rights, and a sparkline of each realm's
 * reductions per second over the last refreshes. Keys: ↑↓ select, `x` terminate the
 * selected realm (asks first; never the root or the session's own).
 */
import { useEffect, useRef, useState } from 'react';
import { sparkline } from './sparkline.js';
import { bytes, count, percent } from './figures.js';
import { Box } from 'ink';
import { Text, rowMark } from './text.js';
import { eachKey, useKeys } from './keys.js';
import type { Inspector } from '../inspector/index.js';
import { holdsSession } from './commands.js';

interface RealmNode {
  id: string; name: string; status: string; policy: Record<string, unknown>;
  usage: { cpu: number; memory: number; processes: number; reductions: number };
  'process-count': number; caps: { name: string | null; type: string; rights: string[]; from: string | null }[]; children: RealmNode[];
}

interface Line { node: RealmNode; depth: number; last: boolean }

const REFRESH_MS = 2000;
/** Samples of reductions per second charted per realm. */
const SAMPLES = 10;

export function RealmsPane({ width, height, focused, inspector, setCapturing }: {
  width: number; height: number; focused: boolean; inspector: Inspector;
  /** The pane takes every key (its y/n question): the workstation's own keys (q) wait. */
  setCapturing(on: boolean): void;
}) {
  const [root, setRoot] = useState<RealmNode | null>(null);
  const [selected, setSelected] = useState(0);
  const [confirm, setConfirm] = useState<RealmNode | null>(null);
  const [message, setMessage] = useState('');
  // Reductions per second of each realm, by id: the last samples, and the count at the last refresh.
  const rates = useRef(new Map<string, number[]>());
  const last = useRef<{ at: number; counts: Map<string, number> } | null>(null);

  const refresh = async () => {
    const reply = await inspector.request({ op: 'realms' });
    if (!reply.ok) return setMessage(`realms: ${reply.error}`);
    const tree = reply.value as unknown as RealmNode;
    const now = performance.now();
    const counts = new Map(flatten(tree, 0, true).map((l) => [l.node.id, l.node.usage.reductions] as const));
    if (last.current !== null) {
      const seconds = (now - last.current.at) / 1000;
      for (const [id, n] of counts) {
        const history = rates.current.get(id) ?? [];
        history.push(Math.max(0, (n - (last.current.counts.get(id) ?? n)) / seconds));
        rates.current.set(id, history.slice(-SAMPLES));
      }
    }
    last.current = { at: now, counts };
    setRoot(tree);
  };
  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), REFRESH_MS);
    return () => clearInterval(timer);
  }, []);

  const lines = root === null ? [] : flatten(root, 0, true);
  const current = lines[Math.min(selected, lines.length - 1)]?.node;

  useKeys((chunk, pressed) => eachKey(chunk, pressed, (input, key) => {
    if (confirm !== null) {
      if (input === 'y' && !key.ctrl && !key.meta) {
        void inspector.request({ op: 'terminate-realm', realm: confirm.id }).then((r) => {
          setMessage(r.ok ? `terminated ${confirm.name}` : `terminate: ${r.error}`);
          void refresh();
        });
      }
      setConfirm(null);
      setCapturing(false);
      return;
    }
    // Letters are commands only alone: Ctrl-X, M-x... belong to the workstation (or nobody).
    if (key.ctrl || (key.meta && !key.escape)) return;
    if (key.upArrow) setSelected((s) => Math.max(0, s - 1));
    else if (key.downArrow) setSelected((s) => Math.min(lines.length - 1, s + 1));
    else if (input === 'x' && current !== undefined) {
      if (holdsSession(current.name)) setMessage(`${current.name} holds the session: not terminated from here`);
      else {
        setConfirm(current);
        setCapturing(true);
      }
    }
  }), focused);

  const w = width - 2;
  const rows = lines.slice(0, Math.max(0, height - 3));
  return (
    <Box flexDirection="column" width={w}>
      {rows.map((l, i) => (
        <Text key={l.node.id} inverse={focused && i === selected} wrap="truncate">{rowMark(focused && i === selected) + describe(l, w - rowMark(false).length, rates.current.get(l.node.id) ?? [])}</Text>
      ))}
      <Text color={confirm ? 'yellow' : 'gray'} wrap="truncate">
        {confirm ? `terminate realm ${confirm.name} and everything in it? y/n` : message || (current ? caps(current, lines) : ' ')}
      </Text>
    </Box>
  );
}

function flatten(node: RealmNode, depth: number, last: boolean): Line[] {
  return [{ node, depth, last }, ...node.children.flatMap((c, i) => flatten(c, depth + 1, i === node.children.length - 1))];
}

function describe({ node, depth, last }: Line, width: number, rate: number[]): string {
  const branch = depth === 0 ? '' : '  '.repeat(depth - 1) + (last ? '└ ' : '├ ');
  const cpuMax = (node.policy.cpu as { max?: number } | undefined)?.max;
  const memMax = (node.policy.memory as { max?: number } | undefined)?.max;
  // realm-info's figures for every realm, against the realm's own budget where it has one.
  const share = `${percent(node.usage.cpu)}${cpuMax !== undefined ? `/${percent(cpuMax)}` : ''}`;
  const mem = `mem ${bytes(node.usage.memory)}${memMax !== undefined ? `/${bytes(memMax)}` : ''}`;
  const procs = `${node['process-count']}p`.padStart(4);
  const rateNow = `${count(rate[rate.length - 1] ?? 0).padStart(5)}/s`;
  const status = node.status === ':running' ? '' : ' ' + node.status;
  const name = (branch + node.name).padEnd(12);
  // The fullest line that fits: a narrow pane gives up the cpu bar, then the sparkline, then the rate.
  const cpuBar = cpuMax !== undefined ? `${bar(node.usage.cpu, cpuMax)} ` : '';
  const layouts = [
    `${name} ${sparkline(rate, SAMPLES)} ${rateNow} ${procs} cpu ${cpuBar}${share} ${mem}${status}`,
    `${name} ${sparkline(rate, SAMPLES)} ${rateNow} ${procs} cpu ${share} ${mem}${status}`,
    `${name} ${rateNow} ${procs} cpu ${share} ${mem}${status}`,
    `${name} ${procs} cpu ${share} ${mem}${status}`,
  ];
  return (layouts.find((l) => l.length <= width) ?? layouts[layouts.length - 1]).slice(0, width);
}

/** A realm's capabilities: name (or type), rights, and where each came from (another realm, or derived here). */
function caps(node: RealmNode, lines: Line[]): string {
  const realmName = (id: string) => lines.find((l) => l.node.id === id)?.node.name ?? id;
  const list = node.caps.map((c) => {
    const origin = c.from === ':derived' ? ' derived' : c.from !== null && c.from !== ':boot' ? ` from ${realmName(c.from)}` : '';
    return `${String(c.name ?? c.type).slice(1)}:${c.rights.map((r) => r[1]).join('')}${origin}`;
  });
  return `caps of ${node.name}: ${list.join('  ') || 'none'}`;
}

function bar(used: number, max: number): string {
  const n = Math.round(Math.min(1, max > 0 ? used / max : 0) * 5);
  return '█'.repeat(n) + '░'.repeat(5 - n);
}
