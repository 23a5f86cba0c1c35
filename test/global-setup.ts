/** The end-to-end tests run the built binary: build once before the suite when dist is missing or stale. */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../", import.meta.url));

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

export default function setup(): void {
  const bin = join(root, "dist", "cli", "main.js");
  if (!existsSync(bin) || newest(join(root, "src")) > statSync(bin).mtimeMs) {
    execFileSync("npm", ["run", "build"], { cwd: root, stdio: "inherit" });
  }
}
