/**
 * The Processes pane: a live top like observer_cli, from the inspector's
 * process table. Columns pid, name, realm, status, reductions (delta since
 * the last refresh, or total: `t`), mailbox, memory, current function.
 * Keys: ↑↓ select, PgUp/PgDn page, `s`/`S` sort column forward/back, `r`
 * reverse, `/` filter, `p` pause, `+`/`-` refresh interval, Enter detail,
 * `k` kill (asks first), `z` suspend/resume, `T` trace its messages into
 * the Listener, `g` source of the current function, `D` the Debugger on
 * it (a running process is suspended for it). Each refresh also asks who
 * waits at a breakpoint: those show as `brk`, and the workstation hears of
 * them (a newly stopped one opens the Debugger). The selection is a
 * process: it stays on its pid as the table refreshes and re-sorts
 * (selection.ts). Figures are rounded for people (figures.ts); MEM is what
 * process-info says as :heap-size.
 */
import { useEffect, useRef, useState } from 'react';
import { Box } from 'ink';
import { Text, rowMark } from './text.js';
import { eachKey, useKeys } from './keys.js';
import type { Inspector } from '../inspector/index.js';
import { fit } from './pane.js';
import { bytes, count, decimal } from './figures.js';
import { NO_SELECTION, follow, move, type Selection } from './selection.js';
import { breakpointHits } from './debug-load.js';
import type { BreakpointHit } from './debug-frames.js';

const COLUMNS = ['pid', 'name', 'realm', 'status', 'reductions', 'mailbox-len', 'memory', 'current-fn'] as const;
const HEADERS: Record<string, string> = { pid: 'PID', name: 'NAME', realm: 'REALM', status: 'ST', reductions: 'RED', 'mailbox-len': 'Q', memory: 'MEM', 'current-fn': 'FUNCTION' };
const INTERVALS = [250, 500, 1000, 2000, 5000];

type Row = Record<string, string | number | null>;
interface Page { rows: Row[]; total: number; hidden: number; selection: Selection }

const pidsOf = (rows: readonly Row[]) => rows.map((r) => String(r.pid));

export interface ProcessesProps {
  width: number;
  height: number;
  focused: boolean;
  inspector: Inspector;
  showSource(name: string): void;
  /** Keys typed into the filter are the pane's own: tell the app not to act on them. */
  setCapturing(capturing: boolean): void;
  /** Prints (or stops printing) the messages a process receives in the Listener. */
  trace(pid: string, on: boolean): Promise<string>;
  /** A process to show in detail (a presentation chosen in the Listener); seq tells repeats apart. */
  inspect: { pid: string; seq: number } | null;
  /** Opens the Debugger on a process. */
  debug(pid: string): void;
  /** The processes at a breakpoint, as of each refresh. */
  breakpoints(hits: readonly BreakpointHit[]): void;
}

