/**
 * The inspector's host side: what hosts a machine for clients. The bridge
 * turns plain requests into messages to the inspector service; the
 * machine host serves several clients (the workstation's worker, `lona
 * serve`), each with its own session, over a worker's port, a socket
 * (`lona attach`) or nREPL (host-services.ts).
 */
export { InspectorBridge } from './bridge.js';
export { fromHost, toHost, REPLY_LIMITS } from './host-values.js';
export { MachineHost, type HostOptions } from './machine-host.js';
export { HostConnection } from './host-connection.js';
export { SharedConsole } from './shared-console.js';
export { startServices, type ServiceOptions, type Services } from './host-services.js';
export { startNrepl, NREPL_HOST, type NreplServer } from './nrepl/server.js';
export { BencodeDecoder, encode as bencode, type Bencoded } from './nrepl/bencode.js';
