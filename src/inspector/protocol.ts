/**
 * The inspector protocol's host side, as types (PROTOCOL.md): what a client
 * (the workstation's screen, tests, later `lona attach` and the nREPL
 * server) sends to a machine's host and gets back. All plain data: the
 * client never touches the machine's objects.
 */

/** A Lonala value as host data (PROTOCOL.md "Host data"). */
export type HostValue = null | boolean | number | string | HostValue[] | { [key: string]: HostValue };

/** An inspector request: an op and its arguments, all plain data. */
export interface HostRequest {
  op: string;
  [arg: string]: unknown;
}

/** The service's answer to a request. */
export type Reply = { ok: true; value: HostValue } | { ok: false; error: string; detail: HostValue };

/** Anything that answers inspector requests: the host's bridge, or a client of a host in another thread. */
export interface Inspector {
  request(request: HostRequest): Promise<Reply>;
}

/** What kind of object a presentation is (the commands it offers follow from it). */
export type PresentationType = 'pid' | 'var' | 'fn' | 'realm' | 'cap';

/** An object printed in a result, found by the printer as it printed the value (not by reading the text). */
export interface Presentation {
  readonly type: PresentationType;
  /** Its printed form, which names it in inspector requests. */
  readonly text: string;
  /** Where it starts in the result's text. */
  readonly offset: number;
}

/** One form's outcome, as a REPL shows it (PROTOCOL.md "Evaluation"). */
export interface EvalResult {
  readonly kind: 'value' | 'exit' | 'read-error' | 'compile-error';
  /** The line the REPL prints for it. */
  readonly text: string;
  /** The value (kind value) or exit reason (kind exit) as data; null otherwise. */
  readonly value: HostValue;
  readonly presentations: readonly Presentation[];
  /**
   * Kind exit, when the evaluator survived the fault: its pid, whose
   * `:process` reply holds the frames with their values (`:fault-frames`).
   */
  readonly evaluator?: string;
}

/** Client to host. */
export type ToMachine =
  /** `width`: the columns to pretty print values to (omitted: one line each). */
  | { t: 'eval'; id: number; text: string; width?: number }
  /**
   * Evaluates `(frame-value pid frame 'name)` with the process itself for
   * `pid` (a printed pid cannot be read back): the Debugger copying an
   * argument or local to the Listener, where it becomes `*1`. `name`: a
   * local's name, or an argument's position.
   */
  | { t: 'frame-value'; id: number; pid: string; frame: number; name: string | number; width?: number }
  | { t: 'interrupt' }
  | { t: 'inspect'; id: number; request: HostRequest }
  /** A line typed while a program waits in read-line (null: end of input). */
  | { t: 'line'; text: string | null };

/** Host to client. */
export type FromMachine =
  | { t: 'ready'; ns: string; prompt: string }
  /** Console output, coalesced (at most one message a frame). */
  | { t: 'output'; text: string }
  /** One form of an evaluation done (after the output it printed). */
  | { t: 'result'; id: number; result: EvalResult }
  /** The evaluation's forms are all done; the session is in namespace `ns`, shown as `prompt>`. */
  | { t: 'eval-done'; id: number; ns: string; prompt: string }
  | { t: 'inspect-reply'; id: number; reply: Reply }
  /** A program waits in read-line: the next line typed goes to it. */
  | { t: 'want-line' }
  | { t: 'fatal'; message: string };
