#!/usr/bin/env node
// Writes docs/clojure-parity.md: every public var of clojure.core and
// clojure.string (scripts/clojure-parity-data.mjs) with what Lonala has
// for it. Whether a name is present is asked of the built system (bin/lona;
// npm run build first): present when it names a special form or a bound
// var of lona.core. The rest of each row (another name, the Lonala way,
// a difference) is the data file's.
//
//   node scripts/clojure-parity.mjs            rewrite the document
//   node scripts/clojure-parity.mjs --check    exit 1 if it is out of date
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LAZY, groups } from './clojure-parity-data.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const OUT = `${root}docs/clojure-parity.md`;

/** Names the Lonala reader reads as symbols (+' and the like are not). */
const readable = (n) => /^[^\s()[\]{}"';`,~^@\\]+$/.test(n) && !/^[0-9]/.test(n);

/** name -> 'special' | 'macro' | 'fn' | null, for every name asked, from one run of Lona. */
function askLona(names) {
  const list = names.filter(readable).map((n) => `"${n}"`).join(' ');
  const program = `(let [core (ns-interns (the-ns 'lona.core))]
    (doseq [n [${list}]]
      (println n (let [s (symbol n) v (get core s)]
                   (cond (special-symbol? s) "special"
                         (and v (bound? v)) (if (:macro (meta v)) "macro" "fn")
                         :else "-")))))`;
  let out;
  try {
    out = execFileSync(process.execPath, [`${root}bin/lona`, '-e', program], { encoding: 'utf8', maxBuffer: 1 << 24, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    console.error(`clojure-parity: bin/lona failed (is it built? npm run build):\n${e.stderr || e.message}`);
    process.exit(2);
  }
  const found = new Map();
  for (const line of out.split('\n')) {
    const [n, what] = line.split(' ');
    if (what !== undefined) found.set(n, what === '-' ? null : what);
  }
  for (const n of names) if (!found.has(n)) found.set(n, null);
  return found;
}

const cell = (text) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');
const code = (name) => '`' + name + '`';

/** One row: [Clojure, Lonala, notes] and its status for the counts. */
function row(group, name, found) {
  const lazy = LAZY.has(name);
  const label = code(name) + (lazy ? ' ‡' : '');
  const what = found.get(name);
  const note = group.notes?.[name];
  if (what) {
    const kind = what === 'special' ? 'special form' : what === 'macro' ? 'macro' : '';
    return { status: 'present', cells: [label, '✓' + (kind ? ` (${kind})` : ''), note ?? ''] };
  }
  if (group.syntax?.[name]) return { status: 'present', cells: [label, '✓ (syntax)', group.syntax[name]] };
  const other = group.other?.[name];
  const way = group.ways?.[name] ?? group.way;
  if (other) {
    if (!found.get(other)) throw new Error(`${name}: the other name ${other} is not in lona.core`);
    return { status: 'other', cells: [label, `≈ ${code(other)}`, note ?? way ?? ''] };
  }
  if (lazy) return { status: 'lazy', cells: [label, '‡ with the lazy-sequence work', way ?? ''] };
  if (!way) throw new Error(`${name} (${group.title}) is absent and has no Lonala way: add one to clojure-parity-data.mjs`);
  return { status: 'absent', cells: [label, '— absent', way] };
}

function checkGroups() {
  const seen = new Set();
  for (const g of groups) {
    for (const n of g.names.split(/\s+/)) {
      if (seen.has(`${g.ns}/${n}`)) throw new Error(`${g.ns}/${n} is in two groups`);
      seen.add(`${g.ns}/${n}`);
    }
  }
  return seen;
}

const INTRO = `# Clojure parity: clojure.core and clojure.string in Lonala

Every public var of Clojure 1.12.4's \`clojure.core\` and \`clojure.string\`,
and what Lonala has for it: the same name (✓), another name (≈), or nothing,
deliberately, with the Lonala way to do the same (—). clojure.string's
functions are in \`lona.core\` itself: no namespace to require. Names marked ‡
came with the lazy-sequence work (issue 16: lazy sequences, transducers and the sequence functions on them).

This file is generated: \`node scripts/clojure-parity.mjs\` asks the built
system which names resolve (a special form, or a bound var of lona.core) and
takes the other columns from \`scripts/clojure-parity-data.mjs\`; \`--check\`
fails when the file is out of date.

Where Lonala differs on purpose:

- **Errors are values and exit reasons, not exceptions.** No try, catch,
  throw or ex-info: an expected failure is returned (\`[:ok v]\`,
  \`[:error reason]\`) and taken apart with \`match\`; a fault ends the
  process with an exit reason (\`[:error :badarg %{...}]\`) that a linked or
  monitoring process receives and a supervisor acts on. \`panic!\` ends the
  process on purpose, \`assert\` when an assertion fails.
- **Processes instead of refs, agents, futures and promises.** State that
  several parties change lives in a process (call/reply), or in an atom,
  which belongs to its realm. \`send\` sends a message to a process.
- **Process-bound vars instead of \`binding\`.** A \`^:process-bound\` var has a
  value per process, set with \`var-set\` and inherited at spawn.
- **No Java.** Interop, arrays, classes, proxies and type hints have no
  place; binaries and bytebufs hold bytes, capabilities reach the host.
- **\`contains?\` on a vector, tuple or string is a type error.** The
  language spec (the conformance corpus) asserts it, and it wins over
  Clojure there: \`(contains? [1 2 3] 0)\` and \`(contains? "abc" 0)\` are
  \`:type-error\`s whose message says to use \`(< -1 i (count v))\` for an
  index. On maps and sets \`contains?\` is Clojure's, and \`nth\` out of range
  is \`:out-of-bounds\` unless given a not-found, as in Clojure (the corpus
  marks nil there, and a set's type error, as not yet settled: \`todo\`).
`;

function render(found) {
  const counts = { present: 0, other: 0, lazy: 0, absent: 0 };
  let lazyPresent = 0;
  const sections = groups.map((g) => {
    const rows = g.names.split(/\s+/).map((n) => row(g, n, found));
    for (const r of rows) counts[r.status]++;
    lazyPresent += g.names.split(/\s+/).filter((n) => LAZY.has(n) && found.get(n)).length;
    const ns = g.ns === 'clojure.core' ? '' : ` (${g.ns})`;
    return [`## ${g.title}${g.title.startsWith(g.ns) ? '' : ns}`, '', '| Clojure | Lonala | |', '|---|---|---|',
      ...rows.map((r) => `| ${r.cells.map(cell).join(' | ')} |`), ''].join('\n');
  });
  const total = counts.present + counts.other + counts.lazy + counts.absent;
  const summary = `${total} names: ${counts.present} present (✓; ${lazyPresent} of them marked ‡), ` +
    `${counts.other} under another name (≈), ${counts.lazy} still to come with the lazy-sequence work (‡), ` +
    `${counts.absent} absent with a Lonala way (—).\n`;
  return [INTRO, summary, ...sections].join('\n');
}

checkGroups();
const names = [...new Set(groups.flatMap((g) => [...g.names.split(/\s+/), ...Object.values(g.other ?? {})]))];
const text = render(askLona(names));
if (process.argv.includes('--check')) {
  let old = '';
  try { old = readFileSync(OUT, 'utf8'); } catch { /* missing: out of date */ }
  if (old !== text) {
    console.error('docs/clojure-parity.md is out of date: run node scripts/clojure-parity.mjs');
    process.exit(1);
  }
  console.log('docs/clojure-parity.md is up to date');
} else {
  writeFileSync(OUT, text);
  console.log(`wrote ${OUT}`);
}
