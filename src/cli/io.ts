/** What a command may touch of the outside world, injected so commands run in tests without a process. */
import { visible } from "../report/safe-text.js";

export interface Output {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface Io {
  stdout: Output;
  stderr: Output;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
  now: () => Date;
  /** Colour on: a TTY, no NO_COLOR, no --no-color. */
  color: boolean;
}

export function colorWanted(stream: Output, env: NodeJS.ProcessEnv, flag: boolean | undefined): boolean {
  if (flag === false) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "0") return true;
  // A terminal that says it cannot do escapes shows them as text.
  if (env.TERM === "dumb") return false;
  return stream.isTTY === true;
}

export function processIo(colorFlag?: boolean): Io {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
    now: () => new Date(),
    color: colorWanted(process.stdout, process.env, colorFlag),
  };
}

/** Warnings on stderr, at most `max` of them, then how many more: a damaged file can hold thousands. */
export function writeWarnings(io: Pick<Io, "stderr">, warnings: readonly string[], max = 20): void {
  for (const w of warnings.slice(0, max)) io.stderr.write(`coach: warning: ${visible(w)}\n`);
  if (warnings.length > max) io.stderr.write(`coach: warning: ... and ${warnings.length - max} more like these\n`);
}
