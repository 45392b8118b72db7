/**
 * The workstation owns the terminal while it runs: the alternate screen (the
 * shell's scrollback stays as it was), left again on every way out: quitting,
 * a signal, the machine stopping, or a crash of the screen's own code, which
 * reports one line instead of a stack trace.
 */
const ENTER = '\x1b[?1049h\x1b[H';
const LEAVE = '\x1b[?1049l\x1b[?25h';

let held = false;

/** Leaves the alternate screen, shows the cursor and cooks the keyboard again (once; later calls do nothing). */
export function releaseTerminal(): void {
  if (!held) return;
  held = false;
  if (process.stdin.isTTY === true && process.stdin.isRaw) process.stdin.setRawMode(false);
  process.stdout.write(LEAVE);
}

/** Enters the alternate screen, and makes sure every exit path leaves it. */
export function holdTerminal(): void {
  if (held) return;
  held = true;
  process.stdout.write(ENTER);
  process.once('exit', releaseTerminal);
  const crash = (e: unknown) => {
    releaseTerminal();
    process.stderr.write(`lona: internal error in the workstation: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(70);
  };
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
  for (const [signal, code] of [['SIGTERM', 143], ['SIGHUP', 129]] as const) {
    process.once(signal, () => {
      releaseTerminal();
      process.exit(code);
    });
  }
}

/** After a program that used the terminal itself (an editor, which leaves the alternate screen on exit): back on it. */
export function retakeTerminal(): void {
  if (held) process.stdout.write(ENTER);
}
