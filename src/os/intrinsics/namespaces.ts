/**
 * Namespace and var intrinsics (LONALA.md section 6): create-ns, find-ns,
 * ns-name, ns-map, intern, refer, alias, in-ns, var-get, meta, with-meta.
 */
import {
  Binding, Fault, Kind, Namespace, PMap, Sym, UNBOUND, Var, List, type LObject, type Value, current,
} from '../../machine/index.js';
import { intrinsic, type Intrinsic, typeError } from '../../lonala/index.js';
import { caller, callerFindNs, callerNs } from './context.js';
import { mayDefine, ownNs } from '../namespace-view.js';
import { chargeDefinition } from '../heap.js';
import { findNamespace, namespaceOf, namespaceToEnter, seesNamespace } from '../authority.js';

/** A namespace argument the caller's realm may see (authority.ts): another realm's is as none. */
const nsNamed = (fnName: string, x: Value): Namespace => namespaceOf(fnName, x, caller());

function varOf(fnName: string, x: Value): Var {
  return x instanceof Var ? x : typeError(fnName, 'var', x);
}

/** Metadata of any value that carries it. */
function metaOf(x: Value): Value {
  if (x instanceof Var || x instanceof Namespace) return x.meta;
  if (typeof x === 'object' && x !== null && 'meta' in x) return (x as { meta: Value }).meta ?? null;
  return null;
}

function withMeta(x: Value, m: Value): Value {
  if (m !== null && !(m instanceof PMap)) typeError('with-meta', 'map', m);
  if (x instanceof Sym) return new Sym(x.ns, x.name, m as PMap | null);
  const o = x as LObject;
  if (typeof x === 'object' && x !== null && (o.kind === Kind.List || o.kind === Kind.Tuple || o.kind === Kind.Vector || o.kind === Kind.Map || o.kind === Kind.Set)) {
    return (x as unknown as { withMeta(m: Value): Value }).withMeta(m);
  }
  return typeError('with-meta', 'symbol or collection', x);
}

function nsMap(ns: Namespace): PMap {
  const kvs: Value[] = [];
  for (const used of ns.uses) for (const [n, v] of used.mappings) if (v.bound && !v.private) kvs.push(Sym.of(n), v);
  for (const [n, v] of ns.refers) kvs.push(Sym.of(n), v);
  for (const [n, v] of ns.mappings) if (v.bound) kvs.push(Sym.of(n), v);
  return PMap.fromFlat(kvs);
}

/** `ns` if the caller's realm may change it; otherwise `[:error :no-capability]`. */
function owned(fnName: string, ns: Namespace): Namespace {
  if (!mayDefine(caller().realm, ns)) {
    throw new Fault('no-capability', { fn: Sym.of(fnName, 'lona.core'), ns: Sym.of(ns.name), message: 'that namespace belongs to another realm' });
  }
  return ns;
}

