/** TAP (Test Anything Protocol) version 14: a plan, one `ok` / `not ok` line per test, YAML details. */
import { stringify } from "yaml";
import { visible, visibleDeep } from "./safe-text.js";

export interface TapTest {
  name: string;
  ok: boolean;
  /** Details shown under a failure, as a YAML block. */
  details?: Record<string, unknown>;
}

function description(name: string): string {
  // `#` starts a directive in TAP; keep names on one line.
  return visible(name.replace(/\s+/g, " ")).replace(/#/g, "\\#");
}

export function renderTap(tests: readonly TapTest[], comments: readonly string[] = []): string {
  const lines = ["TAP version 14", `1..${tests.length}`];
  tests.forEach((test, i) => {
    lines.push(`${test.ok ? "ok" : "not ok"} ${i + 1} - ${description(test.name)}`);
    if (test.details !== undefined) {
      // Multi-line values stay block scalars, but none of their lines may start a CI workflow command.
      const details = visibleDeep(test.details, new Set(Object.keys(test.details)));
      const yaml = stringify(details, { lineWidth: 0 }).trimEnd();
      lines.push("  ---", ...yaml.split("\n").map((l) => `  ${l}`), "  ...");
    }
  });
  for (const c of comments) lines.push(`# ${visible(c)}`);
  return `${lines.join("\n")}\n`;
}
