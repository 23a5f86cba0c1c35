/** Small timing helpers shared by the benchmarks: run a command several times, take the median. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("../", import.meta.url));
export const bin = `${root}dist/cli/main.js`;

export function timeCommand(command, args, options = {}) {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd: root, encoding: "utf8", maxBuffer: 512 * 1024 * 1024, ...options });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0 && options.allowFailure !== true) {
    throw new Error(`${command} ${args.join(" ")} exited ${result.status}: ${result.stderr.slice(0, 500)}`);
  }
  return ms;
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 0 ? (sorted[mid - 1] + sorted[mid]) / 2 : sorted[mid];
}

export function medianOf(runs, fn) {
  fn(); // warm the file cache
  return median(Array.from({ length: runs }, fn));
}

export function report(name, value, unit, target) {
  const verdict = target === undefined ? "" : target.ok ? `  ok (${target.text})` : `  OVER (${target.text})`;
  console.log(`${name.padEnd(52)} ${String(value).padStart(10)} ${unit}${verdict}`);
  return target?.ok ?? true;
}

const cpuPreload = fileURLToPath(new URL("./cpu-preload.cjs", import.meta.url));

/**
 * The CPU time (user + system, ms) a node script takes, reported by the child itself: on a busy
 * machine wall time measures the neighbours as much as the code.
 */
export function cpuOfNode(args, options = {}) {
  const out = join(mkdtempSync(join(tmpdir(), "coach-bench-cpu-")), "cpu.json");
  const result = spawnSync(process.execPath, ["--require", cpuPreload, ...args], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 512 * 1024 * 1024,
    ...options,
    env: { ...(options.env ?? process.env), COACH_BENCH_CPU: out },
  });
  if (result.status !== 0 && options.allowFailure !== true) {
    throw new Error(`node ${args.join(" ")} exited ${result.status}: ${result.stderr.slice(0, 500)}`);
  }
  const { user, system } = JSON.parse(readFileSync(out, "utf8"));
  rmSync(dirname(out), { recursive: true, force: true });
  return (user + system) / 1000;
}