export function ProcessesPane(p: ProcessesProps) {
  // The page and the selection in it change together: a new page finds the selected pid again.
  const [{ rows, total, hidden, selection }, setPage] = useState<Page>({ rows: [], total: 0, hidden: 0, selection: NO_SELECTION });
  const [system, setSystem] = useState(false);
  const [sort, setSort] = useState(4);
  const [ascending, setAscending] = useState(false);
  const [offset, setOffset] = useState(0);
  const [paused, setPaused] = useState(false);
  const [interval, setIntervalIndex] = useState(2);
  const [showTotal, setShowTotal] = useState(false);
  const [filter, setFilter] = useState('');
  const [editingFilter, setEditing] = useState(false);
  // Read at once by the key handler: keys can come faster than renders (a paste).
  const editing = useRef(false);
  const setEditingFilter = (on: boolean) => { editing.current = on; setEditing(on); };
  const [detail, setDetail] = useState<Record<string, unknown> | null>(null);
  const [message, setMessage] = useState('');
  // The process `k` asks about (y kills it, any other key does not).
  const [confirmKill, setConfirmKill] = useState<Row | null>(null);
  const traced = useRef(new Set<string>());
  const [atBreakpoint, setAtBreakpoint] = useState<ReadonlySet<string>>(new Set());
  const pageSize = Math.max(1, p.height - 4);

  const refresh = async () => {
    // Δ: the machine counts each process's reductions since this pane's previous refresh (:sample), and sorts by them.
    const column = COLUMNS[sort] === 'reductions' && !showTotal ? 'recent' : COLUMNS[sort];
    const reply = await p.inspector.request({ op: 'processes', sort: column, ascending, offset, limit: pageSize, filter: filter || undefined, system, sample: true });
    if (!reply.ok) return setMessage(`processes: ${reply.error}`);
    const page = reply.value as { total: number; hidden: number; rows: Row[] };
    setPage((old) => ({ rows: page.rows, total: page.total, hidden: page.hidden, selection: follow(old.selection, pidsOf(page.rows)) }));
  };
  const pollBreakpoints = async () => {
    const hits = await breakpointHits(p.inspector);
    if (typeof hits === 'string') return;
    setAtBreakpoint(new Set(hits.map((h) => h.pid)));
    p.breakpoints(hits);
  };

  useEffect(() => {
    if (paused) return;
    void refresh();
    void pollBreakpoints();
    // The detail replaces the table while shown: only it is refreshed (the table's Δ keeps counting from its last sample).
    const timer = setInterval(() => {
      void pollBreakpoints();
      if (detailPid.current !== null) showDetail(detailPid.current);
      else void refresh();
    }, INTERVALS[interval]);
    return () => clearInterval(timer);
  }, [paused, interval, sort, ascending, offset, filter, pageSize, system, showTotal]);

  // The process shown in detail, refreshed with the table; a reply arriving after the detail closed is dropped.
  const detailPid = useRef<string | null>(null);
  const showDetail = (pid: string) => {
    detailPid.current = pid;
    void p.inspector.request({ op: 'process', pid }).then((r) => {
      if (detailPid.current === pid) setDetail(r.ok ? (r.value as Record<string, unknown> | null) ?? { pid, status: 'gone' } : { error: r.error });
    });
  };
  const closeDetail = () => {
    detailPid.current = null;
    setDetail(null);
  };
  useEffect(() => {
    if (p.inspect !== null) showDetail(p.inspect.pid);
  }, [p.inspect?.seq]);

  const selected = Math.min(selection.index, rows.length - 1);
  const current = rows[selected];
  const select = (by: number) => setPage((page) => ({ ...page, selection: move(page.selection, pidsOf(page.rows), by) }));
  const command = async (op: string, row: Row | undefined = current) => {
    if (row === undefined) return;
    const reply = await p.inspector.request({ op, pid: String(row.pid) });
    setMessage(reply.ok ? `${op === 'kill' ? 'killed' : op} ${row.pid}` : `${op}: ${reply.error}`);
    void refresh();
  };

  useKeys((chunk, pressed) => eachKey(chunk, pressed, (input, key) => {
    if (confirmKill !== null) {
      // As quitting asks: y kills the process asked about (wherever it sorts now), any other key keeps it.
      if (input === 'y' && !key.ctrl && !key.meta) void command('kill', confirmKill);
      else setMessage(`not killed: ${confirmKill.pid}`);
      setConfirmKill(null);
      p.setCapturing(false);
      return;
    }
    if (editing.current) {
      if (key.return || key.escape) { setEditingFilter(false); p.setCapturing(false); return; }
      if (key.backspace || key.delete) return setFilter((f) => f.slice(0, -1));
      if (input !== '' && !key.ctrl && !key.meta) { setFilter((f) => f + input); setOffset(0); }
      return;
    }
    if (detail !== null) {
      // Esc or Enter: q stays the workstation's quit, as on the key line.
      if (key.escape || key.return) closeDetail();
      return;
    }
    // Letters are commands only alone: Ctrl-K, M-z... belong to the workstation (or nobody).
    if (key.ctrl || (key.meta && !key.escape)) return;
    if (key.upArrow) return select(-1);
    if (key.downArrow) return select(1);
    if (key.pageDown) return setOffset((o) => (o + pageSize < total ? o + pageSize : o));
    if (key.pageUp) return setOffset((o) => Math.max(0, o - pageSize));
    if (input === 's' || input === 'S') return setSort((s) => (s + (input === 's' ? 1 : COLUMNS.length - 1)) % COLUMNS.length);
    if (input === 'r') return setAscending((a) => !a);
    if (input === 't') return setShowTotal((t) => !t);
    if (input === 'a') return setSystem((x) => !x);
    if (input === 'p') return setPaused((x) => !x);
    if (input === '+') return setIntervalIndex((i) => Math.min(INTERVALS.length - 1, i + 1));
    if (input === '-') return setIntervalIndex((i) => Math.max(0, i - 1));
    if (input === '/') { setEditingFilter(true); p.setCapturing(true); return; }
    if (input === 'k' && current !== undefined) {
      setConfirmKill(current);
      p.setCapturing(true);
      return;
    }
    if (input === 'z') return void command(current?.status === ':suspended' ? 'resume' : 'suspend');
    if (input === 'T' && current !== undefined) {
      const pid = String(current.pid);
      const on = !traced.current.has(pid);
      if (on) traced.current.add(pid);
      else traced.current.delete(pid);
      return void p.trace(pid, on).then(setMessage);
    }
    if (input === 'g' && current?.['current-fn']) return p.showSource(String(current['current-fn']));
    if (input === 'D' && current !== undefined) return p.debug(String(current.pid));
    if (key.return && current !== undefined) showDetail(String(current.pid));
  }), p.focused);

  const w = p.width - 2;
  if (detail !== null) return <ProcessDetail info={detail} width={w} height={p.height - 2} />;
  const { shown, widths } = columnLayout(w - rowMark(false).length, COLUMNS[sort]);
  const header = shown.map((c, i) => fit(HEADERS[c] + (c === COLUMNS[sort] ? (ascending ? '▲' : '▼') : ''), widths[i])).join(' ');
  const status = confirmKill !== null ? `kill ${confirmKill.pid}${confirmKill.name ? ` (${confirmKill.name})` : ''}? y/n` : editingFilter ? `filter: ${filter}▏` : `${message ? message + '  ' : ''}${total} process${total === 1 ? '' : 'es'}${filter ? ` matching "${filter}"` : ''}${hidden > 0 ? ` (+${hidden} system)` : system ? ' (system shown)' : ''}  ${paused ? 'PAUSED' : `every ${INTERVALS[interval] / 1000}s`}  ${showTotal ? 'total' : 'Δ'} reductions`;
  return (
    <Box flexDirection="column" width={w}>
      <Text bold wrap="truncate">{rowMark(false) + header}</Text>
      {rows.map((r, i) => {
        const red = showTotal ? r.reductions : r.recent;
        const cells = shown.map((c, k) => fit(c === 'status' && atBreakpoint.has(String(r.pid)) ? 'brk' : cell(c === 'reductions' ? red : r[c], c), widths[k]));
        return <Text key={String(r.pid)} inverse={p.focused && i === selected} wrap="truncate">{rowMark(p.focused && i === selected) + cells.join(' ')}</Text>;
      })}
      <Text color={confirmKill !== null ? 'yellow' : 'gray'} wrap="truncate">{status}</Text>
    </Box>
  );
}

