/** An in-memory Io for running commands in-process: what they write is kept, standard input is given. */
import { Readable } from "node:stream";
import type { Io } from "../../src/cli/io.js";
import { repoRoot } from "./cli.js";

export interface MemoryIo {
  io: Io;
  stdout: () => string;
  stderr: () => string;
}

export function memoryIo(options: { cwd?: string; input?: string; env?: NodeJS.ProcessEnv } = {}): MemoryIo {
  let out = "";
  let err = "";
  const io: Io = {
    stdout: {
      write: (text: string) => {
        out += text;
        return true;
      },
    },
    stderr: {
      write: (text: string) => {
        err += text;
        return true;
      },
    },
    stdin: Readable.from([options.input ?? ""]),
    env: options.env ?? {},
    cwd: options.cwd ?? repoRoot,
    now: () => new Date(0),
    color: false,
  };
  return { io, stdout: () => out, stderr: () => err };
}
