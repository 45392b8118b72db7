/**
 * The var names the Listener completes, with their arglists: the session's
 * namespace (asked of the inspector after each evaluation) and lona.core (once).
 */
import { useEffect, useRef, useState } from 'react';
import type { Inspector } from '../inspector/index.js';

export interface VarInfo {
  /** Qualified name. */
  readonly name: string;
  /** The name as typed in the session's namespace. */
  readonly short: string;
  /** Arglists as printed, e.g. `([x] [x y])`. */
  readonly arglists: string;
}

function printArglists(a: unknown): string {
  if (!Array.isArray(a)) return '';
  return '(' + a.map((list) => `[${Array.isArray(list) ? list.join(' ') : String(list)}]`).join(' ') + ')';
}

async function varsOf(inspector: Inspector, ns: string): Promise<VarInfo[]> {
  const reply = await inspector.request({ op: 'vars', ns });
  if (!reply.ok || !Array.isArray(reply.value)) return [];
  return (reply.value as { name: string; arglists: unknown }[]).map((v) => ({
    name: v.name, short: v.name.slice(v.name.indexOf('/') + 1), arglists: printArglists(v.arglists),
  }));
}

export function useVars(inspector: Inspector, ns: string, generation: number): VarInfo[] {
  const [vars, setVars] = useState<VarInfo[]>([]);
  // lona.core (500-odd vars with their docs) is asked for once; the session's namespace after each evaluation.
  const core = useRef<Promise<VarInfo[]> | null>(null);
  useEffect(() => {
    let live = true;
    core.current ??= varsOf(inspector, 'lona.core');
    void Promise.all([ns === 'lona.core' ? [] : varsOf(inspector, ns), core.current]).then(([own, shared]) => {
      if (shared.length === 0) core.current = null; // not answered: ask again next time
      if (live) setVars([...own, ...shared]);
    });
    return () => { live = false; };
  }, [inspector, ns, generation]);
  return vars;
}