export const namespaceIntrinsics: Intrinsic[] = [
  intrinsic({
    name: 'create-ns', arglists: '([sym])', min: 1, max: 1, reaches: { 0: 'namespace' }, doc: 'The namespace named sym, created (with lona.core referred) if missing.',
    impl: (s) => s instanceof Sym ? namespaceToEnter('create-ns', s, caller()) : typeError('create-ns', 'symbol', s),
  }),
  intrinsic({
    name: 'find-ns', arglists: '([sym])', min: 1, max: 1, reaches: { 0: 'namespace' }, doc: 'The namespace named sym, or nil.',
    impl: (s) => s instanceof Sym ? findNamespace(caller(), s.fullName) ?? null : typeError('find-ns', 'symbol', s),
  }),
  intrinsic({
    name: 'the-ns', arglists: '([ns-or-sym])', min: 1, max: 1, reaches: { 0: 'namespace' }, doc: 'The namespace itself, or the one a symbol names.',
    impl: (x) => nsNamed('the-ns', x),
  }),
  intrinsic({
    name: 'all-ns', arglists: '([])', min: 0, max: 0, doc: 'A list of all namespaces the caller may see (its realm\'s, its ancestors\' and its descendants\').',
    impl: () => {
      const realm = caller().realm;
      return List.from([...caller().system.namespaces.byName.values()].filter((ns) => seesNamespace(realm, ns)));
    },
  }),
  intrinsic({
    name: 'ns-name', arglists: '([ns])', min: 1, max: 1, reaches: { 0: 'namespace' }, doc: "A namespace's name, as a symbol.",
    impl: (ns) => Sym.of(nsNamed('ns-name', ns).name),
  }),
  intrinsic({
    name: 'ns-map', arglists: '([ns])', min: 1, max: 1, reaches: { 0: 'namespace' }, doc: 'Map from each symbol visible in ns to its var.',
    impl: (ns) => nsMap(nsNamed('ns-map', ns)),
  }),
  intrinsic({
    name: 'ns-interns', arglists: '([ns])', min: 1, max: 1, reaches: { 0: 'namespace' }, doc: 'Map from each symbol defined in ns to its var.',
    impl: (x) => {
      const kvs: Value[] = [];
      for (const [n, v] of nsNamed('ns-interns', x).mappings) if (v.bound) kvs.push(Sym.of(n), v);
      return PMap.fromFlat(kvs);
    },
  }),
  intrinsic({
    name: 'intern', arglists: '([ns name] [ns name value])', min: 2, max: 3, reaches: { 0: 'namespace' }, doc: 'Finds or creates the var name in ns, optionally setting its root.',
    impl: (ns, name, ...value) => {
      if (!(name instanceof Sym)) typeError('intern', 'symbol', name);
      const v = ownNs(caller().realm, nsNamed('intern', ns)).intern(name.name);
      if (name.meta !== null) v.meta = name.meta as PMap;
      if (value.length > 0) {
        chargeDefinition(caller(), v, value[0]);
        v.root = value[0];
      }
      return v;
    },
  }),
  intrinsic({
    name: 'refer', arglists: '([ns-sym])', min: 1, max: 1, reaches: { 0: 'namespace' }, doc: 'Makes the public vars of a namespace visible in the current one.',
    impl: (x) => {
      const from = nsNamed('refer', x);
      const to = callerNs();
      for (const [n, v] of from.mappings) {
        if (v.bound && !v.private) to.refers.set(n, v);
      }
      return null;
    },
  }),
  intrinsic({
    name: 'alias', arglists: '([alias ns-sym])', min: 2, max: 2, reaches: { 1: 'namespace' }, doc: 'Lets the current namespace call ns-sym by a short name.',
    impl: (a, x) => {
      if (!(a instanceof Sym)) typeError('alias', 'symbol', a);
      callerNs().aliases.set(a.name, nsNamed('alias', x));
      return null;
    },
  }),
  intrinsic({
    name: 'in-ns', arglists: '([sym])', min: 1, max: 1, reaches: { 0: 'namespace' }, doc: 'Switches *ns* of this process to the namespace sym, creating it.',
    impl: (s) => {
      if (!(s instanceof Sym)) typeError('in-ns', 'symbol', s);
      const p = caller();
      const ns = namespaceToEnter('in-ns', s, p);
      const t = current.thread!;
      t.bindings = Binding.with(t.bindings, p.system.nsVar, ns);
      return ns;
    },
  }),
  intrinsic({
    name: 'resolve', arglists: '([sym])', min: 1, max: 1, reaches: { 0: 'namespace' }, doc: 'The var sym names in the current namespace, or nil.',
    impl: (s) => {
      if (!(s instanceof Sym)) typeError('resolve', 'symbol', s);
      const ns = callerNs();
      const target = s.ns === null ? ns : ns.alias(s.ns) ?? callerFindNs(s.ns);
      const v = target?.lookup(s.name);
      return v !== undefined && v.bound ? v : null;
    },
  }),
  intrinsic({
    name: 'var-get', arglists: '([var])', min: 1, max: 1, doc: "A var's current value (for a ^:process-bound var, the calling process's).",
    impl: (x) => {
      const v = varOf('var-get', x);
      const own = v.processBound ? Binding.lookup(current.thread!.bindings, v) : undefined;
      if (own !== undefined) return own;
      if (v.root === UNBOUND) throw new Fault('undef', { var: Sym.of(v.name, v.ns.name) });
      return v.root;
    },
  }),
  intrinsic({
    name: 'var-set', arglists: '([var value])', min: 2, max: 2,
    doc: "Sets a var's root value (seen by every caller at its next call); for a ^:process-bound var, the calling process's own value (inherited by processes it spawns later). Returns value.",
    impl: (x, value) => {
      const v = varOf('var-set', x);
      const t = current.thread!;
      if (v.processBound) t.bindings = Binding.with(t.bindings, v, value);
      else {
        owned('var-set', v.ns);
        chargeDefinition(caller(), v, value);
        v.root = value;
      }
      return value;
    },
  }),
  intrinsic({
    name: 'bound?', arglists: '([var])', min: 1, max: 1, doc: 'Whether a var has a root value.',
    impl: (x) => varOf('bound?', x).bound,
  }),
  intrinsic({
    name: 'meta', arglists: '([x])', min: 1, max: 1, doc: 'Metadata of a var, namespace, symbol or collection, or nil.',
    impl: (x) => metaOf(x),
  }),
  intrinsic({
    name: 'with-meta', arglists: '([x m])', min: 2, max: 2, doc: 'An equal value with metadata m.',
    impl: (x, m) => withMeta(x, m),
  }),
  intrinsic({
    name: 'alter-meta!', arglists: '([var m])', min: 2, max: 2, doc: "Replaces a var's metadata (used by defmacro and friends).",
    impl: (x, m) => {
      const v = varOf('alter-meta!', x);
      owned('alter-meta!', v.ns);
      if (!(m instanceof PMap)) typeError('alter-meta!', 'map', m);
      v.meta = m;
      return m;
    },
  }),
];
