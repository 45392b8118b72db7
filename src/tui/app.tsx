/**
 * The workstation screen (WORKSTATION.md "The screen"): Listener and
 * Processes above, Source and Realms & capabilities below, a key line at
 * the bottom; M-z zooms the focused pane to the whole screen and back.
 * The Debugger (use-debugger.ts) takes the Processes pane's place while open.
 * Everything shown comes from the machine worker: the Listener's output
 * through the console, the other panes through the inspector protocol.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { Box, useApp, useStdin, useStdout } from 'ink';
import { Text } from './text.js';
import { eachKey, useKeys } from './keys.js';
import { HelpOverlay, helpPages } from './help.js';
import type { EvalResult, MachineClient } from '../inspector/index.js';
import type { History } from './line-editor.js';
import { Pane } from './pane.js';
import { ListenerPane } from './listener-pane.js';
import { ProcessesPane } from './processes-pane.js';
import { RealmsPane } from './realms-pane.js';
import { SourcePane } from './source-pane.js';
import { useVars } from './use-vars.js';
import { NO_OUTPUT, appendOutput, nameOf, presentationsOf, type Output, type Presentation } from './presentations.js';
import { openInEditor } from './editor.js';
import { retakeTerminal } from './terminal.js';
import { callersText, runCommandLine, type CommandContext, type PaneName } from './commands.js';
import { CommandLine, commandLineKey } from './command-line.js';
import { DEBUGGER_KEYS, DebuggerPane } from './debugger.js';
import { debugTitle, type DebugView } from './debug-load.js';
import type { Frame, FrameValue } from './debug-frames.js';
import { DEBUGGER_PANE, useDebugger } from './use-debugger.js';

const PANES = ['Listener', 'Processes', 'Source', 'Realms & capabilities'] as const;
const PANE_INDEX: Record<PaneName, number> = { listener: 0, processes: 1, source: 2, realms: 3 };
const KEYS: Record<string, string> = {
  Listener: 'Tab next pane  Enter eval  Tab complete  M-. source  Ctrl-C interrupt  PgUp scroll  M-x command  Ctrl-D quit',
  Processes: 'Tab next pane  s sort  r reverse  / filter  p pause  +/- rate  Enter inspect  k kill  z suspend  D debug  T trace  g source  : command  q quit',
  Source: 'Tab next pane  d disassembly  e open in $EDITOR  b/B break/unbreak  ↑↓ scroll  : command  q quit',
  'Realms & capabilities': 'Tab next pane  ↑↓ select  x terminate  : command  q quit',
};
/** The Debugger's key line, for what it shows. */
const debuggerKeys = (kind: DebugView['kind']) => `Tab next pane  ↑↓ frame/value  ${DEBUGGER_KEYS[kind]}  : command  q quit`;
/** What the Listener evaluates, one at a time: typed text, or a Debugger's value copied (frame-value). */
type Entry = { text: string } | { pid: string; frame: number; name: string | number; says: string };
const MAX_LINES = 5000;
const MIN_COLUMNS = 80;
const MIN_ROWS = 24;

export interface AppProps {
  machine: MachineClient;
  history: History;
  initialNs: string;
  /** The prompt the session shows in it (`lona` in user). */
  initialPrompt: string;
  /** Subscribes to the machine's console output and read-line requests. */
  subscribe(listener: { output(text: string): void; wantLine(): void }): void;
}

