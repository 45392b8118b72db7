/**
 * The inspector's client side: what front ends (the workstation's screen,
 * `lona attach`, editors' tools) may use. A client starts or reaches a
 * machine host and speaks the protocol (PROTOCOL.md) to it over a link
 * (a worker's port, a socket); the host side (host/) is not exported. Of
 * the reader, the screen gets what an editor needs without a machine:
 * whether typed text ends inside a form.
 */
export { MachineClient, type MachineEvents, type OnResult, type Ready } from './client.js';
export { startMachine, type BootingMachine, type WorkerServices } from './machine-start.js';
export type { MachineLink } from './link.js';
export { connectSocket } from './socket-link.js';
export { defaultSocketPath, listMachines, probe, runtimeDir, type RunningMachine } from './runtime-dir.js';
export { loadHistory, saveHistory } from './history.js';
export { formIncomplete } from './typed-text.js';
export type {
  EvalResult, FromMachine, HostRequest, HostValue, Inspector, MachineInfo, Presentation, PresentationType, Reply, ToMachine,
} from './protocol.js';
