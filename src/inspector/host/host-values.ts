/**
 * Lonala values as plain host data and back, for the inspector protocol
 * (PROTOCOL.md "Values"). Replies become JSON-safe data a host client can
 * render or post over a worker port: maps with keyword keys are objects,
 * sequences and sets arrays, keywords ":name" strings, symbols their name,
 * and identities (pids, realm ids, functions, vars, capabilities...) their
 * printed form. Every reply is bounded: strings, collections and depth are
 * cut, with "..." marking what was cut.
 */
import {
  Keyword, List, PMap, PSet, Pid, RealmId, Sym, Tuple, Vector, Float, LazySeq, SeqReader, END, type Value,
} from '../../machine/index.js';
import { printValue } from '../../lonala/index.js';
import type { HostRequest, HostValue } from '../protocol.js';

export const REPLY_LIMITS = { maxString: 4000, maxItems: 1000, maxDepth: 12 };
const CUT = '...';

export interface ToHost {
  limits: typeof REPLY_LIMITS;
  /** Told of each pid a reply shows, so a later request can name it (pids cannot be made from text). */
  onPid?(pid: Pid, text: string): void;
}

/** `v` as host data, bounded by the context's limits. */
export function toHost(v: Value, ctx: ToHost = { limits: REPLY_LIMITS }, depth = 0): HostValue {
  const limits = ctx.limits;
  if (v === null || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : String(v);
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (typeof v === 'string') return v.length > limits.maxString ? v.slice(0, limits.maxString) + CUT : v;
  if (v instanceof Keyword) return ':' + v.fullName;
  if (v instanceof Sym) return v.fullName;
  if (v instanceof Float) return v.value;
  if (depth >= limits.maxDepth) return CUT;
  if (v instanceof PMap) {
    const entries = [...v.entries()];
    if (entries.every(([k]) => k instanceof Keyword)) {
      const out: { [key: string]: HostValue } = {};
      // Defined, not assigned: a key such as :__proto__ is an own property like any other, never the object's prototype.
      for (const [k, x] of entries.slice(0, limits.maxItems)) {
        Object.defineProperty(out, (k as Keyword).fullName, { value: toHost(x, ctx, depth + 1), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    return bounded(entries.map(([k, x]) => [k, x] as unknown as Value), ctx, depth, (pair) => {
      const [k, x] = pair as unknown as [Value, Value];
      return [toHost(k, ctx, depth + 2), toHost(x, ctx, depth + 2)];
    });
  }
  if (v instanceof Tuple) return bounded(v.items, ctx, depth);
  if (v instanceof Vector || v instanceof List) return bounded([...v], ctx, depth);
  if (v instanceof LazySeq) return lazyToHost(v, ctx, depth);
  if (v instanceof PSet) {
    const items: Value[] = [];
    v.forEach((x) => void items.push(x));
    return bounded(items, ctx, depth);
  }
  const text = printValue(v, { maxLength: 20, maxDepth: 4, maxString: 200 });
  if (v instanceof Pid) ctx.onPid?.(v, text);
  return text;
}

/** A lazy seq's realized elements as an array (the host realizes nothing); a part not realized yet, or past the bound, is `...`. */
function lazyToHost(seq: LazySeq, ctx: ToHost, depth: number): HostValue[] {
  const reader = new SeqReader(seq);
  const items: Value[] = [];
  for (let x = reader.next(); x !== END && items.length <= ctx.limits.maxItems; x = reader.next()) items.push(x);
  const out = bounded(items, ctx, depth);
  if (reader.pending !== null && items.length <= ctx.limits.maxItems) out.push(CUT);
  return out;
}

function bounded(items: readonly Value[], ctx: ToHost, depth: number, each = (x: Value) => toHost(x, ctx, depth + 1)): HostValue[] {
  const out = items.slice(0, ctx.limits.maxItems).map(each);
  if (items.length > ctx.limits.maxItems) out.push(CUT);
  return out;
}


/** Arguments that name runtime objects or code, by key (PROTOCOL.md "Requests"). */
const PID_ARGS = new Set(['pid', 'to']);
const SYMBOL_ARGS = new Set(['ns', 'var']);
const KEYWORD_ARGS = new Set(['op', 'sort']);

/** Finds the live process's pid from its printed numbers (the host is trusted: it may name any process). */
export type PidResolver = (realm: number, local: number) => Pid | undefined;

/** The request map the service reads, from a host request; throws on an argument it cannot read. */
export function fromHost(request: HostRequest, resolvePid: PidResolver): PMap {
  const flat: Value[] = [];
  for (const [key, arg] of Object.entries(request)) {
    if (arg === undefined) continue;
    flat.push(Keyword.of(key), argument(key, arg, resolvePid));
  }
  return PMap.fromFlat(flat);
}

function argument(key: string, arg: unknown, resolvePid: PidResolver): Value {
  // Traced messages printed on the console, instead of sent to a process.
  if (key === 'to' && (arg === 'console' || arg === ':console')) return Keyword.of('console');
  if (PID_ARGS.has(key)) return parsePid(arg, resolvePid);
  if (key === 'realm') return parseRealm(arg);
  if (SYMBOL_ARGS.has(key) && typeof arg === 'string') return Sym.parse(arg);
  if ((KEYWORD_ARGS.has(key) || key === 'reason') && typeof arg === 'string') return Keyword.of(arg.replace(/^:/, ''));
  if (arg === null || typeof arg === 'boolean' || typeof arg === 'string') return arg;
  if (typeof arg === 'number' && Number.isFinite(arg)) return Number.isInteger(arg) ? arg : new Float(arg);
  throw new Error(`request argument ${key} is not plain data`);
}

function parsePid(arg: unknown, resolvePid: PidResolver): Pid {
  const m = typeof arg === 'string' ? /^(?:#pid<)?(\d+)\.(\d+)>?$/.exec(arg) : null;
  if (m === null) throw new Error(`not a pid: ${String(arg)} (expected #pid<r.n> or r.n)`);
  // A pid no live process has still names nothing: the service answers as for a dead pid.
  return resolvePid(Number(m[1]), Number(m[2])) ?? new Pid(Number(m[1]), Number(m[2]));
}

function parseRealm(arg: unknown): RealmId {
  const m = typeof arg === 'string' ? /^(?:#realm-id<)?(\d+)>?$/.exec(arg) : typeof arg === 'number' ? [String(arg), String(arg)] : null;
  if (m === null) throw new Error(`not a realm id: ${String(arg)}`);
  return new RealmId(Number(m[1]));
}
