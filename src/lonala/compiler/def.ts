/**
 * `(def name value)`: creates or updates the root binding of a var in the
 * current namespace and returns the var. Metadata on the name goes to the
 * var, with `:name :ns :file :line` and the source text of the definition
 * added. `(def ^:native name)` binds the intrinsic of that name.
 */
import { Keyword, Sym, type Value, List, PMap, Op } from '../../machine/index.js';
import { Compiler } from './compiler.js';
import { compileFn } from './fn.js';
import { positionOf } from './compile-error.js';
import { readOne } from '../reader/index.js';

const K = (n: string) => Keyword.of(n);

export function compileDef(c: Compiler, form: List, args: Value[]): void {
  const name = args[0];
  if (args.length === 0 || !(name instanceof Sym)) c.error(form, 'def needs a symbol name: (def name value)');
  if (name.ns !== null && name.ns !== c.env.ns.name) c.error(form, `can't def ${name.fullName} outside its namespace`);
  if (args.length > 3 || (args.length === 3 && typeof args[1] !== 'string')) c.error(form, 'def takes a name, an optional doc string and a value');
  const v = c.env.ns.intern(name.name);
  const pos = positionOf(form, { line: c.env.line, column: c.env.column });

  let meta = name.meta instanceof PMap ? name.meta : PMap.EMPTY;
  if (args.length === 3) meta = meta.assoc(K('doc'), args[1]);
  meta = meta.assoc(K('name'), Sym.of(name.name)).assoc(K('ns'), c.env.ns).assoc(K('line'), pos.line).assoc(K('column'), pos.column);
  if (c.env.file !== null) meta = meta.assoc(K('file'), c.env.file);
  if (c.env.source !== null) meta = meta.assoc(K('source'), c.env.source);

  const nativeFlag = meta.get(K('native'));
  const valueForm = args[args.length - 1];
  if (nativeFlag !== undefined && nativeFlag !== null && nativeFlag !== false) {
    const intrinsicName = typeof nativeFlag === 'string' ? nativeFlag : name.name;
    const native = c.env.intrinsic(intrinsicName);
    if (native === undefined) c.error(form, `no intrinsic named ${intrinsicName}`, 'unknown-intrinsic');
    const info = native.spec as unknown as { doc?: string; arglists?: string };
    if (info.doc !== undefined && meta.get(K('doc')) === undefined) meta = meta.assoc(K('doc'), info.doc);
    if (info.arglists !== undefined && meta.get(K('arglists')) === undefined) {
      const read = readOne(info.arglists);
      meta = meta.assoc(K('arglists'), 'form' in read ? read.form : info.arglists);
    }
    c.constant(native);
  } else if (args.length === 1) {
    // (def name): declares the var, leaving it unbound.
    v.meta = meta;
    c.constant(v);
    return;
  } else if (valueForm instanceof List && valueForm.head === Sym.of('fn*') && !(valueForm.tail.head instanceof Sym)) {
    compileFn(c, valueForm, valueForm.tail.toArray(), name.name);
  } else {
    c.expr(valueForm, false);
  }
  c.em.emit(Op.DEF_META, 0, c.em.constant(v), c.em.constant(meta));
}
