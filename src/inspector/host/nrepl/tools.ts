/**
 * The nREPL server's tooling ops (completions, lookup, cider-nrepl's
 * info, eldoc, complete, ns-list, macroexpand), answered in Lonala by an
 * evaluator of their own in the session realm: they see exactly what an
 * nREPL session sees (its realm's namespaces, nothing of another realm's),
 * never touch a session's `*1`, and answer while a session's evaluation
 * runs. Each tool is a function compiled once; a call is that function
 * applied to data (never text pasted into code), with a reduction limit,
 * so a macro that loops fails its macroexpand and nothing else.
 */
import { Fn, List, Sym, type Value } from '../../../machine/index.js';
import { Session, describeOutcome, type System } from '../../../os/index.js';
import { REPLY_LIMITS, toHost } from '../host-values.js';
import type { HostValue } from '../../protocol.js';

/** What a tool's evaluation may take. */
const TOOL_REDUCTIONS = 20_000_000;

const KIND = `(fn [v] (let [m (meta v)]
  (cond (:macro m) "macro" (and (bound? v) (fn? (var-get v))) "function" :else "var")))`;

const SOURCES = {
  /** Vars and namespaces whose names start with prefix (`ns/prefix`: that namespace's own vars). */
  complete: `(fn [ns-sym prefix]
  (let [ns (find-ns ns-sym) kind ${KIND}]
    (if (nil? ns) :namespace-not-found
      (let [slash (index-of prefix "/")
            qualifier (if (and slash (pos? slash)) (subs prefix 0 slash) nil)
            target (if qualifier (find-ns (symbol qualifier)) ns)
            stem (if qualifier (subs prefix (inc slash)) prefix)
            vars (if (nil? target) ()
                   (filter (fn [[name v]] (starts-with? (str name) stem)) (if qualifier (ns-interns target) (ns-map target))))
            found (map (fn [[name v]] %{:candidate (if qualifier (str qualifier "/" name) (str name))
                                        :ns (str (ns-name (:ns (meta v)))) :type (kind v)}) vars)
            spaces (if qualifier ()
                     (map (fn [n] %{:candidate (str (ns-name n)) :type "namespace"})
                          (filter (fn [n] (starts-with? (str (ns-name n)) prefix)) (all-ns))))]
        (vec (take 1000 (sort-by :candidate (concat found spaces))))))))`,
  /** What a symbol names in a namespace: its var's name, arglists, doc, file and line (nil: nothing). */
  info: `(fn [ns-sym sym]
  (let [ns (find-ns ns-sym) kind ${KIND}]
    (if (nil? ns) :namespace-not-found
      (let [qualified (namespace sym)
            target (if qualified (find-ns (symbol qualified)) ns)
            v (if (nil? target) nil (get (if qualified (ns-interns target) (ns-map target)) (symbol (name sym))))
            m (if (nil? v) nil (meta v))]
        (if (nil? m) nil
          (let [arglists (:arglists m)]
            %{:name (str (:name m)) :ns (str (ns-name (:ns m)))
              :arglists-str (if arglists (pr-str arglists) nil)
              :eldoc (if arglists (vec (map (fn [a] (vec (map str a))) arglists)) nil)
              :doc (:doc m) :file (:file m) :line (:line m) :column (:column m) :type (kind v)}))))))`,
  /** The names of the namespaces the realm sees, sorted. */
  'ns-list': `(fn [] (vec (sort (map (fn [n] (str (ns-name n))) (all-ns)))))`,
  /** A form expanded in a namespace (expander: 1 once, :all inside too, else until its head is no macro), printed. */
  macroexpand: `(fn [ns-sym form expander]
  (if (nil? (find-ns ns-sym)) :namespace-not-found
    (do (in-ns ns-sym)
      (let [all (fn all [f] (let [e (macroexpand f)]
                             (if (and (list? e) (not (= 'quote (first e)))) (apply list (map all e)) e)))]
        (pprint-str (cond (= expander 1) (macroexpand-1 form) (= expander :all) (all form) :else (macroexpand form)) 80)))))`,
};

export type ToolName = keyof typeof SOURCES;
export type ToolAnswer = { ok: true; value: HostValue } | { ok: false; error: string };

export class NreplTools {
  private session: Session | null = null;
  private readonly compiled = new Map<ToolName, Fn>();
  /** Calls run one at a time. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly system: System) {}

  /** Tool `name` applied to `args` (data: symbols and forms are passed quoted), its value as host data. */
  call(name: ToolName, args: Value[]): Promise<ToolAnswer> {
    const answer = this.queue.then(() => this.run(name, args));
    this.queue = answer.catch(() => undefined);
    return answer;
  }

  private async run(name: ToolName, args: Value[]): Promise<ToolAnswer> {
    const session = this.sessionNow();
    let fn = this.compiled.get(name);
    if (fn === undefined) {
      const { outcomes, failure } = await session.evalText(SOURCES[name]);
      const o = outcomes[0];
      if (failure !== null || o?.kind !== 'value' || !(o.value instanceof Fn)) return { ok: false, error: `the ${name} tool did not compile: ${failure}` };
      fn = o.value;
      this.compiled.set(name, fn);
    }
    const call = List.from([fn, ...args.map((a) => (a instanceof Sym || a instanceof List ? List.of(QUOTE, a) : a))]);
    const o = await session.evalValue(call, null, null);
    this.hide(session);
    if (o.kind === 'value') return { ok: true, value: toHost(o.value, { limits: REPLY_LIMITS }) };
    return { ok: false, error: describeOutcome(o) };
  }

  private sessionNow(): Session {
    if (this.session === null) {
      this.session = new Session(this.system, this.system.user, this.system.sessionRealm());
      this.session.reductionLimit = TOOL_REDUCTIONS;
      this.hide(this.session);
    }
    return this.session;
  }

  /** The tools' evaluator is the system's own: the Processes pane shows it only with the system's processes. */
  private hide(session: Session): void {
    session.evaluator().ensureExtra().system = true;
  }
}

const QUOTE = Sym.of('quote');