export function App({ machine, history, initialNs, initialPrompt, subscribe }: AppProps) {
  const { exit } = useApp();
  const { stdout } = useStdout();
  const [size, setSize] = useState({ columns: stdout.columns || 100, rows: stdout.rows || 30 });
  const [output, setOutput] = useState<Output>(NO_OUTPUT);
  const [ns, setNs] = useState(initialNs);
  const [prompt, setPrompt] = useState(initialPrompt);
  const [busy, setBusy] = useState(false);
  const [lineWanted, setLineWanted] = useState(false);
  // Refs, not state: several Enters can arrive in one paste, before a render.
  const queue = useRef<Entry[]>([]);
  const running = useRef(false);
  const linesWanted = useRef(0);
  const promptNow = useRef(initialPrompt);
  const [focus, setFocus] = useState(0);
  // M-z: the focused pane has the whole screen (and keeps it as focus moves) until M-z again.
  const [zoomed, setZoomed] = useState(false);
  /** The columns of the Listener's output, for pretty printing results. */
  const listenerWidth = useRef(0);
  const [capturing, setCapturing] = useState(false);
  const [sourceTarget, setSourceTarget] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  const [inspectPid, setInspectPid] = useState<{ pid: string; seq: number } | null>(null);
  const vars = useVars(machine, ns, generation);
  /** A var's qualified name from a short one, as the session's namespace resolves it. */
  const qualify = (short: string) => (short.includes('/') ? short : vars.find((v) => v.short === short)?.name ?? `${ns}/${short}`);
  const focusNow = useRef(0);
  focusNow.current = focus;
  const debug = useDebugger({
    inspector: machine, say: (text) => echo('', `;; ${text}`), focus: setFocus, focused: () => focusNow.current, cwd: process.cwd(), qualify,
  });
  const shown = useMemo(() => shownLines(output.lines), [output.lines]);
  const presentations = useMemo(() => presentationsOf(output), [output]);

  useEffect(() => {
    const resize = () => setSize({ columns: stdout.columns, rows: stdout.rows });
    stdout.on('resize', resize);
    return () => void stdout.off('resize', resize);
  }, [stdout]);

  useEffect(() => {
    subscribe({
      output: (text) => setOutput((o) => appendOutput(o, text, [], MAX_LINES)),
      wantLine: () => { linesWanted.current++; setLineWanted(true); },
    });
  }, []);

  const echo = (shownPrompt: string, text: string) => setOutput((o) => appendOutput(o, text.split('\n').map((l, i) => (i === 0 ? shownPrompt : '...> ') + l).join('\n') + '\n', [], MAX_LINES));
  /** Evaluates queued input one entry at a time, as a REPL reads typed-ahead lines. */
  const pump = () => {
    const entry = running.current ? undefined : queue.current.shift();
    if (entry === undefined) return;
    running.current = true;
    setBusy(true);
    echo(`${promptNow.current}> `, 'text' in entry ? entry.text : `;; ${entry.says}`);
    const onResult = (r: EvalResult) => {
      setOutput((o) => appendOutput(o, r.text + '\n', r.presentations, MAX_LINES));
      if ('text' in entry) debug.evaluated(r, entry.text);
    };
    // Results are pretty printed to the Listener's width (as it is when the evaluation starts).
    const width = listenerWidth.current > 0 ? listenerWidth.current : undefined;
    const evaluation = 'text' in entry ? machine.evaluate(entry.text, onResult, width) : machine.frameValue(entry.pid, entry.frame, entry.name, onResult, width);
    void evaluation.then((after) => {
      running.current = false;
      promptNow.current = after.prompt;
      setNs(after.ns);
      setPrompt(after.prompt);
      setGeneration((g) => g + 1);
      if (queue.current.length === 0) setBusy(false);
      pump();
    });
  };
  const submit = (text: string) => {
    if (running.current && linesWanted.current > 0) {
      // A program waits in read-line: the line is its input.
      linesWanted.current--;
      setLineWanted(linesWanted.current > 0);
      echo('', text);
      return machine.line(text);
    }
    queue.current.push({ text });
    pump();
  };
  /** A Debugger's value to the Listener, where it becomes *1 (a breakpoint's argument: an element of its arguments). */
  const copyValue = (pid: string, frame: Frame, value: FrameValue) => {
    const { frame: index, name, nth } = value.ref;
    queue.current.push({ pid, frame: index, name, says: `${value.label} of ${frame.fn ?? '(fn)'}, frame ${index} of ${pid}` });
    if (nth !== undefined) queue.current.push({ text: `(nth *1 ${nth})` });
    pump();
  };
  const showSource = (name: string) => {
    setSourceTarget(qualify(name));
    setFocus(2);
  };
  const inspect = (pid: string) => {
    setInspectPid((prev) => ({ pid, seq: (prev?.seq ?? 0) + 1 }));
    setFocus(1);
  };
  /** A presentation's command, chosen in the Listener. */
  const present = (chosen: Presentation, action: string) => {
    switch (action) {
      case 'inspect': return inspect(chosen.text);
      case 'kill':
        void machine.request({ op: 'kill', pid: chosen.text }).then((r) => echo('', `;; ${r.ok ? 'killed' : `kill failed: ${r.error}`} ${chosen.text}`));
        return;
      case 'fn-source':
        void machine.request({ op: 'process', pid: chosen.text }).then((r) => {
          const fn = r.ok && r.value !== null ? String((r.value as Record<string, unknown>)['current-fn'] ?? '') : '';
          if (fn !== '' && fn !== 'null') showSource(fn.replace(/^#fn<(.*)>$/, '$1'));
          else echo('', `;; ${chosen.text} runs no function now`);
        });
        return;
      case 'source': return showSource(nameOf(chosen));
      case 'doc': return submit(`(doc ${nameOf(chosen)})`);
      case 'callers': return void callersText(machine, nameOf(chosen)).then((text) => echo('', `;; ${text}`));
      case 'value': return submit(nameOf(chosen));
      case 'realm': return setFocus(3);
      case 'debug': return debug.debug(chosen.text);
    }
  };
  const trace = async (pid: string, on: boolean) => {
    // Traced messages print on the console, so in the Listener.
    const r = await machine.request(on ? { op: 'trace', pid, to: 'console' } : { op: 'untrace', pid });
    return r.ok ? `${on ? 'tracing' : 'stopped tracing'} ${pid}` : `trace: ${r.error}`;
  };
  /** The editor has the terminal meanwhile; a new size afterwards makes Ink draw the whole screen again. */
  const edit = (file: string, line: number) => {
    const error = openInEditor(file, line);
    retakeTerminal();
    setSize({ columns: stdout.columns, rows: stdout.rows - 1 });
    setTimeout(() => setSize({ columns: stdout.columns, rows: stdout.rows }), 0);
    return error;
  };
  const cycle = (back: boolean) => setFocus((f) => (f + (back ? PANES.length - 1 : 1)) % PANES.length);

  // F1 reaches useInput as an empty input: the raw input shows it.
  const [help, setHelpShown] = useState(false);
  const [helpPage, setHelpPage] = useState(0);
  const setHelp = (shown: boolean | ((h: boolean) => boolean)) => { setHelpPage(0); setHelpShown(shown); };
  const { internal_eventEmitter: rawInput } = useStdin() as unknown as { internal_eventEmitter: NodeJS.EventEmitter };
  useEffect(() => {
    const onRaw = (data: string) => { if (data === '\x1bOP' || data === '\x1b[11~') setHelp((h) => !h); };
    rawInput.on('input', onRaw);
    return () => void rawInput.off('input', onRaw);
  }, []);

  // Quitting asks first while processes run (the system's own and idle evaluators aside).
  const [quitAsk, setQuitAsk] = useState<string | null>(null);
  const requestQuit = () => {
    // Attached (lona attach), quitting detaches: the machine and its processes keep running.
    if (machine.detaches) return exit();
    void machine.request({ op: 'processes', limit: 1 }).then((r) => {
      const running = r.ok ? Number((r.value as { total: number }).total) : -1;
      if (running === 0) return exit();
      setQuitAsk(running > 0 ? `${running} process${running === 1 ? ' is' : 'es are'} running. Quit anyway? y/n` : `the machine does not answer (${r.ok ? '' : r.error}). Quit anyway? y/n`);
    });
  };

  // The command line: a ref beside the state, since keys of one burst come before a render.
  const commandText = useRef<string | null>(null);
  const [commandLine, setCommandLineState] = useState<string | null>(null);
  const setCommandLine = (text: string | null) => { commandText.current = text; setCommandLineState(text); };
  const commands: CommandContext = {
    inspector: machine, say: (text) => echo('', `;; ${text}`), focus: (pane) => setFocus(PANE_INDEX[pane]),
    showSource, inspect, trace, help: () => setHelp(true), clear: () => setOutput(NO_OUTPUT), quit: requestQuit,
    zoom: () => setZoomed((z) => !z), debug: debug.debug,
  };

  const { columns, rows } = size;
  const tooSmall = columns < MIN_COLUMNS || rows < MIN_ROWS;
  useKeys((chunk, pressed) => eachKey(chunk, pressed, (input, key) => {
    // No pane is drawn on a screen too small: q, Ctrl-D or Ctrl-C leave.
    if (tooSmall) return input === 'q' || (key.ctrl && (input === 'd' || input === 'c')) ? exit() : undefined;
    if (quitAsk !== null) {
      setQuitAsk(null);
      return input === 'y' ? exit() : undefined;
    }
    if (commandText.current !== null) return setCommandLine(commandLineKey(commandText.current, input, key, (line) => runCommandLine(line, commands)));
    if (help && (key.pageDown || key.pageUp)) {
      const last = helpPages(columns, rows).length - 1;
      return setHelpPage((n) => Math.max(0, Math.min(last, n + (key.pageDown ? 1 : -1))));
    }
    if (help) return setHelp(false);
    if (capturing) return;
    // M-z (ESC z) reaches Ink as z with meta in every pane, the Listener's text too (Ctrl-Z is job control).
    if (input === 'z' && key.meta) return setZoomed((z) => !z);
    if ((input === 'x' && key.meta) || (input === ':' && focus !== 0)) return setCommandLine('');
    if (input === '?' && focus !== 0) return setHelp(true);
    if (key.tab && focus !== 0) return cycle(key.shift);
    if (input === 'q' && focus !== 0) requestQuit();
  }));

  if (tooSmall) {
    return <Text color="yellow">{`The terminal is ${columns}x${rows}; the workstation needs at least ${MIN_COLUMNS}x${MIN_ROWS}. Resize it, or q to quit (lona repl works anywhere).`}</Text>;
  }
  // The panes stay mounted (and keep their state) under the help; none of them takes keys meanwhile.
  const focused = (i: number) => focus === i && !help && commandLine === null && quitAsk === null;
  const leftWidth = Math.floor(columns * (columns < 110 ? 0.5 : 0.55));
  const rightWidth = columns - leftWidth;
  const topHeight = Math.floor((rows - 1) * 0.6);
  const bottomHeight = rows - 1 - topHeight;
  // Zoomed, the focused pane takes the screen; the others stay mounted (keeping their state), undrawn.
  const zoom = zoomed ? focus : null;
  listenerWidth.current = (zoom === 0 ? columns : leftWidth) - 2;
  const box = (i: number) => (zoom === i
    ? { width: columns, height: rows - 1, hidden: false, title: (t: string) => `${t} (zoomed: M-z back)` }
    : { width: i % 2 === 0 ? leftWidth : rightWidth, height: i < 2 ? topHeight : bottomHeight, hidden: zoom !== null, title: (t: string) => t });
  const [listener, processes, source, realms] = [0, 1, 2, 3].map(box);
  const row = (top: boolean) => (help || (zoom !== null && zoom < 2 !== top) ? 'none' : 'flex');
  return (
    <Box flexDirection="column" width={columns} height={rows}>
      {help ? <HelpOverlay width={columns} height={rows} page={helpPage} /> : null}
      <Box flexDirection="row" display={row(true)}>
        <Pane title={listener.title('Listener')} width={listener.width} height={listener.height} hidden={listener.hidden} focused={focused(0)}>
          <ListenerPane width={listener.width} height={listener.height} focused={focused(0)} prompt={prompt} busy={busy} lineWanted={lineWanted}
            lines={shown} presentations={presentations} history={history} vars={vars} submit={submit} interrupt={() => machine.interrupt()}
            tabAway={cycle} showSource={showSource} present={present} quit={requestQuit} />
        </Pane>
        <Pane title={processes.title(debug.view === null ? 'Processes' : debugTitle(debug.view, processes.width - 7))} width={processes.width} height={processes.height} hidden={processes.hidden} focused={focused(1)}>
          {debug.view === null ? null : (
            <DebuggerPane width={processes.width} height={processes.height} focused={focused(1)} inspector={machine} view={debug.view} cwd={process.cwd()}
              select={debug.select} copy={copyValue} retry={(text) => { debug.close(); submit(text); }} close={debug.close} replace={debug.replace} qualify={qualify} setCapturing={setCapturing} />
          )}
          {/* Under the Debugger the table stays mounted (its state, its polling for breakpoints), undrawn. */}
          <Box flexDirection="column" display={debug.view === null ? 'flex' : 'none'}>
            <ProcessesPane width={processes.width} height={processes.height} focused={focused(1) && debug.view === null} inspector={machine} showSource={showSource} setCapturing={setCapturing}
              inspect={inspectPid} trace={trace} debug={debug.debug} breakpoints={debug.hits} />
          </Box>
        </Pane>
      </Box>
      <Box flexDirection="row" display={row(false)}>
        <Pane title={source.title(debug.frame !== null ? `Source: ${debug.frame.title}` : sourceTarget === null ? 'Source' : `Source: ${sourceTarget}`)} width={source.width} height={source.height} hidden={source.hidden} focused={focused(2)}>
          <SourcePane width={source.width} height={source.height} focused={focused(2)} inspector={machine} target={sourceTarget} frame={debug.frame} edit={edit} />
        </Pane>
        <Pane title={realms.title('Realms & capabilities')} width={realms.width} height={realms.height} hidden={realms.hidden} focused={focused(3)}>
          <RealmsPane width={realms.width} height={realms.height} focused={focused(3)} inspector={machine} setCapturing={setCapturing} />
        </Pane>
      </Box>
      {help ? null
        : quitAsk !== null ? <Text inverse color="yellow" wrap="truncate">{` ${quitAsk}`.padEnd(columns)}</Text>
        : commandLine !== null ? <CommandLine text={commandLine} width={columns} />
        : <Text inverse wrap="truncate">{` F1 help  M-z ${zoomed ? 'unzoom' : 'zoom'}  ${focus === DEBUGGER_PANE && debug.view !== null ? debuggerKeys(debug.view.kind) : KEYS[PANES[focus]]}`.padEnd(columns)}</Text>}
    </Box>
  );
}

/** The output lines to show: all but an empty open line. */
function shownLines(lines: readonly string[]): readonly string[] {
  return lines.length > 0 && lines[lines.length - 1] === '' ? lines.slice(0, -1) : lines;
}
