/**
 * Batch scoring throughput, after start-up, on one core: the engine in-process over the labelled
 * replies, and the CLI's `score --replies` (time for N lines minus the time for one line).
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bin, medianOf, report, root, timeCommand } from "./lib.mjs";

const { loadCatalog } = await import(`${root}dist/authoring/checked-catalog.js`);
const { discoverContent } = await import(`${root}dist/content/files.js`);
const { modelFor, scoreWithModel } = await import(`${root}dist/engine/score.js`);

const rows = [`${root}test/calibration/labelled.jsonl`, join(root, "test", "calibration", "shared-replies.jsonl")]
  .flatMap((f) => {
    try {
      return readFileSync(f, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l));
    } catch {
      return [];
    }
  })
  .filter((r) => r.reply.length > 0);
const catalog = loadCatalog(discoverContent({ cwd: root }));
const work = rows.map((r) => {
  const scenario = catalog.scenarios.get(r.scenario).data;
  return { reply: r.reply, model: modelFor(catalog.rubrics.get(scenario.rubric).data, scenario) };
});

for (let i = 0; i < 3; i++) for (const w of work) scoreWithModel(w.reply, w.model); // warm up: JIT and the model
const target = 20_000;
const start = process.hrtime.bigint();
let n = 0;
while (n < target) for (const w of work) if (n++ < target) scoreWithModel(w.reply, w.model);
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
const perSecond = Math.round(target / seconds);
const avgChars = Math.round(work.reduce((s, w) => s + w.reply.length, 0) / work.length);

let ok = report(`engine: replies scored per second (avg ${avgChars} chars)`, perSecond, "/s", {
  ok: perSecond >= 10_000,
  text: "target >= 10,000",
});

const dir = mkdtempSync(join(tmpdir(), "coach-bench-"));
const lines = [];
for (let i = 0; lines.length < 50_000; i++) {
  const r = rows[i % rows.length];
  lines.push(JSON.stringify({ id: i, scenario: r.scenario, reply: r.reply }));
}
writeFileSync(join(dir, "many.jsonl"), `${lines.join("\n")}\n`);
writeFileSync(join(dir, "one.jsonl"), `${lines[0]}\n`);
const env = { ...process.env, NO_COLOR: "1" };
const one = medianOf(3, () => timeCommand(process.execPath, [bin, "score", "--replies", join(dir, "one.jsonl"), "--json"], { env }));
const many = medianOf(3, () => timeCommand(process.execPath, [bin, "score", "--replies", join(dir, "many.jsonl"), "--json"], { env }));
const cliPerSecond = Math.round(50_000 / ((many - one) / 1000));
ok =
  report("cli: score --replies --json, lines per second", cliPerSecond, "/s", {
    ok: cliPerSecond >= 6_000,
    text: `target >= 6,000; 50,000 lines in ${(many / 1000).toFixed(2)} s, start-up ${one.toFixed(0)} ms excluded`,
  }) && ok;
process.exitCode = ok ? 0 : 1;
