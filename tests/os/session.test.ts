/**
 * The session evaluator (src/os/session.ts): the four outcomes of
 * evalSourceSync (value, exit, read-error, compile-error) and stopping at
 * the first failure, the current namespace kept between forms and calls,
 * program output on the console, the reduction limit, and interrupt()
 * stopping a runaway evalValue with :killed.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { Keyword, Namespace, type Value } from '../../src/machine/index.js';
import { readOne } from '../../src/lonala/reader/index.js';
import { printValue } from '../../src/lonala/printer.js';
import { Session, describeOutcome, type FormOutcome } from '../../src/os/session.js';
import { System } from '../../src/os/system.js';
import { bootFromSource, captureConsole, errorParts, evalOk, field, show } from '../helpers/lona.js';

const output = captureConsole();
const system: System = bootFromSource(output);
let session: Session;

beforeEach(() => {
  session = new Session(system);
  output.clear();
});

function formOf(text: string): Value {
  const r = readOne(text);
  if (!('form' in r)) throw new Error(`cannot read ${text}`);
  return r.form;
}

/** The exit reason of an outcome that must be an exit. */
function reasonOf(o: FormOutcome | undefined): Value {
  expect(o?.kind).toBe('exit');
  return (o as Extract<FormOutcome, { kind: 'exit' }>).reason;
}

describe('evalSourceSync outcomes', () => {
  it('gives one value outcome per form', () => {
    const r = session.evalTextSync('(+ 1 2) :k "s"');
    expect(r.failure).toBeNull();
    expect(r.outcomes.map((o) => o.kind)).toEqual(['value', 'value', 'value']);
    expect(r.outcomes.map((o) => (o.kind === 'value' ? printValue(o.value) : ''))).toEqual(['3', ':k', '"s"']);
  });

  it('stops at an exit, reporting it as `** exit reason`', () => {
    const r = session.evalTextSync('(def before 1) (/ 1 0) (def after 2)');
    expect(r.outcomes.map((o) => o.kind)).toEqual(['value', 'exit']);
    expect(errorParts(reasonOf(r.outcomes[1])).kind).toBe('division-by-zero');
    expect(r.failure).toMatch(/^\*\* exit \[:error :division-by-zero/);
    expect(system.user.lookup('after')?.bound ?? false).toBe(false);
  });

  it('stops at a read error, with its kind and position, after evaluating the forms before it', () => {
    const r = session.evalTextSync('(def ok 1)\n  (+ 1', { file: 'in.lona' });
    expect(r.outcomes.map((o) => o.kind)).toEqual(['value', 'read-error']);
    const e = (r.outcomes[1] as Extract<FormOutcome, { kind: 'read-error' }>).error;
    expect([e.kind, e.line, e.column, e.file]).toEqual(['unexpected-eof', 2, 3, 'in.lona']);
    expect(r.failure).toBe(`** read-error :unexpected-eof at in.lona:2:3: ${e.message}`);
  });

  it('stops at a compile error, with its kind and position', () => {
    const r = session.evalTextSync('1\n(def 42 1)\n3', { file: 'c.lona' });
    expect(r.outcomes.map((o) => o.kind)).toEqual(['value', 'compile-error']);
    const o = r.outcomes[1];
    expect(o.kind === 'compile-error' && [o.error.kind, o.error.line, o.error.column]).toEqual(['syntax-error', 2, 1]);
    expect(describeOutcome(o)).toMatch(/^\*\* compile-error :syntax-error at c\.lona:2:1: /);
  });

  it('reports an empty source as no outcomes and no failure', () => {
    expect(session.evalTextSync('  ; only a comment\n')).toEqual({ outcomes: [], failure: null });
  });

  it('sends what programs print to the system console', () => {
    expect(show(session, '(println "hello" 42) :after')).toBe(':after');
    expect(output.text()).toBe('hello 42\n');
  });
});

describe('the current namespace', () => {
  it('persists between forms of one source and between calls', () => {
    evalOk(session, '(ns sess.a) (def x 1)');
    expect(session.ns.name).toBe('sess.a');
    expect(show(session, 'x')).toBe('1');
    expect(show(session, '*ns*')).toBe('#ns<sess.a>');
    evalOk(session, "(in-ns 'sess.b)");
    expect(show(session, '(def x 2) [x sess.a/x]')).toBe('[2 1]');
    evalOk(session, "(in-ns 'user)");
    expect(session.ns).toBe(system.user);
    expect(errorParts(reasonOf(session.evalTextSync('x').outcomes[0])).kind).toBe('undef');
  });

  it('governs how later forms of the same source read syntax-quote', () => {
    expect(show(session, '(ns sess.q) (def here 1) `here')).toBe('sess.q/here');
  });

  it('is kept when a later form of the source fails', () => {
    session.evalTextSync('(ns sess.c) (/ 1 0)');
    expect(session.ns.name).toBe('sess.c');
    expect(session.ns).toBeInstanceOf(Namespace);
  });

  it('is per session: another session starts in user', () => {
    evalOk(session, '(ns sess.d)');
    expect(new Session(system).ns).toBe(system.user);
  });
});

describe('stopping runaway evaluations', () => {
  it('reductionLimit ends an infinite loop with [:error :reduction-limit ...]', () => {
    session.reductionLimit = 200_000;
    const r = session.evalTextSync('(defn spin [n] (spin (+ n 1))) (spin 0)');
    expect(r.outcomes.map((o) => o.kind)).toEqual(['value', 'exit']);
    const reason = reasonOf(r.outcomes[1]);
    expect(errorParts(reason).kind).toBe('reduction-limit');
    expect(field(reason, 'limit')).toBe(200_000);
    expect(show(session, '(+ 1 1)')).toBe('2');
  });

  it('reductionLimit leaves work under the limit alone', () => {
    session.reductionLimit = 200_000;
    expect(show(session, '(reduce + (range 1000))')).toBe('499500');
  });

  it('interrupt() during evalValue stops an infinite loop with :killed', async () => {
    evalOk(session, '(defn spin2 [n] (spin2 (+ n 1))) (defn rec-spin [n] (match n 0 0 _ (rec-spin (+ n 1))))');
    for (const text of ['(spin2 0)', '(rec-spin 1)']) {
      // No bound on how soon: the loop never ends by itself, so that it ends at all is the interrupt's doing.
      const pending = session.evalValue(formOf(text), text, null);
      setTimeout(() => session.interrupt(), 100);
      const o = await pending;
      expect(reasonOf(o)).toBe(Keyword.of('killed'));
    }
    expect(show(session, '(+ 20 22)')).toBe('42');
  });

  it('an interrupt made while idle does not kill the next evaluation', async () => {
    session.interrupt();
    const o = await session.evalValue(formOf('(+ 1 2)'), '(+ 1 2)', null);
    expect(o.kind === 'value' && o.value).toBe(3);
  });
});