function ProcessDetail({ info, width, height }: { info: Record<string, unknown>; width: number; height: number }) {
  const keys = ['pid', 'name', 'status', 'realm', 'priority', 'reductions', 'mailbox-len', 'heap-size', 'links', 'monitors', 'monitored-by', 'trap-exit', 'current-fn', 'stack', 'messages'];
  const shown = (k: string, v: unknown) => (k === 'heap-size' && typeof v === 'number' ? `${bytes(v)} (${v} bytes)` : lonaText(v));
  const lines = info === null ? ['the process is gone'] : keys.map((k) => `${k.padEnd(13)} ${shown(k, (info as Record<string, unknown>)[k] ?? null)}`);
  return (
    <Box flexDirection="column" width={width} height={height}>
      {lines.slice(0, height - 1).map((l, i) => <Text key={i} wrap="truncate">{l}</Text>)}
      <Text color="gray">Esc back</Text>
    </Box>
  );
}

const STATUS: Record<string, string> = { ':runnable': 'run', ':running': 'RUN', ':waiting': 'wait', ':suspended': 'susp', ':exited': 'exit' };

/** Host data printed back the way Lonala prints it (keywords, pids and functions are already their text). */
function lonaText(v: unknown): string {
  if (v === null || v === undefined) return 'nil';
  if (Array.isArray(v)) return `[${v.map(lonaText).join(' ')}]`;
  if (typeof v === 'object') return `%{${Object.entries(v).map(([k, x]) => `:${k} ${lonaText(x)}`).join(' ')}}`;
  return typeof v === 'number' ? decimal(v) : String(v);
}

function cell(v: unknown, column: string): string {
  if (v === null || v === undefined) return column === 'name' ? '' : '-';
  if (column === 'status') return STATUS[String(v)] ?? String(v);
  if (typeof v === 'number') return column === 'memory' ? bytes(v) : count(v);
  return String(v).replace(/^#pid<(.*)>$/, '$1').replace(/^:/, '');
}

type Column = typeof COLUMNS[number];
const WIDTHS: Record<Column, number> = { pid: 9, name: 12, realm: 7, status: 5, reductions: 6, 'mailbox-len': 4, memory: 6, 'current-fn': 8 };
/** In a narrow pane these columns go first, in this order. */
const DROPPED_FIRST: Column[] = ['memory', 'mailbox-len', 'current-fn', 'realm'];

/** The columns that fit in `total` (the sorted one always) and their widths; the function takes what is left. */
function columnLayout(total: number, sorted: Column): { shown: Column[]; widths: number[] } {
  const need = (cs: Column[]) => cs.reduce((sum, c) => sum + WIDTHS[c] + 1, -1);
  let shown: Column[] = [...COLUMNS];
  for (const c of DROPPED_FIRST) if (need(shown) > total && c !== sorted) shown = shown.filter((s) => s !== c);
  const spare = Math.max(0, total - need(shown));
  return { shown, widths: shown.map((c) => WIDTHS[c] + (c === 'current-fn' ? spare : 0)) };
}
