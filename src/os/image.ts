/**
 * The boot image: the compiled standard library saved after a boot and
 * restored on the next one, instead of reading, expanding and compiling
 * std/lona again (WORKSTATION.md: "compiled standard library may be
 * cached, keyed by a hash of its source"). Like a Lisp machine's world load.
 *
 * The image holds every var of lona.core (value, metadata, flags) as JSON.
 * Values are encoded by tag; objects that must keep their identity (code
 * objects, closures, collections shared between vars) are written once and
 * referred to by number. Vars, namespaces and natives are referred to by
 * name, so restoring binds them to this system's own. A value the encoder
 * does not know makes it give up: the system then boots from source.
 */
import {
  Binary, BinaryPattern, Char, CodeObject, Fixed, Float, Fn, Keyword, List, Namespace, Native, PMap, PSet, Ratio, Regex, Sym, Tuple, Var, Vector, UNBOUND, type FixedWidth, type Value,
} from '../machine/index.js';
import { makeRegex } from '../lonala/index.js';
import { NATIVES } from './natives.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Thrown (inside this module only) when a value cannot be imaged. */
class NotImageable {
  constructor(readonly what: string) {}
}

export interface ImageVar { name: string; root: Json | null; bound: boolean; meta: Json; macro: boolean; processBound: boolean; private: boolean }
export interface ImageNamespace { name: string; vars: ImageVar[] }

export class ImageWriter {
  private readonly ids = new Map<object, number>();
  readonly objects: Json[] = [];

  /** Encodes a value; shared objects become references. */
  value(v: Value | CodeObject | BinaryPattern): Json {
    switch (typeof v) {
      case 'number': return v;
      case 'string': return v;
      case 'boolean': return v;
      case 'bigint': return { b: v.toString() };
    }
    if (v === null) return null;
    if (v instanceof Keyword) return { k: v.fullName };
    if (v instanceof Var) return { V: v.qualifiedName };
    if (v instanceof Namespace) return { N: v.name };
    if (v instanceof Native) return { n: v.name };
    if (v instanceof Char) return { c: v.code };
    if (v instanceof Float) return { f: String(v.value), s: v.single };
    if (v instanceof Fixed) return { x: v.width, v: v.value.toString() };
    if (v instanceof Ratio) return { r: [v.num.toString(), v.den.toString()] };
    if (v instanceof Sym) return v.meta === null ? { y: v.fullName } : { y: v.fullName, m: this.value(v.meta) };
    const known = this.ids.get(v);
    if (known !== undefined) return { '@': known };
    const id = this.objects.length;
    this.objects.push(null);
    this.ids.set(v, id);
    this.objects[id] = this.object(v);
    return { '@': id };
  }

  private object(v: object): Json {
    const meta = (m: Value) => (m === null ? null : this.value(m));
    if (v instanceof List) return { l: v.toArray().map((x) => this.value(x)), m: meta(v.meta) };
    if (v instanceof Tuple) return { t: v.items.map((x) => this.value(x)), m: meta(v.meta) };
    if (v instanceof Vector) return { v: v.toArray().map((x) => this.value(x)), m: meta(v.meta) };
    if (v instanceof PMap) return { p: [...v.entries()].flatMap(([k, x]) => [this.value(k), this.value(x)]), m: meta(v.meta) };
    if (v instanceof PSet) return { e: v.values().map((x) => this.value(x)), m: meta(v.meta) };
    if (v instanceof Binary) return { B: Buffer.from(v.bytes).toString('base64') };
    if (v instanceof Regex) return { R: v.source }; // compiled again when restored
    if (v instanceof Fn) return { F: this.value(v.code), env: v.env.map((x) => this.value(x)) };
    if (v instanceof BinaryPattern) {
      return { P: v.segments.map((s) => ({ ...s, literal: s.literal === undefined ? null : this.value(s.literal), has: s.literal !== undefined })), rest: v.rest };
    }
    if (v instanceof CodeObject) {
      return {
        o: [v.name, v.arity, v.variadic, v.locals, v.maxStack, Array.from(v.code), v.consts.map((x) => this.value(x)),
          Array.from(v.captures), Array.from(v.positions), v.file, [...v.localVars]],
      };
    }
    throw new NotImageable(String((v as { constructor?: { name?: string } }).constructor?.name));
  }

  /** Encodes every var of each namespace, sharing one object table; null when some value cannot be imaged. */
  static namespaces(nss: readonly Namespace[]): { namespaces: ImageNamespace[]; objects: Json[] } | null {
    const w = new ImageWriter();
    try {
      const namespaces = nss.map((ns) => {
        const vars: ImageVar[] = [];
        for (const v of ns.mappings.values()) {
          vars.push({
            name: v.name, bound: v.bound, root: v.bound ? w.value(v.root as Value) : null, meta: w.value(v.meta),
            macro: v.macro, processBound: v.processBound, private: v.private,
          });
        }
        return { name: ns.name, vars };
      });
      return { namespaces, objects: w.objects };
    } catch (e) {
      if (e instanceof NotImageable) return null;
      throw e;
    }
  }
}

