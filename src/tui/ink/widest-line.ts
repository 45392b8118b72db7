/** The widest-line package as Ink imports it (swapped in by scripts/build.mjs): widths remembered across frames. */
export { widestLine as default } from './text-width.js';
