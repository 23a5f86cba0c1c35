/**
 * `coach validate` grows linearly with the number of problems in a file: a scenario with 8,000,
 * 16,000 and 100,000 unknown fields (the last 1.5 MB, under the 2 MB cap) against the same file
 * merely parsed with `yaml`, measured in the same run. Two targets:
 *   - at each size, validate within 5x of parsing the file (a quadratic step was 400x at 100,000);
 *   - the time per problem beyond a file with one (the same start-up, the same checks skipped) at
 *     100,000 within 2x of that at 8,000 (linear: the same; quadratic: 12x).
 * Both run as child processes, several times, median of the CPU time each reports (wall time
 * on two shared cores measures the neighbours too).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bin, cpuOfNode, medianOf, report, root } from "./lib.mjs";

const SIZES = [8_000, 16_000, 100_000];
const runs = 5;
const env = { ...process.env, NO_COLOR: "1" };

const dir = mkdtempSync(join(tmpdir(), "coach-bench-validate-scaling-"));
try {
  const source = readFileSync(join(root, "scenarios", "bike-shifter.yaml"), "utf8").replace(/^id: bike-shifter$/m, "id: bench-scaling");
  const parseOnly = join(dir, "parse-only.mjs");
  // The baseline parses without yaml's own duplicate-key check, which is itself quadratic.
  writeFileSync(
    parseOnly,
    [
      'import { readFileSync } from "node:fs";',
      `import { parseDocument } from ${JSON.stringify(join(root, "node_modules", "yaml", "dist", "index.js"))};`,
      "parseDocument(readFileSync(process.argv[2], 'utf8'), { uniqueKeys: false }).toJS();",
    ].join("\n"),
  );
  const folder = (n) => {
    const scenarios = join(dir, `n${n}`, "scenarios");
    mkdirSync(scenarios, { recursive: true });
    let extra = "";
    for (let i = 0; i < n; i++) extra += `custmr${i}: x\n`;
    const file = join(scenarios, "scaling.yaml");
    writeFileSync(file, source + extra);
    return file;
  };
  const timeValidate = (file) => medianOf(runs, () => cpuOfNode([bin, "validate", file], { env, allowFailure: true }));
  const timeParse = (file) => medianOf(runs, () => cpuOfNode([parseOnly, file], { env }));

  // One problem, not none: a file that fails its schema skips the checks a clean one runs.
  const one = folder(1);
  const oneValidate = timeValidate(one);
  report("coach validate, 1 unknown field (start-up)", oneValidate.toFixed(0), "ms CPU");
  let ok = true;
  const perProblem = new Map();
  for (const n of SIZES) {
    const file = folder(n);
    const parse = timeParse(file);
    const validate = timeValidate(file);
    perProblem.set(n, ((validate - oneValidate) * 1000) / (n - 1));
    report(`parse ${n} unknown fields with yaml (baseline)`, parse.toFixed(0), "ms CPU");
    ok =
      report(`coach validate, ${n} unknown fields`, validate.toFixed(0), "ms CPU", {
        ok: validate <= 5 * parse,
        text: `${(validate / parse).toFixed(2)}x baseline, target <= 5x; ${perProblem.get(n).toFixed(1)} µs a problem`,
      }) && ok;
  }
  const first = perProblem.get(SIZES[0]);
  const last = perProblem.get(SIZES.at(-1));
  ok =
    report(`time a problem at ${SIZES.at(-1)} against at ${SIZES[0]}`, (last / first).toFixed(2), "x", {
      ok: last <= 2 * first,
      text: "target <= 2x (linear)",
    }) && ok;
  process.exitCode = ok ? 0 : 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
