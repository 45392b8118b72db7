/**
 * The emulated machine's public API (ARCHITECTURE.md "The machine"): value
 * types, persistent collections, equality and hashing, the instruction set
 * and its verifier, code objects and the processor.
 */
export * from './value.js';
export { List } from './list.js';
export { Tuple } from './tuple.js';
export { Vector } from './vector.js';
export { PMap } from './hash-map.js';
export { PSet } from './hash-set.js';
export { equals, hash } from './equality.js';
export { Fault, fault } from './fault.js';
export { CallRequest } from './call-request.js';
export { faultReason, thrownReason, reasonKind } from './exit-reason.js';
export { Op, Comparison, INSTRUCTIONS, OPCODE_COUNT, SIZE, instructionSize, isOpcode, type InstructionInfo, type OperandKind, type Pops } from './isa.js';
export { verify } from './verifier.js';
export { CodeObject, Fn, Native, CaptureFrom, packPosition, positionAt, TOP_LEVEL, type NativeSpec } from './function.js';
export { Var, Namespace, NamespaceTable, UNBOUND, defTarget, type NamespaceView } from './namespace.js';
export { DefJournal, defJournal } from './def-journal.js';
export { Thread, Binding, DEFAULT_STACK_LIMIT } from './thread.js';
export { Mailbox, Envelope, unwrap } from './mailbox.js';
export { Queue } from './queue.js';
export { startCall, current, RunStatus } from './processor.js';
export { run } from './run.js';
export { BinaryPattern, type BitSegment } from './binary-match.js';
export { jsTier, jsRegs, jsUnseenBytes } from './js-tier.js';
export { SavedEdit, framesRead, linearCallSites, resumeEdit } from './js-linear.js';
export { meter, charge, stackMeter } from './heap-meter.js';
export { Capability, KernelObject, capOf, RIGHTS, type Right } from './capability.js';
export { TRACE_FRAMES, traceOf, withTrace } from './backtrace.js';
export { LazySeq, LazyState, Source, NeedsRealizing, Forward, finalTarget, force, fillOnce, isSeqKind, CHUNK, REALIZE_BUDGET } from './lazy-seq.js';
export { SeqReader, END, seqElements, fullyRealized, realizedPrefix, collecting } from './lazy-walk.js';
export { lazyHelpers, lazyHelper, realizeRequest } from './slow-paths.js';