/** Restores values written by ImageWriter into a system's namespaces. */
export class ImageReader {
  private readonly built: unknown[] = [];
  constructor(private readonly objects: Json[], private readonly resolveNs: (name: string) => Namespace) {}

  value(j: Json): Value {
    if (j === null || typeof j !== 'object') return j;
    if (Array.isArray(j)) throw new Error('bad image value');
    if ('@' in j) return this.object(j['@'] as number) as Value;
    if ('k' in j) return Keyword.parse(j.k as string);
    if ('y' in j) {
      const s = Sym.parse(j.y as string);
      return 'm' in j ? new Sym(s.ns, s.name, this.value(j.m) as PMap) : s;
    }
    if ('V' in j) {
      const q = j.V as string;
      const slash = q.indexOf('/', 1);
      return this.resolveNs(q.slice(0, slash)).intern(q.slice(slash + 1));
    }
    if ('N' in j) return this.resolveNs(j.N as string);
    if ('n' in j) {
      const n = NATIVES.get(j.n as string);
      if (n === undefined) throw new Error(`image names unknown intrinsic ${String(j.n)}`);
      return n;
    }
    if ('b' in j) return BigInt(j.b as string);
    if ('c' in j) return Char.of(j.c as number);
    if ('f' in j) return new Float(Number(j.f), j.s === true);
    if ('x' in j) return Fixed.of(j.x as FixedWidth, BigInt(j.v as string));
    if ('r' in j) return new Ratio(BigInt((j.r as string[])[0]), BigInt((j.r as string[])[1]));
    throw new Error('bad image value');
  }

  private object(id: number): unknown {
    const done = this.built[id];
    if (done !== undefined) return done;
    const j = this.objects[id] as { [k: string]: Json };
    const items = (xs: Json) => (xs as Json[]).map((x) => this.value(x));
    const meta = () => (j.m === null || j.m === undefined ? null : (this.value(j.m) as PMap));
    let v: unknown;
    if ('l' in j) v = List.from(items(j.l)).withMeta(meta());
    else if ('t' in j) v = new Tuple(items(j.t), meta());
    else if ('v' in j) v = Vector.from(items(j.v)).withMeta(meta());
    else if ('p' in j) v = PMap.fromFlat(items(j.p)).withMeta(meta());
    else if ('e' in j) v = PSet.from(items(j.e)).withMeta(meta());
    else if ('B' in j) v = new Binary(new Uint8Array(Buffer.from(j.B as string, 'base64')));
    else if ('F' in j) v = new Fn(this.value(j.F) as unknown as CodeObject, items(j.env));
    else if ('R' in j) {
      v = makeRegex(j.R as string);
      if (!(v instanceof Regex)) throw new Error(`image holds a regular expression that no longer compiles: ${String(j.R)}`);
    }
    else if ('P' in j) {
      const segs = (j.P as { [k: string]: Json }[]).map((s) => ({
        size: s.size as number, signed: s.signed as boolean, little: s.little as boolean, bytes: s.bytes as boolean,
        literal: s.has === true ? this.value(s.literal) : undefined,
      }));
      v = new BinaryPattern(segs, j.rest as boolean);
    } else if ('o' in j) {
      const [name, arity, variadic, locals, maxStack, code, consts, captures, positions, file, localVars] = j.o as Json[];
      const c = new CodeObject(name as string | null, arity as number, variadic as boolean, locals as number, maxStack as number,
        Int32Array.from(code as number[]), [], Int32Array.from(captures as number[]), Int32Array.from(positions as number[]), file as string | null,
        (localVars ?? undefined) as (string | number)[] | undefined);
      this.built[id] = c; // before the constants: they may refer back to it
      c.consts.push(...items(consts));
      v = c;
    } else throw new Error('bad image object');
    this.built[id] = v;
    return v;
  }

  /** Defines the imaged vars in `ns`; their metadata is built when first read. */
  restoreVars(ns: Namespace, vars: ImageVar[]): void {
    for (const iv of vars) {
      const v = ns.intern(iv.name);
      v.root = iv.bound ? this.value(iv.root) : UNBOUND;
      v.deferMeta(() => this.value(iv.meta) as PMap | null);
      v.macro = iv.macro === true;
      v.processBound = v.processBound || iv.processBound === true;
      v.private = iv.private === true;
    }
  }
}
