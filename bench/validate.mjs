/**
 * `coach validate` over 500 scenario files against merely parsing the same files with `yaml`:
 * within 3x. Both run as child processes (start-up included), several times, median.
 * The files are copies of a shipped scenario with different ids, in a temporary folder.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bin, medianOf, report, root, timeCommand } from "./lib.mjs";

const FILES = 500;
const runs = 5;
const env = { ...process.env, NO_COLOR: "1" };

const dir = mkdtempSync(join(tmpdir(), "coach-bench-validate-"));
try {
  const scenarios = join(dir, "scenarios");
  mkdirSync(scenarios);
  const source = readFileSync(join(root, "scenarios", "bike-shifter.yaml"), "utf8");
  for (let i = 0; i < FILES; i++) {
    writeFileSync(join(scenarios, `bench-${i}.yaml`), source.replace(/^id: bike-shifter$/m, `id: bench-${i}`));
  }
  // The baseline: read every file and parse it with yaml, nothing more.
  const parseOnly = join(dir, "parse-only.mjs");
  writeFileSync(
    parseOnly,
    [
      'import { readdirSync, readFileSync } from "node:fs";',
      `import { parse } from ${JSON.stringify(join(root, "node_modules", "yaml", "dist", "index.js"))};`,
      `const dir = ${JSON.stringify(scenarios)};`,
      "for (const name of readdirSync(dir)) parse(readFileSync(`${dir}/${name}`, 'utf8'));",
    ].join("\n"),
  );

  const baseline = medianOf(runs, () => timeCommand(process.execPath, [parseOnly], { env }));
  // Not --strict: the copied scenario's model answers raise model-answer-weak warnings (issue 8),
  // which --strict turns into exit 1. Errors still fail the run.
  const validate = medianOf(runs, () => timeCommand(process.execPath, [bin, "validate", scenarios], { env }));
  const ratio = validate / baseline;
  report(`parse ${FILES} scenario files with yaml (baseline)`, baseline.toFixed(0), "ms");
  const ok = report(`coach validate over ${FILES} scenario files`, validate.toFixed(0), "ms", {
    ok: ratio <= 3,
    text: `${ratio.toFixed(2)}x baseline, target <= 3x`,
  });
  process.exitCode = ok ? 0 : 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
