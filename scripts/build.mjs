// Bundles the three entry points (after tsc has checked the types):
//   dist/lona.mjs        the command line (immutable stays a package import)
//   dist/lona-worker.mjs the machine's worker thread under the workstation
//   dist/lona-tui.mjs    the workstation's screen, Ink and React included: one
//                        file loads in ~0.15 s where Ink's own module graph
//                        (es-toolkit's hundreds of files) takes ~0.6 s.
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', format: 'esm', target: 'node20', minifyWhitespace: true, minifySyntax: true, logLevel: 'warning' };

await Promise.all([
  build({ ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/lona.mjs', external: ['immutable'] }),
  build({ ...common, entryPoints: ['src/tui/machine-worker.ts'], outfile: 'dist/lona-worker.mjs' }),
  build({
    ...common, entryPoints: ['src/tui/index.tsx'], outfile: 'dist/lona-tui.mjs',
    // Ink loads React DevTools only when DEV=true; not shipped, and its import is left unresolved.
    external: ['./devtools.js'],
    define: { 'process.env.NODE_ENV': '"production"' },
    // CommonJS parts (signal-exit, React) require Node's own modules.
    banner: { js: "import { createRequire as lonaCreateRequire } from 'node:module'; const require = lonaCreateRequire(import.meta.url);" },
  }),
]);
