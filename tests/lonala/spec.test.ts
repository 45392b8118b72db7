/**
 * Collects the Lonala spec files (tests/lonala/spec/*.lona, lines ending in
 * `; => expected`) into one vitest case each, run through the built
 * system exactly as `lona` runs code.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runSpec } from '../../src/cli/spec-file.js';

const dir = join(import.meta.dirname, 'spec');
const files = readdirSync(dir).filter((f) => f.endsWith('.lona')).sort();

describe('Lonala spec files', () => {
  for (const name of files) {
    it(name, () => {
      const result = runSpec(readFileSync(join(dir, name), 'utf8'), name);
      const failures = result.assertions.filter((a) => !a.passed)
        .map((a) => `${name}:${a.line}: ${a.form}\n    expected ${a.expected}\n    actual   ${a.actual}`);
      expect(result.error).toBeNull();
      expect(failures).toEqual([]);
      expect(result.assertions.length).toBeGreaterThan(0);
    });
  }
});
