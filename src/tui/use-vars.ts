/**
 * The var names the Listener completes, with their arglists: the session's
 * namespace and lona.core, asked of the inspector after each evaluation.
 */
import { useEffect, useState } from 'react';
import type { Inspector } from '../inspector/bridge.js';

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

export function useVars(inspector: Inspector, ns: string, generation: number): VarInfo[] {
  const [vars, setVars] = useState<VarInfo[]>([]);
  useEffect(() => {
    let live = true;
    void (async () => {
      const found: VarInfo[] = [];
      for (const space of [ns, 'lona.core']) {
        const reply = await inspector.request({ op: 'vars', ns: space });
        if (!reply.ok || !Array.isArray(reply.value)) continue;
        for (const v of reply.value as { name: string; arglists: unknown }[]) {
          const short = space === ns || space === 'lona.core' ? v.name.slice(v.name.indexOf('/') + 1) : v.name;
          found.push({ name: v.name, short, arglists: printArglists(v.arglists) });
        }
      }
      if (live) setVars(found);
    })();
    return () => { live = false; };
  }, [inspector, ns, generation]);
  return vars;
}
