/**
 * Every pure intrinsic of Lonala by name (LONALA.md sections 2 and 11):
 * arithmetic, comparison, bits, collections, sequences (lazy ones too),
 * strings, binaries,
 * bytebufs, addresses, predicates, apply, regular expressions, format and
 * the parse- functions. `std/lona/core.lona` binds each
 * with `(def ^:native name)`.
 */
import type { Intrinsic } from './registry.js';
import { numberIntrinsics } from './numbers/index.js';
import { predicateIntrinsics } from './predicates.js';
import { equalityIntrinsics } from './equality.js';
import { collectionIntrinsics } from './collections.js';
import { sequenceIntrinsics } from './sequences.js';
import { lazyIntrinsics } from './lazy.js';
import { lazyNativeIntrinsics } from './lazy-natives.js';
import { reducingIntrinsics } from './reducing.js';
import { stringIntrinsics } from './strings.js';
import { binaryIntrinsics } from './binaries.js';
import { bytebufIntrinsics } from './bytebufs.js';
import { addressIntrinsics } from './addresses.js';
import { functionIntrinsics } from './functions.js';
import { msgInfoIntrinsics } from './msg-info.js';
import { bitsBuilderIntrinsics } from './bits-builder.js';
import { regexIntrinsics } from './regex.js';
import { formatIntrinsics } from './format.js';
import { parsingIntrinsics } from './parsing.js';

export type { Intrinsic, Reach } from './registry.js';
export { intrinsic } from './registry.js';

const ALL: Intrinsic[] = [
  ...numberIntrinsics, ...predicateIntrinsics, ...equalityIntrinsics, ...collectionIntrinsics,
  ...sequenceIntrinsics, ...lazyIntrinsics, ...lazyNativeIntrinsics, ...reducingIntrinsics, ...stringIntrinsics, ...binaryIntrinsics, ...bytebufIntrinsics,
  ...addressIntrinsics, ...functionIntrinsics, ...msgInfoIntrinsics, ...bitsBuilderIntrinsics, ...regexIntrinsics,
  ...formatIntrinsics, ...parsingIntrinsics,
];

/** The registry: intrinsic name to entry. */
export const INTRINSICS: ReadonlyMap<string, Intrinsic> = new Map(ALL.map((i) => [i.name, i]));
