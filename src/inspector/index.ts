/**
 * The inspector's client side: what front ends (the workstation's screen,
 * later `lona attach` and editors) may use. A client starts or reaches a
 * machine host and speaks the protocol (PROTOCOL.md) to it; the host side
 * (host/) is not exported. Of the reader, the screen gets what an editor
 * needs without a machine: whether typed text ends inside a form.
 */
export { MachineClient, type MachineEvents, type OnResult } from './client.js';
export { startMachine, type BootingMachine } from './machine-start.js';
export { loadHistory, saveHistory } from './history.js';
export { formIncomplete } from './typed-text.js';
export type {
  EvalResult, FromMachine, HostRequest, HostValue, Inspector, Presentation, PresentationType, Reply, ToMachine,
} from './protocol.js';
