// The public vars of clojure.core and clojure.string (Clojure 1.12.4's API
// index), grouped, with Lonala's answer for each: the data behind
// docs/clojure-parity.md. scripts/clojure-parity.mjs asks a running Lona
// which names are present and writes the table; this file says the rest.
//
// A group: ns, title, names (space-separated, every public var once), way
// (the Lonala way for the group's names that are absent), and per name:
//   other:  Lonala has it under another name (checked to exist)
//   way:    the Lonala way when the name is absent (instead of the group's)
//   note:   a difference worth knowing when the name is present
//   syntax: not a var but syntax Lonala reads the same way
// LAZY: names the lazy-sequence work (issue 16 items 1 and 8) brings or
// makes lazy, marked in the table so that work can be checked against it.

export const LAZY = new Set(`lazy-seq lazy-cat range iterate repeat cycle repeatedly mapv filterv interleave
  interpose partition partition-all partition-by distinct dedupe reductions keep keep-indexed map-indexed
  tree-seq flatten doall dorun transduce sequence map filter remove take drop take-while drop-while concat
  mapcat realized?`.split(/\s+/));

const EXCEPTIONS = 'no exceptions: an expected failure is a value (`[:ok v]` or `[:error reason]`, taken apart with match); a fault ends the process with an exit reason that a linked (`trap-exit`) or monitoring process receives and a supervisor acts on; panic! ends it on purpose';
const PROCESS_STATE = 'state lives in a process (or an atom in one realm): send it messages, call/reply for request-response';
const JAVA = 'Java interop: Lonala runs on its own machine, not the JVM; the host is reached through intrinsics and capabilities';
const PROCESS_BOUND = 'process-bound vars: a `^:process-bound` var has a value per process (var-set in it, inherited at spawn), as `*ns*` does';
const UNBOUNDED = 'Lonala integers never overflow (arbitrary size) and fixed widths wrap by design, so the plain operator is this one';

