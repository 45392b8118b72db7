/**
 * Evaluation through the protocol (PROTOCOL.md "Evaluation"): a real
 * machine host in a worker thread (the workstation's), driven by the
 * client the screen uses (src/inspector/client.ts). Each form's outcome
 * comes back as data, after the output it printed, with the presentations
 * the printer found in it. Runs the compiled modules (`npm run build`
 * first, as `npm test` does): a worker thread runs JavaScript.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { EvalResult, MachineClient as Client } from '../../src/inspector/index.js';

const dist = '../../dist/inspector/index.js';
let client: Client;
let output = '';
let linesWanted = 0;
const events: string[] = [];

/** Evaluates `text`; the results, and the console output and results in the order they came. */
async function evaluate(text: string): Promise<{ results: EvalResult[]; after: { ns: string; prompt: string } }> {
  const results: EvalResult[] = [];
  const after = await client.evaluate(text, (r) => {
    results.push(r);
    events.push(`result ${r.text}`);
  });
  return { results, after };
}

beforeAll(async () => {
  const { MachineClient, startMachine } = (await import(dist)) as typeof import('../../src/inspector/index.js');
  const dir = mkdtempSync(join(tmpdir(), 'lona-client-'));
  client = new MachineClient(startMachine(dir), {
    output: (t) => { output += t; events.push(`output ${t}`); },
    wantLine: () => { linesWanted++; },
    fatal: (m) => { throw new Error(m); },
  });
  expect(await client.ready).toMatchObject({ ns: 'user', prompt: 'lona', machine: { kind: 'workstation', pid: process.pid, mayStop: false } });
  // The live loader says it is watching once its watcher is ready, which may
  // be after the prompt; wait for it so it is not taken for a form's output.
  await vi.waitFor(() => expect(output).toMatch(/watching for changes/), { timeout: 20_000 });
});

afterAll(async () => {
  await client.stop();
});

describe('evaluation through the protocol', () => {
  it('answers each form with its kind, text and value as data', async () => {
    const { results, after } = await evaluate('(+ 1 2) [:a "b" 1.5] (/ 1 0)');
    expect(results.map((r) => r.kind)).toEqual(['value', 'value', 'exit']);
    expect(results[0]).toEqual({ kind: 'value', text: '3', value: 3, presentations: [] });
    expect(results[1].value).toEqual([':a', 'b', 1.5]);
    expect(results[2].text).toMatch(/^\*\* exit \[:error :division-by-zero/);
    expect((results[2].value as unknown[])[1]).toBe(':division-by-zero');
    expect(after).toEqual({ ns: 'user', prompt: 'lona' });
  });

  it('sends what a form prints before its result', async () => {
    events.length = 0;
    await evaluate('(println "first") (do (println "second") :done)');
    expect(events).toEqual(['output first\n', 'result nil', 'output second\n', 'result :done']);
  });

  it('carries the presentations the printer found: pids, vars, functions, realms, with their offsets', async () => {
    const { results } = await evaluate('(def napper (spawn (fn [] (receive :wake :ok)))) [napper #\'user/napper inc (self-realm)]');
    const [defined, shown] = results;
    expect(defined.presentations).toEqual([{ type: 'var', text: "#'user/napper", offset: 0 }]);
    const types = shown.presentations.map((p) => p.type);
    expect(types).toEqual(['pid', 'var', 'fn', 'realm']);
    for (const p of shown.presentations) expect(shown.text.slice(p.offset, p.offset + p.text.length)).toBe(p.text);
  });

  it('keeps *1 and *e as the line REPL does', async () => {
    await evaluate('(* 6 7)');
    expect((await evaluate('*1')).results[0].text).toBe('42');
    await evaluate('(car 1)');
    expect((await evaluate('(first *e)')).results[0].text).toBe(':error');
  });

  it('reports read and compile errors as results, and goes on with the next evaluation', async () => {
    const { results } = await evaluate('(def 42 1)');
    expect(results[0].kind).toBe('compile-error');
    expect((await evaluate('"open')).results[0].kind).toBe('read-error');
    expect((await evaluate(':fine')).results[0].text).toBe(':fine');
  });

  it('says the namespace and prompt after each evaluation', async () => {
    expect((await evaluate('(ns my.app)')).after).toEqual({ ns: 'my.app', prompt: 'my.app' });
    expect((await evaluate('(in-ns \'user)')).after).toEqual({ ns: 'user', prompt: 'lona' });
  });

  it('interrupts a runaway evaluation; its definitions survive', async () => {
    await evaluate('(defn spin [] (spin))');
    const running = evaluate('(spin)');
    setTimeout(() => client.interrupt(), 50);
    const { results } = await running;
    expect(results[0].text).toBe('** exit :killed');
    expect((await evaluate('(fn? spin)')).results[0].text).toBe('true');
  });

  it('gives a typed line to a program waiting in read-line', async () => {
    const before = linesWanted;
    const running = evaluate('(read-line)');
    while (linesWanted === before) await new Promise((r) => setTimeout(r, 5));
    client.line('typed text');
    expect((await running).results[0].text).toBe('"typed text"');
  });

  it('answers inspector requests beside evaluations', async () => {
    const reply = await client.request({ op: 'complete', ns: 'user', prefix: 'napp' });
    expect(reply).toEqual({ ok: true, value: ['napper'] });
  });
});
