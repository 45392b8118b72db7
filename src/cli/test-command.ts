/**
 * `lona test [paths] [--update]` (WORKSTATION.md "Commands"): runs the
 * transcript files (`*.transcript`) and Lonala spec files (`.lona` files
 * with `; =>` assertions) under the given files and directories (default
 * `tests/`), each in a fresh machine. Prints one line per failure
 * (file:line, expected, actual; a diff under it for long values), then
 * `N passed, N failed`; the status is 1 on any failure. `--update`
 * rewrites the expected output of failing transcript entries with what
 * they printed, as snapshot tests do.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { runSpec } from './spec-file.js';
import { runTranscript, updatedTranscript } from './transcript.js';
import { describeDifference } from './difference.js';
import { isSpecFile } from '../os/index.js';

interface Failure { at: string; input: string; expected: string; actual: string }

export function runTests(args: string[], write: (text: string) => void = (t) => void process.stdout.write(t)): number {
  const update = args.includes('--update');
  const unknown = args.find((a) => a.startsWith('--') && a !== '--update');
  if (unknown !== undefined) {
    write(`lona test: unknown option ${unknown}\n`);
    return 2;
  }
  const paths = args.filter((a) => !a.startsWith('--'));
  let files: string[];
  try {
    files = (paths.length === 0 ? ['tests'] : paths).flatMap((p) => testFiles(p));
  } catch (e) {
    write(`lona test: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? `no such file or directory: ${(e as NodeJS.ErrnoException).path}` : (e as Error).message}\n`);
    return 2;
  }
  let passed = 0;
  let failed = 0;
  const started = performance.now();
  for (const file of files) {
    const shown = relative(process.cwd(), file) || file;
    const { count, failures, rewritten } = runFile(file, shown, update);
    passed += count - failures.length;
    failed += failures.length;
    for (const f of failures) write(report(f));
    if (rewritten) write(`updated ${shown}\n`);
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  write(`${files.length} file${files.length === 1 ? '' : 's'} in ${seconds} s\n${passed} passed, ${failed} failed\n`);
  return failed > 0 ? 1 : 0;
}

/** Runs one file; its assertions (or entries) counted, the failing ones described. */
function runFile(file: string, shown: string, update: boolean): { count: number; failures: Failure[]; rewritten: boolean } {
  const source = readFileSync(file, 'utf8');
  if (file.endsWith('.transcript')) {
    const result = runTranscript(source, shown);
    // A file with no prompt line tests nothing: an error, not 0 passed.
    if (result.entries.length === 0) {
      return { count: 1, failures: [{ at: shown, input: '', expected: 'a transcript: prompt lines (lona> form) with the output under each', actual: 'no prompt line in the file' }], rewritten: false };
    }
    const failures = result.entries.filter((e) => !e.passed).map((e) => ({
      at: `${shown}:${e.line}`, input: e.input, expected: e.expected.join('\n'), actual: e.actual.join('\n'),
    }));
    if (update && failures.length > 0) {
      writeFileSync(file, updatedTranscript(source, result));
      return { count: result.entries.length, failures: [], rewritten: true };
    }
    return { count: result.entries.length, failures, rewritten: false };
  }
  const result = runSpec(source, shown);
  const failures: Failure[] = result.assertions.filter((a) => !a.passed)
    .map((a) => ({ at: `${shown}:${a.line}`, input: a.form, expected: a.expected, actual: a.actual }));
  if (result.error !== null) failures.push({ at: shown, input: '', expected: 'the file to run to its end', actual: result.error });
  return { count: result.assertions.length + (result.error === null ? 0 : 1), failures, rewritten: false };
}

/** One line per failure, and a diff under it when the values are long. */
function report(f: Failure): string {
  const oneLine = (s: string) => s.replace(/\s*\n\s*/g, ' ');
  const head = `FAIL ${f.at}: ${oneLine(f.input)}: expected ${oneLine(f.expected) || '(no output)'}, actual ${oneLine(f.actual) || '(no output)'}\n`;
  const long = f.expected.length + f.actual.length > 120 || f.expected.includes('\n') || f.actual.includes('\n');
  return long ? head + describeDifference(f.expected, f.actual) : head;
}

/** The test files `path` names: itself if a file, else the transcripts and spec files below it. */
function testFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  const found: string[] = [];
  for (const entry of readdirSync(path, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = join(path, entry.name);
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('.') && entry.name !== 'node_modules') found.push(...testFiles(full));
    } else if (entry.name.endsWith('.transcript') || (entry.name.endsWith('.lona') && isSpecFile(readFileSync(full, 'utf8')))) {
      found.push(full);
    }
  }
  return found;
}
