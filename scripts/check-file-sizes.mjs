#!/usr/bin/env node
// CI check (STYLE.md 5): source files stay small. Fails when a file under
// src/ or std/ exceeds the limit, listing the offenders.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const LIMIT = 500;
const roots = ['src', 'std'];
const offenders = [];

function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (/\.(ts|tsx|lona)$/.test(name)) {
      const lines = readFileSync(path, 'utf8').split('\n').length;
      if (lines > LIMIT) offenders.push(`${path}: ${lines} lines`);
    }
  }
}

for (const r of roots) walk(r);
if (offenders.length > 0) {
  console.error(`Files over ${LIMIT} lines (split them by responsibility):\n  ${offenders.join('\n  ')}`);
  process.exit(1);
}
console.log(`file sizes ok (all under ${LIMIT} lines)`);
