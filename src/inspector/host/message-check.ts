/**
 * What a host takes from a socket (PROTOCOL.md "Transports"): a line is a
 * message only if it is JSON of the shape protocol.ts gives ToMachine;
 * anything else gets an `error` message back and changes nothing.
 */
import type { ToMachine } from '../protocol.js';

type Fields = Record<string, unknown>;

const int = (v: unknown) => Number.isSafeInteger(v);
const optional = (v: unknown, check: (x: unknown) => boolean) => v === undefined || check(v);
const text = (v: unknown) => typeof v === 'string';
const width = (v: unknown) => int(v) && (v as number) > 0 && (v as number) <= 10_000;

const SHAPES: Record<ToMachine['t'], (m: Fields) => boolean> = {
  eval: (m) => int(m.id) && text(m.text) && optional(m.width, width) && optional(m.ns, text) && optional(m.file, text) && optional(m.line, int)
    && optional(m.stop, (v) => typeof v === 'boolean'),
  load: (m) => int(m.id) && text(m.text) && text(m.file) && optional(m.width, width),
  'frame-value': (m) => int(m.id) && text(m.pid) && int(m.frame) && (text(m.name) || int(m.name)) && optional(m.width, width),
  interrupt: () => true,
  inspect: (m) => int(m.id) && typeof m.request === 'object' && m.request !== null && !Array.isArray(m.request) && text((m.request as Fields).op),
  line: (m) => m.text === null || text(m.text),
  stop: () => true,
};

/** The message a line holds, or why it is none. */
export function parseMessage(line: string): ToMachine | string {
  let m: unknown;
  try {
    m = JSON.parse(line);
  } catch {
    return 'a message is one line of JSON';
  }
  if (typeof m !== 'object' || m === null || Array.isArray(m)) return 'a message is a JSON object with a "t"';
  const fields = m as Fields;
  const check = typeof fields.t === 'string' && Object.hasOwn(SHAPES, fields.t) ? SHAPES[fields.t as ToMachine['t']] : undefined;
  if (check === undefined) return `unknown message ${JSON.stringify(fields.t)} (PROTOCOL.md "Evaluation")`;
  return check(fields) ? (fields as ToMachine) : `a malformed ${fields.t as string} message`;
}
