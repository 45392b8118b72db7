/**
 * Message info values (seL4's msg-info, emulated as a plain value): a
 * label, a message length in words and a count of capabilities.
 */
import { Opaque, type Value } from '../../machine/index.js';
import { intrinsic, type Intrinsic } from './registry.js';
import { badarg, typeError } from './args.js';

interface MsgInfo { label: number; length: number; caps: number }

const isMsgInfo = (v: Value): v is Opaque => v instanceof Opaque && v.type === 'msg-info';

function field(fnName: string, v: Value, key: keyof MsgInfo): number {
  return isMsgInfo(v) ? (v.payload as MsgInfo)[key] : typeError(fnName, 'msg-info', v);
}

export const msgInfoIntrinsics: Intrinsic[] = [
  intrinsic({
    name: 'msg-info', arglists: '([label length caps])', min: 3, max: 3,
    doc: 'A message info value: label, length in words (0..120) and capability count (0..3).',
    impl: (label, length, caps) => {
      const ok = (x: Value, max: number) => typeof x === 'number' && x >= 0 && x <= max;
      if (!ok(label, 2 ** 52) || !ok(length, 120) || !ok(caps, 3)) badarg('msg-info', [label, length, caps]);
      const info: MsgInfo = { label: label as number, length: length as number, caps: caps as number };
      return new Opaque('msg-info', `${info.label} ${info.length} ${info.caps}`, info);
    },
  }),
  intrinsic({ name: 'msg-info?', arglists: '([x])', min: 1, max: 1, doc: 'Whether x is a message info value.', impl: (x) => isMsgInfo(x) }),
  intrinsic({ name: 'msg-info-label', arglists: '([mi])', min: 1, max: 1, doc: 'The label of a message info.', impl: (x) => field('msg-info-label', x, 'label') }),
  intrinsic({ name: 'msg-info-length', arglists: '([mi])', min: 1, max: 1, doc: 'The length (words) of a message info.', impl: (x) => field('msg-info-length', x, 'length') }),
  intrinsic({ name: 'msg-info-caps', arglists: '([mi])', min: 1, max: 1, doc: 'The capability count of a message info.', impl: (x) => field('msg-info-caps', x, 'caps') }),
];
