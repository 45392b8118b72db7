/**
 * Shared helpers for the vitest suites that drive a whole Lona system:
 * booting one from source and evaluating Lonala text in a session.
 *
 * `bootFromSource` ignores the on-disk boot image (LONA_NO_IMAGE=1) so that
 * a suite about the processor or the compiler never depends on the state
 * of `.lona-cache/`; tests/os/image.test.ts covers the image itself.
 */
import { expect } from 'vitest';
import { Fn, Keyword, PMap, Tuple, type Value } from '../../src/machine/index.js';
import { System, type Console } from '../../src/os/system.js';
import { Session, describeOutcome, type FormOutcome } from '../../src/os/session.js';
import { printValue } from '../../src/lonala/printer.js';

/** A console that keeps what programs print. */
export function captureConsole(): Console & { text(): string; clear(): void } {
  const out: string[] = [];
  return {
    write: (t: string) => void out.push(t),
    text: () => out.join(''),
    clear: () => { out.length = 0; },
  };
}

/** Runs `body` with environment variable `name` set to `value` (restored afterwards). */
export function withEnv<T>(name: string, value: string | undefined, body: () => T): T {
  const saved = process.env[name];
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
  try {
    return body();
  } finally {
    if (saved === undefined) delete process.env[name];
    else process.env[name] = saved;
  }
}

/** A system with the standard library compiled from std/ (never from the image). */
export function bootFromSource(console: Console = { write: () => {} }): System {
  return withEnv('LONA_NO_IMAGE', '1', () => System.boot(console));
}

/** Every outcome of evaluating `source` (stops at the first failure). */
export function evalAll(session: Session, source: string): FormOutcome[] {
  return session.evalTextSync(source).outcomes;
}

/** The outcome of the last form of `source`. */
export function evalLast(session: Session, source: string): FormOutcome {
  const outcomes = evalAll(session, source);
  expect(outcomes.length).toBeGreaterThan(0);
  return outcomes[outcomes.length - 1];
}

/** The value of `source`; fails the test with the report when any form fails. */
export function evalOk(session: Session, source: string): Value {
  const { outcomes, failure } = session.evalTextSync(source);
  expect(failure, `evaluating ${source}`).toBeNull();
  return outcomes.length === 0 ? null : (outcomes[outcomes.length - 1] as { value: Value }).value;
}

/** `source`'s value printed, or the one-line report of its failure. */
export function show(session: Session, source: string): string {
  const o = evalLast(session, source);
  return o.kind === 'value' ? printValue(o.value) : describeOutcome(o);
}

/** The exit reason of `source`, which must end its process. */
export function exitReason(session: Session, source: string): Value {
  const o = evalLast(session, source);
  expect(o.kind, `${source} should exit, got ${describeOutcome(o)}`).toBe('exit');
  return (o as { reason: Value }).reason;
}

/** The parts of an exit reason `[:error kind %{...}]`: kind name and fields. */
export function errorParts(reason: Value): { kind: string; fields: PMap | null } {
  expect(reason).toBeInstanceOf(Tuple);
  const items = (reason as Tuple).items;
  expect(items[0]).toBe(Keyword.of('error'));
  expect(items[1]).toBeInstanceOf(Keyword);
  const fields = items.length > 2 ? items[2] : null;
  if (fields !== null) expect(fields).toBeInstanceOf(PMap);
  return { kind: (items[1] as Keyword).name, fields: fields as PMap | null };
}

/** The field `name` of an error reason's map. */
export function field(reason: Value, name: string): Value | undefined {
  return errorParts(reason).fields?.get(Keyword.of(name), undefined);
}

/** The function a var in the session's namespace holds. */
export function fnNamed(session: Session, name: string): Fn {
  const v = session.ns.lookup(name);
  expect(v?.root, `var ${name}`).toBeInstanceOf(Fn);
  return v!.root as Fn;
}