export const groups = [
  {
    ns: 'clojure.core', title: 'Special forms and syntax',
    names: '& . .. catch def do finally fn if let letfn loop monitor-enter monitor-exit new quote recur set! throw try var',
    syntax: { '&': 'rest parameters and rest patterns: `[a & more]`' },
    way: JAVA,
    ways: {
      catch: EXCEPTIONS, finally: `${EXCEPTIONS}; for cleanup, a linked process that outlives the work`, throw: EXCEPTIONS, try: EXCEPTIONS,
      'set!': 'var-set for vars (a process-bound one per process), reset! for atoms; locals never change (loop/recur)',
      'monitor-enter': `no locks: ${PROCESS_STATE}`, 'monitor-exit': `no locks: ${PROCESS_STATE}`,
    },
    notes: {
      fn: 'also several clauses with patterns and guards: `(fn ([0] 1) ([n] (when (pos? n)) ...))`',
      if: 'a macro over match (the special forms are def fn* match do quote, with var receive let* loop* recur)',
      let: 'destructures as Clojure; `[..]` is a tuple, `{..}` a vector, `%{..}` a map in Lonala\'s reader',
    },
  },
  {
    ns: 'clojure.core', title: 'Control flow and threading',
    names: 'and or not when when-not when-let when-first when-some if-let if-not if-some cond condp case cond-> cond->> -> ->> as-> some-> some->> doto while dotimes doseq for comment assert time',
    notes: {
      case: 'a match on literal constants; no clause: `[:error :badmatch %{:value v}]`',
      condp: 'no clause and no default: `[:error :badmatch %{:value v}]`',
      assert: 'always on (no `*assert*`): `[:error :assert-failed %{:form f :message m}]`',
    },
  },
  {
    ns: 'clojure.core', title: 'Defining things, vars and bindings',
    names: 'declare defmacro defn defn- defonce definline intern var-get var-set var? bound? find-var alter-var-root binding with-bindings with-bindings* get-thread-bindings push-thread-bindings pop-thread-bindings thread-bound? bound-fn bound-fn* with-local-vars with-redefs with-redefs-fn',
    way: PROCESS_BOUND,
    ways: {
      definline: 'defn: the JS tier compiles hot functions, no inlining hint needed',
      'find-var': "`(resolve 'ns/name)`",
      'alter-var-root': '`(var-set v (f (var-get v)))`: var-set sets the root of a var that is not process-bound',
      'thread-bound?': '`(:process-bound (meta v))`',
      'bound-fn': 'a process spawned inherits the process-bound values of its spawner',
      'bound-fn*': 'a process spawned inherits the process-bound values of its spawner',
      'with-local-vars': 'locals never change: loop/recur, or an atom',
      'with-redefs': 'var-set the root and set it back (redefining with defn is live in Lona: every caller sees it)',
      'with-redefs-fn': 'var-set the root and set it back',
    },
    notes: { 'var-set': 'sets the root, or a process-bound var\'s value for the calling process' },
  },
  {
    ns: 'clojure.core', title: 'Functions',
    names: 'apply comp complement constantly every-pred fnil identity juxt memoize partial some-fn trampoline memfn ifn? fn? max-key min-key',
    ways: {
      memfn: JAVA,
      'ifn?': 'fn? for functions; keywords, maps, sets and vars are callable too',
    },
    notes: {
      juxt: 'returns a tuple',
      memoize: 'the cache is an atom of the realm that called memoize; another realm calls through uncached',
      trampoline: 'rarely needed: Lonala guarantees tail calls',
    },
  },
  {
    ns: 'clojure.core', title: 'Numbers and arithmetic',
    names: `+ - * / +' -' *' inc dec inc' dec' quot rem mod abs max min numerator denominator rationalize num int long short byte float double bigint bigdec biginteger boolean zero? pos? neg? even? odd? number? integer? int? nat-int? neg-int? pos-int? float? double? ratio? rational? decimal? NaN? infinite? compare == < <= > >= unchecked-add unchecked-add-int unchecked-byte unchecked-char unchecked-dec unchecked-dec-int unchecked-divide-int unchecked-double unchecked-float unchecked-inc unchecked-inc-int unchecked-int unchecked-long unchecked-multiply unchecked-multiply-int unchecked-negate unchecked-negate-int unchecked-remainder-int unchecked-short unchecked-subtract unchecked-subtract-int with-precision *unchecked-math* rand rand-int random-sample`,
    way: 'fixed-width integers wrap by design: `(u8 x)` `(i32 x)` ..., wrapping-add, wrapping-sub, wrapping-mul',
    other: { "+'": '+', "-'": '-', "*'": '*', "inc'": 'inc', "dec'": 'dec', long: 'i64', short: 'i16', byte: 'u8', bigint: 'int', biginteger: 'int', double: 'float' },
    ways: {
      "+'": UNBOUNDED, "-'": UNBOUNDED, "*'": UNBOUNDED, "inc'": UNBOUNDED, "dec'": UNBOUNDED,
      rationalize: 'floats stay floats; `(/ 3 10)` is the exact 3/10, and ratios are read as 22/7',
      num: 'numbers need no boxing: the value itself',
      bigdec: 'no decimal floats: ratios are exact (1/10), floats are doubles',
      'decimal?': 'no decimal floats: ratios are exact (1/10)',
      'with-precision': 'no decimal floats: ratios are exact',
      '*unchecked-math*': UNBOUNDED,
      'random-sample': '`(filter (fn [_] (< (rand) p)) coll)`, with the `:random` capability',
    },
    notes: {
      long: '`(i64 x)` wraps to 64 bits; `(int x)` is a plain integer of any size',
      short: '`(i16 x)` wraps', byte: '`(u8 x)` wraps (i8 for signed)',
      int: 'a plain integer of any size (no 32-bit truncation; i32 for that)',
      rand: 'needs the realm\'s `:random` capability (seed-random! for a fixed seed)',
      'rand-int': 'needs the `:random` capability', '==': 'numeric equality across types',
      boolean: 'as Clojure (a function in values.lona)',
      bigint: '`(int x)`: every plain integer is of any size', biginteger: '`(int x)`: every plain integer is of any size',
      double: 'Lonala\'s floats are doubles (f32 for single precision)',
    },
  },
  {
    ns: 'clojure.core', title: 'Bits',
    names: 'bit-and bit-or bit-xor bit-not bit-and-not bit-clear bit-flip bit-set bit-test bit-shift-left bit-shift-right unsigned-bit-shift-right',
    other: { 'bit-shift-left': 'bit-shl', 'bit-shift-right': 'bit-sar', 'unsigned-bit-shift-right': 'bit-shr' },
    ways: { 'bit-and-not': '`(bit-and x (bit-not y))`' },
    notes: {
      'bit-shift-left': 'a fixed-width value shifts within its width', 'bit-shift-right': 'arithmetic (sign-keeping) shift',
      'unsigned-bit-shift-right': 'logical shift, on a fixed-width value\'s bits',
    },
  },
  {
    ns: 'clojure.core', title: 'Collections in general',
    names: 'count empty empty? not-empty conj into get contains? nth peek pop list list? list* vector vector? vec subvec vector-of hash-map hash-set set set? map? coll? seq? seqable? sequential? associative? counted? indexed? reversible? sorted? distinct? bounded-count rseq subseq rsubseq',
    way: 'every Lonala collection is persistent and counted; the type predicates (list? tuple? vector? map? set?) tell the kinds apart',
    ways: {
      'list*': '`(apply list a b rest)` or `(concat [a b] rest)`',
      set: '`(apply hash-set coll)`',
      'vector-of': 'a binary (`#bytes[...]`, bits) or a bytebuf for packed numbers; else a vector',
      'seqable?': '`(or (coll? x) (string? x) (nil? x) (binary? x))`',
      'sequential?': '`(or (list? x) (tuple? x) (vector? x))`',
      'associative?': '`(map? x)`, or a vector/tuple for assoc by index',
      'counted?': 'every Lonala collection knows its count (a lazy sequence is counted by realizing it)',
      'indexed?': '`(or (tuple? x) (vector? x))`',
      'reversible?': '`(reverse coll)` takes any collection',
      'sorted?': 'no sorted collections: `(sort coll)`, or keep the order in a vector',
      'bounded-count': '`(count (take n coll))`',
      rseq: '`(reverse v)`', subseq: 'no sorted collections: `(filter (fn [x] (< lo x hi)) (sort coll))`', rsubseq: 'no sorted collections: `(reverse (filter ... (sort coll)))`',
    },
    notes: {
      'contains?': 'maps and sets as Clojure; a vector, tuple or string is a `:type-error` (the language spec) whose message says to use `(< -1 i (count v))` for an index',
      nth: 'as Clojure: out of range is `:out-of-bounds`, or the not-found given',
      peek: 'lists and vectors as Clojure', conj: 'tuples grow at the end, like vectors',
      'seq?': 'true for lists and lazy seqs (Lonala\'s sequence types)',
    },
  },
  {
    ns: 'clojure.core', title: 'Maps',
    names: 'assoc assoc-in dissoc update update-in get-in merge merge-with select-keys zipmap keys vals key val find reduce-kv update-keys update-vals array-map sorted-map sorted-map-by map-entry? frequencies group-by',
    ways: {
      'array-map': '`(hash-map k v ...)`: small maps keep insertion order anyway',
      'sorted-map': 'no sorted maps: `(sort-by key m)` gives the entries in order',
      'sorted-map-by': '`(sort-by key cmp m)`',
      'map-entry?': 'a map entry is a `[k v]` tuple: `(tuple? x)`',
    },
    notes: { 'group-by': 'groups are vectors, as Clojure', key: 'of a `[k v]` tuple', val: 'of a `[k v]` tuple' },
  },
  {
    ns: 'clojure.core', title: 'Sets',
    names: 'disj sorted-set sorted-set-by',
    ways: { 'sorted-set': '`(sort (seq s))` gives the members in order', 'sorted-set-by': '`(sort cmp (seq s))`' },
  },
  {
    ns: 'clojure.core', title: 'Sequences',
    names: `seq first rest next second last butlast ffirst fnext nfirst nnext nthnext nthrest cons concat map mapv map-indexed mapcat filter filterv remove keep keep-indexed reduce reductions reduced reduced? unreduced ensure-reduced take take-last take-nth take-while drop drop-last drop-while split-at split-with splitv-at partition partition-all partition-by partitionv partitionv-all interleave interpose distinct dedupe flatten reverse sort sort-by shuffle rand-nth some every? not-any? not-every? range repeat repeatedly replicate iterate cycle lazy-seq lazy-cat doall dorun run! realized? tree-seq sequence transduce eduction cat completing halt-when iteration seque replace comparator into-array to-array to-array-2d`,
    way: 'not yet: `(take-last n s)` is `(drop (- (count s) n) s)`; the lazy-sequence work adds the sequence library',
    ways: {
      ffirst: '`(first (first s))`', fnext: '`(second s)`', nfirst: '`(next (first s))`', nnext: '`(next (next s))`',
      nthnext: '`(seq (drop n s))`', nthrest: '`(drop n s)`',
      'take-last': '`(drop (- (count s) n) s)`', 'drop-last': '`(take (- (count s) n) s)`',
      'take-nth': '`(keep-indexed (fn [i x] (when (zero? (mod i n)) x)) s)`',
      'split-at': '`[(take n s) (drop n s)]`', 'split-with': '`[(take-while p s) (drop-while p s)]`',
      'splitv-at': '`[(vec (take n s)) (vec (drop n s))]`', partitionv: '`(map vec (partition n s))`', 'partitionv-all': '`(map vec (partition-all n s))`',
      'not-every?': '`(not (every? p s))`', replicate: '`(repeat n x)`', 'run!': '`(doseq [x coll] (f x))`',
      reduced: 'stop early with a loop/recur or a recursive fn instead of reduce', 'reduced?': 'stop early with loop/recur',
      unreduced: 'stop early with loop/recur', 'ensure-reduced': 'stop early with loop/recur',
      eduction: '`(sequence xform coll)` with the lazy-sequence work', cat: 'mapcat', completing: 'a reducing fn with its arities',
      'halt-when': 'loop/recur with a test', iteration: 'loop/recur over the steps, or a process yielding each',
      seque: `a process producing into its consumer's mailbox: ${PROCESS_STATE}`,
      replace: '`(map (fn [x] (get smap x x)) coll)`: Lonala\'s replace is clojure.string\'s',
      comparator: '`(fn [a b] (cond (pred a b) -1 (pred b a) 1 :else 0))`; sort takes a predicate such as < too',
      'into-array': JAVA, 'to-array': JAVA, 'to-array-2d': JAVA,
    },
    notes: {
      reverse: 'a list', sort: 'stable merge sort; a comparator or a predicate such as <', shuffle: 'needs the `:random` capability',
      'rand-nth': 'needs the `:random` capability', rest: 'always a list (or a sequence)',
    },
  },
  {
    ns: 'clojure.core', title: 'Strings, characters and regular expressions',
    names: 'str subs format printf name namespace keyword symbol find-keyword char char? string? keyword? symbol? ident? simple-ident? qualified-ident? simple-symbol? qualified-symbol? simple-keyword? qualified-keyword? char-escape-string char-name-string re-find re-groups re-matches re-pattern re-seq re-matcher parse-long parse-double parse-boolean parse-uuid random-uuid',
    ways: {
      'find-keyword': '`(keyword s)`: keywords are interned as they are made',
      'char-escape-string': '`(pr-str c)` prints a character as the reader reads it',
      'char-name-string': '`(pr-str \\newline)` is `"\\\\newline"`, the character as the reader reads it',
      're-matcher': 're-seq for every match, re-groups for the groups (RE2 engine, no mutable matcher)',
    },
    notes: {
      'parse-long': 'any size (no Long range)', 'parse-uuid': 'the UUID as a lower-case string', 'random-uuid': 'a string; needs the `:random` capability',
      format: 'Java\'s directives; `(format "%s" nil)` is "" (str\'s nil); a bad directive or argument is `:badarg`',
      str: 'nil is "", other values printed readably', 're-pattern': 'RE2 syntax (linear time): no backreferences or lookaround',
    },
  },
  {
    ns: 'clojure.string', title: 'clojure.string (in lona.core, no namespace to require)',
    names: 'blank? capitalize ends-with? escape includes? index-of join last-index-of lower-case re-quote-replacement replace replace-first reverse split split-lines starts-with? trim trim-newline triml trimr upper-case',
    ways: {
      escape: '`(apply str (map (fn [c] (get cmap c c)) s))`',
      'last-index-of': '`(let [r (index-of (apply str (reverse s)) ...)] ...)` for now, or re-seq over the text',
      're-quote-replacement': 'in replace\'s replacement a backslash takes the next character as it is: `"\\\\$1"` is a literal $1',
      'replace-first': '`(let [i (index-of s target)] (if i (str (subs s 0 i) repl (subs s (+ i (count target)))) s))`',
    },
    notes: { reverse: 'lona.core\'s reverse: a list of the characters; `(apply str (reverse s))` for a string', split: 'a list, on a string, character or regex' },
  },
  {
    ns: 'clojure.core', title: 'Printing, reading and files',
    names: 'pr prn print println pr-str prn-str print-str println-str newline flush read read-string read-line read+string with-out-str with-in-str *in* *out* *err* *flush-on-newline* *print-dup* *print-length* *print-level* *print-meta* *print-namespace-maps* *print-readably* *read-eval* *data-readers* *default-data-reader-fn* default-data-readers tagged-literal tagged-literal? reader-conditional reader-conditional? PrintWriter-on slurp spit with-open',
    way: 'output goes to the console capability (print, println, pprint); there are no Java streams to rebind',
    ways: {
      'prn-str': '`(str (pr-str x) "\\n")`', 'println-str': '`(str (print-str x) "\\n")`',
      read: '`(read-string s)`; a file: `(read-string (slurp path))` with the `:fs` capability',
      'read+string': '`(read-string s)` keeps its own text in hand',
      'with-out-str': 'str, pr-str and format build text as values; a process whose console is another process collects output',
      'with-in-str': 'pass the text as a value (split-lines)',
      '*read-eval*': 'read-string never evaluates', 'tagged-literal': 'the reader has fixed literals (`#bytes` `#bits` `#""` `##Inf`)',
      'tagged-literal?': 'fixed literals only', 'reader-conditional': 'one platform: no reader conditionals', 'reader-conditional?': 'one platform',
      'with-open': 'slurp and spit open and close the file in one call; a process owning a device closes it when it ends',
      '*data-readers*': 'fixed literals only', '*default-data-reader-fn*': 'fixed literals only', 'default-data-readers': 'fixed literals only',
    },
    notes: { slurp: 'needs the realm\'s `:fs` capability; paths stay inside it', spit: 'needs the `:fs` capability', flush: 'takes every message out of the caller\'s mailbox (output is not buffered)', 'read-line': 'needs the console capability with `:read`' },
  },
  {
    ns: 'clojure.core', title: 'State: atoms, volatiles, refs and agents',
    names: 'atom deref swap! swap-vals! reset! reset-vals! compare-and-set! add-watch remove-watch set-validator! get-validator volatile! volatile? vreset! vswap! ref ref-set alter commute ensure dosync sync io! ref-history-count ref-max-history ref-min-history agent send send-off send-via await await-for agent-error agent-errors clear-agent-errors restart-agent release-pending-sends set-agent-send-executor! set-agent-send-off-executor! shutdown-agents error-handler error-mode set-error-handler! set-error-mode! *agent*',
    way: `no STM or agents: ${PROCESS_STATE}; a transaction is one process applying the change`,
    ways: {
      'volatile!': 'an atom (uncontended, within the realm)', 'volatile?': '`atom?`', 'vreset!': '`reset!` on an atom', 'vswap!': '`swap!` on an atom',
      agent: 'a process holding the state, changed by the messages it receives (gen-server style: call/reply)',
      'send-off': '`(send pid msg)` to the process holding the state', 'send-via': '`(send pid msg)`',
      await: 'call (request/reply with a timeout) waits for the process to answer',
      'await-for': '`(call pid msg timeout-ms)`',
      'agent-error': 'the process\'s exit reason, seen through a monitor (`[:DOWN ref pid reason]`) or a link',
      'agent-errors': 'the exit reason through a monitor', 'restart-agent': 'a supervisor restarts the process (`supervisor-start`)',
      'clear-agent-errors': 'a supervisor restarts the process', 'shutdown-agents': '`(exit pid :shutdown)`, or stop its supervisor',
      'error-handler': 'trap-exit and `[:EXIT pid reason]` messages, or a supervisor', 'error-mode': 'a supervisor\'s restart strategy',
      'set-error-handler!': 'trap-exit, or a supervisor', 'set-error-mode!': 'a supervisor\'s restart type (`:permanent`, `:transient`, `:temporary`)',
    },
    notes: {
      atom: 'an atom belongs to its realm: another realm reading or changing it is refused (`:no-capability`)',
      send: 'sends a message to a process (a pid or a registered name), not an action to an agent',
      deref: 'atoms (`@a`); no futures, promises or delays to deref',
    },
  },
  {
    ns: 'clojure.core', title: 'Futures, promises, delays and parallelism',
    names: 'future future-call future-cancel future-cancelled? future-done? future? promise deliver delay delay? force pmap pcalls pvalues locking add-tap remove-tap tap>',
    way: 'processes and messages: spawn a process for the work and receive its answer (`[:DOWN ...]` tells if it died)',
    ways: {
      promise: 'a ref from make-ref and a receive waiting for `[ref value]`', deliver: '`(send pid [ref value])`',
      delay: 'memoize of a function of no arguments, or compute it in a process', 'delay?': 'no delay values', force: 'call the memoized function',
      pmap: '`(map (fn [p] (receive [p v] v)) (map (fn [x] (let [me (self)] (spawn (fn [] (send me [(self) (f x)]))))) coll))`',
      pcalls: 'spawn a process per function and receive the answers', pvalues: 'spawn a process per expression and receive the answers',
      locking: `no locks: ${PROCESS_STATE}`,
      'future-cancel': '`(exit pid :kill)`', 'future-done?': '`(not (alive? pid))`', 'future-cancelled?': 'the `[:DOWN ... :killed]` message',
      'add-tap': 'register a process and send it what you would tap>', 'remove-tap': '`(unregister \'name)`', 'tap>': '`(send \'name value)` to a registered process',
    },
  },
  {
    ns: 'clojure.core', title: 'Namespaces, loading and evaluation',
    names: 'ns in-ns create-ns find-ns the-ns all-ns ns-name ns-map ns-interns ns-publics ns-refers ns-aliases ns-imports ns-resolve ns-unalias ns-unmap remove-ns alias refer refer-clojure require use import load load-file load-reader load-string loaded-libs requiring-resolve resolve namespace-munge compile eval macroexpand macroexpand-1 gensym special-symbol? *ns* *file* *compile-files* *compile-path* *compiler-options* *warn-on-reflection* add-classpath',
    way: 'Lona distributes source and compiles it as it loads (no ahead-of-time compile, no classpath)',
    ways: {
      'ns-publics': '`(remove (fn [[k v]] (:private (meta v))) (ns-interns ns))`', 'ns-refers': 'lona.core is referred into every namespace',
      'ns-aliases': 'alias makes them; `(resolve \'a/x)` follows one', 'ns-imports': JAVA, import: JAVA,
      'ns-resolve': '`(resolve \'ns/name)`', 'ns-unalias': 'aliases last for the namespace', 'ns-unmap': 'a var stays once made: define it again',
      'remove-ns': 'namespaces live with the realm that made them', 'refer-clojure': 'lona.core is referred into every namespace',
      use: '`(ns my.app (:require [other.ns :as o]))` then o/name', load: '`(load-file path)` or `(require \'ns)`',
      'load-reader': '`(eval (read-string text))`', 'load-string': '`(eval (read-string s))` for each form',
      'loaded-libs': '`(all-ns)`', 'requiring-resolve': '`(do (require \'ns) (resolve \'ns/name))`',
      'namespace-munge': 'namespaces map to files as ns.name -> ns/name.lona', '*file*': '`(:file (meta #\'f))` of a definition',
      '*warn-on-reflection*': JAVA, 'add-classpath': JAVA,
    },
    notes: { eval: 'compiles and runs in the calling process', 'special-symbol?': 'def fn* match do quote var receive let* loop* recur' },
  },
  {
    ns: 'clojure.core', title: 'Metadata and errors',
    names: 'meta with-meta vary-meta alter-meta! reset-meta! ex-info ex-data ex-message ex-cause Throwable->map StackTraceElement->vec',
    way: EXCEPTIONS,
    ways: { 'reset-meta!': '`(alter-meta! v m)` replaces a var\'s metadata', 'Throwable->map': 'an exit reason is already data: `[:error kind %{...}]` with its frames in `(backtrace reason)`', 'StackTraceElement->vec': '`(backtrace reason-or-pid)` gives frames as data' },
    notes: { 'alter-meta!': '`(alter-meta! var m)` replaces the metadata with m (not a function of it)' },
  },
  {
    ns: 'clojure.core', title: 'Types, records, protocols and multimethods',
    names: 'type instance? class class? cast bases supers defrecord deftype defprotocol definterface defstruct create-struct struct struct-map accessor record? reify extend extend-protocol extend-type extenders extends? satisfies? defmulti defmethod get-method methods prefer-method prefers remove-method remove-all-methods make-hierarchy derive underive isa? parents ancestors descendants hash hash-ordered-coll hash-unordered-coll mix-collection-hash identical? = not= uuid? uri? inst? inst-ms nil? some? true? false? boolean? any?',
    way: 'data and functions: maps with a `:type` key and match (or case) on it; patterns on tuples such as `[:circle r]` do what records and multimethods do',
    ways: {
      'instance?': '`(= (type x) :map)` and the type predicates', class: '`(type x)`: a keyword', 'class?': 'no classes: `(keyword? (type x))`', cast: JAVA,
      bases: JAVA, supers: JAVA, definterface: JAVA, reify: 'a map of functions, or a process answering messages',
      'hash-ordered-coll': '`(hash coll)`', 'hash-unordered-coll': '`(hash coll)`', 'mix-collection-hash': '`(hash coll)`',
      'uuid?': 'UUIDs are strings: `(some? (parse-uuid s))`', 'uri?': 'strings', 'inst?': 'times are integers (system-time, monotonic-time)', 'inst-ms': '`(system-time)` is milliseconds',
      'record?': '`(and (map? x) (contains? x :type))`',
    },
    notes: { type: 'a keyword (`:map`, `:integer`, `:u8` ...), not a class' },
  },
  {
    ns: 'clojure.core', title: 'Java arrays, transients and the host',
    names: 'aclone aget alength amap areduce aset aset-boolean aset-byte aset-char aset-double aset-float aset-int aset-long aset-short boolean-array booleans byte-array bytes bytes? char-array chars double-array doubles float-array floats int-array ints long-array longs make-array object-array short-array shorts transient persistent! conj! assoc! dissoc! disj! pop! bean gen-class gen-interface proxy proxy-mappings proxy-super construct-proxy get-proxy-class init-proxy update-proxy enumeration-seq iterator-seq resultset-seq file-seq line-seq xml-seq stream-into! stream-reduce! stream-seq! stream-transduce! ->ArrayChunk ->Eduction ->Vec ->VecNode ->VecSeq ArrayChunk Eduction Vec VecNode VecSeq seq-to-map-for-destructuring',
    way: JAVA,
    ways: {
      'byte-array': '`(bytebuf-alloc n)` for mutable bytes, a binary (`#bytes[...]`) for immutable ones', bytes: 'a binary',
      'bytes?': '`(binary? x)`, `(bytebuf? x)`', aget: 'vectors and tuples (`nth`), bytebufs (`bytebuf-read8` ...)', aset: 'bytebuf-write8! and the other writes, or assoc on a vector',
      alength: '`(count v)`, `(bytebuf-size b)`', aclone: 'collections are persistent: no copy needed',
      transient: 'implicit: a compiled loop threading a map through `put`/`assoc` updates it in place when nothing else can hold it (machine/js-linear.ts); reduce/into otherwise', 'persistent!': 'collections are persistent only',
      'conj!': '`conj`', 'assoc!': '`assoc`', 'dissoc!': '`dissoc`', 'disj!': '`disj`', 'pop!': '`pop`',
      'file-seq': 'the `:fs` capability (slurp, spit, fs-subtree)', 'line-seq': '`(split-lines (slurp path))`',
      'seq-to-map-for-destructuring': 'map destructuring takes keys and values in a sequence itself (`destructure-map*`)',
    },
  },
  {
    ns: 'clojure.core', title: 'The REPL and the environment',
    names: '*1 *2 *3 *e *command-line-args* *clojure-version* clojure-version *repl* *assert* test',
    syntax: { '*1': 'the REPL session\'s last result', '*2': 'the REPL session\'s', '*3': 'the REPL session\'s', '*e': 'the REPL session\'s last exit reason' },
    ways: {
      '*command-line-args*': '`lona run file.lona args` calls `(main args...)`', '*clojure-version*': 'Lonala is not versioned as Clojure',
      'clojure-version': 'Lonala is not versioned as Clojure', '*repl*': 'the REPL\'s evaluator is an ordinary process: `(self)` there',
      '*assert*': 'assert is always on', test: 'spec files: `expr ; => expected` lines, run by `lona test`',
    },
  },
];
