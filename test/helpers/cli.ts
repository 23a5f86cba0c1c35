/** Runs the built `coach` binary as a user would, with colour off and a private history file. */
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
export const binPath = join(repoRoot, "dist", "cli", "main.js");

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function tempDir(prefix = "coach-test-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function runCli(
  args: string[],
  options: {
    cwd?: string;
    input?: string;
    env?: Record<string, string> /** ms; a hung command is killed and fails */;
    timeout?: number;
  } = {},
): CliResult {
  const result = spawnSync(process.execPath, [binPath, ...args], {
    cwd: options.cwd ?? repoRoot,
    input: options.input ?? "",
    encoding: "utf8",
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? tmpdir(),
      NO_COLOR: "1",
      COACH_HISTORY: join(tempDir("coach-history-"), "history.jsonl"),
      ...options.env,
    },
    maxBuffer: 64 * 1024 * 1024,
    ...(options.timeout === undefined ? {} : { timeout: options.timeout, killSignal: "SIGKILL" as const }),
  });
  const hung = result.signal === "SIGKILL" ? `\n(killed: still running after ${options.timeout} ms)` : "";
  return { code: result.status ?? -1, stdout: result.stdout, stderr: `${result.stderr}${hung}` };
}
