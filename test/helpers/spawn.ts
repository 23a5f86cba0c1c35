/**
 * The built `coach` binary as a live process: write to its standard input a piece at a time, wait
 * for what it prints, send it signals. Waits poll with a deadline; nothing sleeps a fixed time.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { binPath, repoRoot, tempDir } from "./cli.js";

export interface LiveCli {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves when the output satisfies `test`; rejects with what was printed after `timeout` ms. */
  waitFor(test: string | RegExp, what: string, timeout?: number): Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function startCli(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): LiveCli {
  const child = spawn(process.execPath, [binPath, ...args], {
    cwd: options.cwd ?? repoRoot,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? tmpdir(),
      NO_COLOR: "1",
      COACH_HISTORY: join(tempDir("coach-history-"), "history.jsonl"),
      ...options.env,
    },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout?.on("data", (d) => {
    out += String(d);
  });
  child.stderr?.on("data", (d) => {
    err += String(d);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on("exit", (code, signal) => resolve({ code, signal }));
  });
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    async waitFor(test, what, timeout = 30_000) {
      const deadline = Date.now() + timeout;
      const ok = () => (typeof test === "string" ? out.includes(test) : test.test(out));
      while (!ok()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; the output was:\n${out}\n${err}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    exited,
  };
}
