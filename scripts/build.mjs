// Bundles the three entry points (after tsc has checked the types):
//   dist/lona.mjs        the command line (immutable stays a package import)
//   dist/lona-worker.mjs the machine's worker thread under the workstation
//   dist/lona-tui.mjs    the workstation's screen, Ink and React included: one
//                        file loads in ~0.15 s where Ink's own module graph
//                        (es-toolkit's hundreds of files) takes ~0.6 s.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

/**
 * Ink's frame buffer and text measurement (and the widest-line it uses), swapped for src/tui/ink/'s: the
 * same output from caches that last across frames (and stay bounded). The
 * build fails if Ink stops importing them, rather than silently keeping its own.
 */
const INK_PARTS = { './output.js': 'output.ts', './measure-text.js': 'measure-text.ts', 'widest-line': 'widest-line.ts' };
const swapped = new Set();
const fasterInk = {
  name: 'faster-ink',
  setup(b) {
    b.onResolve({ filter: /^(\.\/output\.js|\.\/measure-text\.js|widest-line)$/ }, (args) => {
      if (!/[\\/]ink[\\/]build[\\/]/.test(args.importer)) return undefined;
      swapped.add(args.path);
      return { path: fileURLToPath(new URL(`../src/tui/ink/${INK_PARTS[args.path]}`, import.meta.url)) };
    });
    b.onEnd(() => {
      const missing = Object.keys(INK_PARTS).filter((p) => !swapped.has(p));
      if (missing.length > 0) throw new Error(`Ink no longer imports ${missing.join(', ')}: update src/tui/ink/ and scripts/build.mjs`);
    });
  },
};

const common = { bundle: true, platform: 'node', format: 'esm', target: 'node20', minifyWhitespace: true, minifySyntax: true, logLevel: 'warning' };

await Promise.all([
  build({ ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/lona.mjs', external: ['immutable'] }),
  build({ ...common, entryPoints: ['src/inspector/host/machine-worker.ts'], outfile: 'dist/lona-worker.mjs' }),
  build({
    ...common, entryPoints: ['src/tui/index.tsx'], outfile: 'dist/lona-tui.mjs',
    // Ink loads React DevTools only when DEV=true; not shipped, and its import is left unresolved.
    external: ['./devtools.js'],
    plugins: [fasterInk],
    // Yoga's loader fetches its inlined wasm (a data: URL) when `fetch` exists, and the first fetch loads
    // Node's undici (~60 ms of startup); without it the same bytes are decoded synchronously.
    define: { 'process.env.NODE_ENV': '"production"', fetch: 'undefined' },
    // CommonJS parts (signal-exit, React) require Node's own modules.
    banner: { js: "import { createRequire as lonaCreateRequire } from 'node:module'; const require = lonaCreateRequire(import.meta.url);" },
  }),
]);
