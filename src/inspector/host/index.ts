/**
 * The inspector's host side: what hosts a machine for clients. The bridge
 * turns plain requests into messages to the inspector service; the worker
 * (machine-worker.ts, its own bundle) hosts a machine for the workstation.
 */
export { InspectorBridge } from './bridge.js';
export { fromHost, toHost, REPLY_LIMITS } from './host-values.js';
