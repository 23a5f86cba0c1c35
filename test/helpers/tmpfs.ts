/**
 * A full disk for real: a small tmpfs mounted in a private mount namespace (`unshare -rm`, or `-m`
 * as root), so nothing outside the test sees it. Undefined when the machine allows neither; callers
 * then inject the same ENOSPC through /dev/full.
 */
import { spawnSync } from "node:child_process";

let usable: string[] | null | undefined;

function unshareArgs(): string[] | null {
  if (usable !== undefined) return usable;
  usable = null;
  for (const args of [["-rm"], ["-m"]]) {
    const probe = spawnSync("unshare", [...args, "sh", "-c", 'd=$(mktemp -d) && mount -t tmpfs -o size=8k tmpfs "$d"']);
    if (probe.status === 0) {
      usable = args;
      break;
    }
  }
  return usable;
}

/** Runs `script` (sh -e) where it may mount a tmpfs; undefined when no mount namespace can be made. */
export function inMountNamespace(script: string): { status: number | null; stdout: string; stderr: string } | undefined {
  const args = unshareArgs();
  if (args === null) return undefined;
  const run = spawnSync("unshare", [...args, "sh", "-ec", script], { encoding: "utf8" });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}
