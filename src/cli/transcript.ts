/**
 * Transcripts (WORKSTATION.md "Transcripts"): a REPL session as a user
 * would paste it, replayed in a fresh machine by `lona test`.
 *
 *     lona> (def x 40)
 *     #'user/x
 *     lona> (+ x
 *     ...>    2)
 *     42
 *
 * An entry is a prompt line (`lona>`, or the current namespace's name as
 * the REPL shows it after `in-ns`), its continuation lines (`...>`) and the
 * expected output up to the next prompt: what `println` wrote, then each
 * result or failure as the REPL prints it. Blank and `;;` lines ending an
 * entry's output are commentary; text before the first prompt is a header.
 * After each entry the machine runs on until no process is runnable (or
 * for at most SETTLE_MS), so what background processes print at once
 * belongs to the entry, as it would appear at the REPL. Crash reports of
 * unwatched processes (stderr at the REPL) are not part of a transcript.
 */
import { performance } from 'node:perf_hooks';
import { System, Session, OutcomePrinter, TEST_REDUCTION_LIMIT, promptName } from '../os/index.js';
import { textMatches, valueMatches } from './matching.js';

export interface TranscriptEntry {
  /** Line of the prompt (1-based). */
  line: number;
  input: string;
  expected: string[];
  actual: string[];
  passed: boolean;
  /** Line indexes (0-based, end exclusive) of the expected output in the file. */
  outputFrom: number;
  outputTo: number;
}

export interface TranscriptResult { file: string; entries: TranscriptEntry[] }

const SETTLE_MS = 25;
const PROMPT = /^([^\s()[\]{}"';`~@^\\]+)>(?: (.*))?$/;
const CONTINUATION = /^\.\.\.>(?: (.*))?$/;

/** The input after the prompt if `line` is a prompt of namespace `ns`. */
function promptInput(line: string, ns: string): string | null {
  const m = PROMPT.exec(line);
  return m !== null && m[1] === promptName(ns) ? m[2] ?? '' : null;
}

/** Replays the transcript text `source` (named `file` in reports) in a fresh session. */
export function runTranscript(source: string, file: string): TranscriptResult {
  const output: string[] = [];
  const write = (t: string) => void output.push(t);
  // Crash reports go to stderr at the REPL: a transcript holds what it prints on stdout.
  const system = System.boot({ write, report: () => undefined });
  const session = new Session(system, system.user, system.sessionRealm());
  session.reductionLimit = TEST_REDUCTION_LIMIT;
  const printer = new OutcomePrinter(system, write, () => undefined, session);
  session.onIdleExit = (reason) => printer.idleExit(reason);

  const lines = source.replace(/\n$/, '').split('\n');
  const entries: TranscriptEntry[] = [];
  let i = lines.findIndex((l) => promptInput(l, session.ns.name) !== null);
  while (i >= 0 && i < lines.length) {
    const line = i + 1;
    const inputLines = [promptInput(lines[i], session.ns.name) as string];
    for (i++; i < lines.length && CONTINUATION.test(lines[i]); i++) inputLines.push(CONTINUATION.exec(lines[i])![1] ?? '');
    const input = inputLines.join('\n');

    output.length = 0;
    // As the REPL: every form's outcome printed, a failure does not stop the entry's later forms.
    session.evalTextSync(input, { file, line, keepGoing: true, onForm: (o) => printer.show(o) });
    settle(system);
    const actual = output.join('').replace(/\n$/, '');

    const outputFrom = i;
    while (i < lines.length && promptInput(lines[i], session.ns.name) === null) i++;
    let outputTo = i;
    while (outputTo > outputFrom && (lines[outputTo - 1].trim() === '' || lines[outputTo - 1].startsWith(';;'))) outputTo--;
    const expected = lines.slice(outputFrom, outputTo);
    const actualLines = actual === '' ? [] : actual.split('\n');
    entries.push({ line, input, expected, actual: actualLines, passed: outputMatches(expected, actualLines), outputFrom, outputTo });
  }
  return { file, entries };
}

/** Lets processes the entry started run until none is runnable (bounded: a looping one runs on later). */
function settle(system: System): void {
  const deadline = performance.now() + SETTLE_MS;
  system.scheduler.runUntil(() => system.scheduler.runnable === 0 || performance.now() >= deadline);
}

/**
 * Expected output lines against actual ones: the whole text alike (`...`
 * matching anything, across lines too), or line by line where each pair
 * matches as text or as data.
 */
export function outputMatches(expected: string[], actual: string[]): boolean {
  if (textMatches(expected.join('\n'), actual.join('\n'))) return true;
  return expected.length === actual.length && expected.every((e, k) => valueMatches(e, actual[k]));
}

/** `source` with each failing entry's expected output replaced by what it printed (`lona test --update`). */
export function updatedTranscript(source: string, result: TranscriptResult): string {
  const lines = source.replace(/\n$/, '').split('\n');
  for (const e of [...result.entries].reverse()) {
    if (!e.passed) lines.splice(e.outputFrom, e.outputTo - e.outputFrom, ...e.actual);
  }
  return lines.join('\n') + '\n';
}
