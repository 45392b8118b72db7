/**
 * Capability intrinsics (LONALA.md 9): what the caller's realm holds
 * (`caps`, `cap`), what a capability is (`cap?`, `cap-type`, `cap-rights`,
 * `cap-has-right?`), and narrowing it (`cap-derive`, `fs-subtree`) or taking
 * back what was derived from it (`cap-revoke`). Files through the filesystem
 * capability: `slurp`, `spit`. Every use fails closed.
 */
import { closeSync, constants, fstatSync, ftruncateSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { Fault, Keyword, PMap, PSet, RIGHTS, capOf, type Capability, type Right, type Value } from '../../machine/index.js';
import { intrinsic, type Intrinsic, typeError } from '../../lonala/index.js';
import { deviceCap, noCapability, pathIn, useCap } from '../authority.js';
import { fsSubtree } from '../devices.js';
import { inert } from '../sendable.js';
import { chargeText } from '../../lonala/index.js';
import { caller } from './context.js';

const OK = Keyword.of('ok');
// pathIn gives the real location; a link swapped in after that check is not followed either. Never
// blocking: a FIFO or device would stop the whole machine (the host thread) until someone wrote to it.
const READ_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;
const WRITE_FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_NOFOLLOW | constants.O_NONBLOCK;

/** Uses the regular file at `path` (anything else, a FIFO, a device, a folder, is refused). */
function withFile<T>(path: string, flags: number, use: (fd: number) => T): T {
  const fd = openSync(path, flags, 0o666);
  try {
    if (!fstatSync(fd).isFile()) throw new Error('not a regular file');
    return use(fd);
  } finally {
    closeSync(fd);
  }
}
/** The origin (realm-info :caps :from) of a capability a realm derived itself. */
const DERIVED = Keyword.of('derived');

function capArg(fnName: string, x: Value): Capability {
  const cap = capOf(x);
  return cap === undefined ? typeError(fnName, 'cap', x) : cap;
}

function rightsArg(fnName: string, x: Value): Set<Right> {
  const items = x instanceof PSet ? x.values() : typeError(fnName, 'set of rights', x);
  return new Set(items.map((r) => {
    if (!(r instanceof Keyword) || !RIGHTS.includes(r.name as Right)) typeError(fnName, 'right (:read :write :grant)', r);
    return r.name as Right;
  }));
}

const rightsOf = (cap: Capability): PSet => PSet.from([...cap.rights].map((r) => Keyword.of(r)));

/** A file path through the caller's filesystem capability, with `right`. */
function filePath(fnName: string, path: Value, right: Right): string {
  if (typeof path !== 'string') typeError(fnName, 'string', path);
  return pathIn(deviceCap(caller().realm.cspace, fnName, 'fs', right), fnName, path);
}

export const capIntrinsics: Intrinsic[] = [
  intrinsic({
    name: 'caps', arglists: '([])', min: 0, max: 0, doc: "The capabilities the caller's realm was granted, by name (a map of keyword to cap).",
    impl: () => PMap.fromFlat(caller().realm.cspace.list().flatMap(([n, c]) => (n === null ? [] : [Keyword.of(n), c.handle]))),
  }),
  intrinsic({
    name: 'cap', arglists: '([name])', min: 1, max: 1, doc: "The capability the caller's realm holds under name (:console :clock :fs :random ...); :no-capability if none.",
    impl: (name) => {
      if (!(name instanceof Keyword)) typeError('cap', 'keyword', name);
      const cap = caller().realm.cspace.named(name.name);
      return cap === undefined ? noCapability('cap', { name }) : cap.handle;
    },
  }),
  intrinsic({
    name: 'as-data', arglists: '([x])', min: 1, max: 1, cost: 10,
    doc: 'x with every function, var, namespace, bytebuf and capability in it (metadata too) replaced by its printed text: what a service sends back to callers it does not trust, so an answer never carries authority.',
    impl: (x) => inert(x, true),
  }),
  intrinsic({ name: 'cap?', arglists: '([x])', min: 1, max: 1, doc: 'Whether x is a capability.', impl: (x) => capOf(x) !== undefined }),
  intrinsic({ name: 'cap-type', arglists: '([cap])', min: 1, max: 1, reaches: { 0: 'handle' }, doc: 'The kind of object a capability designates, as a keyword.', impl: (c) => Keyword.of(capArg('cap-type', c).object.type) }),
  intrinsic({ name: 'cap-rights', arglists: '([cap])', min: 1, max: 1, reaches: { 0: 'handle' }, doc: 'The rights of a capability, a set of :read :write :grant.', impl: (c) => rightsOf(capArg('cap-rights', c)) }),
  intrinsic({ name: 'cap-live?', arglists: '([cap])', min: 1, max: 1, reaches: { 0: 'handle' }, doc: 'Whether a capability has not been revoked.', impl: (c) => !capArg('cap-live?', c).revoked }),
  intrinsic({
    name: 'cap-has-right?', arglists: '([cap right])', min: 2, max: 2, reaches: { 0: 'handle' }, doc: 'Whether a capability carries right.',
    impl: (c, r) => (r instanceof Keyword ? capArg('cap-has-right?', c).rights.has(r.name as Right) : typeError('cap-has-right?', 'keyword', r)),
  }),
  intrinsic({
    name: 'cap-derive', arglists: '([cap rights])', min: 2, max: 2, reaches: { 0: 'capability' },
    doc: 'A new capability for the same object with rights (a subset of cap\'s, a set); revoking cap revokes it too.',
    impl: (c, rights) => {
      const cspace = caller().realm.cspace;
      const cap = useCap(cspace, 'cap-derive', c, null);
      const child = cap.derive(rightsArg('cap-derive', rights));
      if (child === undefined) throw new Fault('badarg', { fn: Keyword.of('cap-derive'), message: 'a derived capability cannot have rights its parent lacks' });
      cspace.grant(child, undefined, DERIVED);
      return child.handle;
    },
  }),
  intrinsic({
    name: 'cap-revoke', arglists: '([cap])', min: 1, max: 1, reaches: { 0: 'capability' }, doc: 'Kills every capability derived from cap, wherever copies went (cap itself stays). :ok.',
    impl: (c) => {
      useCap(caller().realm.cspace, 'cap-revoke', c, null).revokeDerived();
      return OK;
    },
  }),
  intrinsic({
    name: 'fs-subtree', arglists: '([fs-cap dir])', min: 2, max: 2, reaches: { 0: 'capability', 1: 'path' },
    doc: 'A filesystem capability for the directory dir inside fs-cap (same rights): paths through it never leave dir.',
    impl: (c, dir) => {
      if (typeof dir !== 'string') typeError('fs-subtree', 'string', dir);
      const cspace = caller().realm.cspace;
      const child = fsSubtree(useCap(cspace, 'fs-subtree', c, null, 'fs'), 'fs-subtree', dir);
      cspace.grant(child, undefined, DERIVED);
      return child.handle;
    },
  }),
  intrinsic({
    name: 'slurp', arglists: '([path])', min: 1, max: 1, cost: 100, reaches: { 0: 'path' }, doc: "A file's text, through the realm's filesystem capability (:read).",
    impl: (path) => {
      const full = filePath('slurp', path, 'read');
      try {
        const text = withFile(full, READ_FLAGS, (fd) => readFileSync(fd, 'utf8'));
        chargeText(text.length);
        return text;
      } catch {
        throw new Fault('file-not-found', { path });
      }
    },
  }),
  intrinsic({
    name: 'spit', arglists: '([path text])', min: 2, max: 2, cost: 100, reaches: { 0: 'path' }, doc: 'Writes text to a file, through the realm\'s filesystem capability (:write). :ok.',
    impl: (path, text) => {
      if (typeof text !== 'string') typeError('spit', 'string', text);
      chargeText(text.length);
      const full = filePath('spit', path, 'write');
      try {
        withFile(full, WRITE_FLAGS, (fd) => {
          ftruncateSync(fd);
          writeFileSync(fd, text);
        });
      } catch (e) {
        // The host's message names host paths: the error code says what went wrong.
        throw new Fault('io-error', { path, message: (e as NodeJS.ErrnoException).code ?? 'not a regular file' });
      }
      return OK;
    },
  }),
];
