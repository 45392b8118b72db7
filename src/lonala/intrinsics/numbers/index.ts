/**
 * The number intrinsics of `lona.core` (LONALA.md section 2), gathered for
 * the registry. The numeric tower itself is described in tower.ts.
 */
import type { Intrinsic } from '../registry.js';
import { arithmeticIntrinsics } from './arithmetic.js';
import { bitFieldIntrinsics } from './bit-fields.js';
import { bitIntrinsics } from './bits.js';
import { comparisonIntrinsics } from './comparison.js';
import { conversionIntrinsics } from './conversion.js';
import { endianIntrinsics } from './endian.js';
import { overflowIntrinsics } from './overflow.js';
import { predicateIntrinsics } from './predicates.js';

export const numberIntrinsics: Intrinsic[] = [
  ...arithmeticIntrinsics,
  ...overflowIntrinsics,
  ...comparisonIntrinsics,
  ...predicateIntrinsics,
  ...conversionIntrinsics,
  ...bitIntrinsics,
  ...bitFieldIntrinsics,
  ...endianIntrinsics,
];
