/**
 * The inspector protocol's host side, as types (PROTOCOL.md): what a client
 * (the workstation's screen, `lona attach`, tests, the nREPL server's
 * sessions) sends to a machine's host and gets back. All plain data: the
 * client never touches the machine's objects. The same messages cross a
 * worker's port and a socket (JSON lines).
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

/** Which machine a host is, as it says when a client connects (and `lona attach --list` shows). */
export interface MachineInfo {
  /** `serve` (no screen) or `workstation`. */
  readonly kind: 'serve' | 'workstation';
  /** The host's OS process id. */
  readonly pid: number;
  /** The directory it live-edits (its working directory). */
  readonly dir: string;
  readonly version: string;
  /** The name of this client's session evaluator (`attach-1`), if it has one. */
  readonly session: string | null;
  /** Whether this client may stop the machine (`stop`). */
  readonly mayStop: boolean;
}

/** Client to host. */
export type ToMachine =
  /**
   * `width`: the columns to pretty print values to (omitted: one line
   * each); `ns`: evaluate in that namespace (the session's own comes
   * back afterwards, as with nREPL's eval; a namespace that does not exist
   * answers an exit `[:error :namespace-not-found ...]`); `file`, `line`: where
   * the text comes from (positions in errors).
   */
  | { t: 'eval'; id: number; text: string; width?: number; ns?: string; file?: string; line?: number }
  /** Loads `text` as file `file`: one namespace transaction (a `result`, then `eval-done`). */
  | { t: 'load'; id: number; text: string; file: string; width?: number }
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
  | { t: 'line'; text: string | null }
  /** Asks the machine to stop (a host that lets this client: MachineInfo.mayStop; else an `error`). */
  | { t: 'stop' };

/** Host to client. */
export type FromMachine =
  | { t: 'ready'; ns: string; prompt: string; machine?: MachineInfo }
  /** Console output, coalesced (at most one message a frame). */
  | { t: 'output'; text: string }
  /** One form of an evaluation done (after the output it printed); `ns`: the session's namespace after it. */
  | { t: 'result'; id: number; result: EvalResult; ns?: string }
  /** The evaluation's forms are all done; the session is in namespace `ns`, shown as `prompt>`. */
  | { t: 'eval-done'; id: number; ns: string; prompt: string }
  | { t: 'inspect-reply'; id: number; reply: Reply }
  /** A program waits in read-line: the next line typed goes to it. */
  | { t: 'want-line' }
  /** A message the host could not take (unreadable, unknown, too long, not allowed); the connection goes on. */
  | { t: 'error'; message: string }
  | { t: 'fatal'; message: string };
