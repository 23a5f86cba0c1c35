/**
 * `coach progress` with 10,000 sessions in the history against 100: at most 2x the time.
 *
 * The sessions are real ones, played through the built engine on the shipped scenarios, then copied
 * with new ids, dates and scores until the histories are long enough. Each history is timed twice:
 * "first run" with an empty cache directory (every line parsed), and "later runs" with the summary
 * cache a previous run left behind (how a trainee meets it: the history only grows by appending).
 * The target applies to later runs; the first run is reported so the cost of a cold cache is visible.
 */
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bin, medianOf, report, root, timeCommand } from "./lib.mjs";

const { loadCatalog } = await import(`${root}dist/authoring/checked-catalog.js`);
const { discoverContent } = await import(`${root}dist/content/files.js`);
const { startSession, applyReply, summarise } = await import(`${root}dist/engine/session.js`);
const { toRecord } = await import(`${root}dist/history/record.js`);

const catalog = loadCatalog(discoverContent({ cwd: root }));
const replies = [
  "I'm so sorry, that is really frustrating. This is on us. I'll call them at 8:30 tomorrow and ring you by 10 with an answer.",
  "It's not our fault, the system does that. There is nothing I can do.",
  "I'll look into it at some point.",
  "I understand. What do you need most right now? I will sort it today and email you by 5.",
];
const base = [];
for (const { data: scenario } of catalog.scenarios.values()) {
  const rubric = catalog.rubrics.get(scenario.rubric)?.data;
  if (rubric === undefined) continue;
  for (let variant = 0; variant < replies.length; variant++) {
    let state = startSession(scenario, rubric, { mode: "practice", now: new Date("2026-01-01T00:00:00Z") });
    for (let turn = 0; turn < 8 && !state.ended; turn++)
      state = applyReply(state, replies[(variant + turn) % replies.length], scenario, rubric);
    const result = summarise(state, scenario, rubric);
    base.push(toRecord(state, result, { id: "x", endedAt: new Date("2026-01-01T00:10:00Z"), scenarioTitle: scenario.title }));
  }
}

function history(n, file) {
  const start = Date.parse("2025-01-01T08:00:00Z");
  const lines = [];
  for (let i = 0; i < n; i++) {
    const record = base[i % base.length];
    const at = new Date(start + i * 3_600_000);
    const id = `${at.toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15)}-${record.scenario}-${(i % 65536).toString(16).padStart(4, "0")}`;
    const drift = Math.min(1, i / n);
    const result = {
      ...record.result,
      score: Math.min(100, Math.round(record.result.score * (0.7 + 0.3 * drift))),
      criteria: record.result.criteria.map((c) => ({ ...c, mean: Math.min(c.max, c.mean * (0.7 + 0.3 * drift)) })),
    };
    lines.push(
      JSON.stringify({ ...record, id, startedAt: at.toISOString(), endedAt: new Date(at.getTime() + 600_000).toISOString(), result }),
    );
  }
  writeFileSync(file, `${lines.join("\n")}\n`);
}

const dir = mkdtempSync(join(tmpdir(), "coach-bench-progress-"));
const small = join(dir, "small.jsonl");
const large = join(dir, "large.jsonl");
history(100, small);
history(10_000, large);

const runs = 9;
const env = (historyFile, cache) => ({ ...process.env, NO_COLOR: "1", COACH_HISTORY: historyFile, XDG_CACHE_HOME: cache });
let fresh = 0;
const cold = (file) => () => {
  const cache = join(dir, `cold-${fresh++}`);
  mkdirSync(cache);
  const ms = timeCommand(process.execPath, [bin, "progress"], { env: env(file, cache) });
  rmSync(cache, { recursive: true, force: true });
  return ms;
};
const warmCache = join(dir, "warm");
const warm = (file) => () => timeCommand(process.execPath, [bin, "progress"], { env: env(file, warmCache) });

const coldSmall = medianOf(runs, cold(small));
const coldLarge = medianOf(runs, cold(large));
const warmSmall = medianOf(runs, warm(small));
const warmLarge = medianOf(runs, warm(large));

const mb = (file) => (statSync(file).size / 1e6).toFixed(1);
console.log(`histories: 100 sessions (${mb(small)} MB), 10,000 sessions (${mb(large)} MB); median of ${runs} runs`);
report("coach progress, 100 sessions, first run", coldSmall.toFixed(1), "ms");
report("coach progress, 10,000 sessions, first run", coldLarge.toFixed(1), "ms", {
  ok: true,
  text: `${(coldLarge / coldSmall).toFixed(2)}x, every line parsed once; not the target`,
});
report("coach progress, 100 sessions, later runs", warmSmall.toFixed(1), "ms");
const ok = report("coach progress, 10,000 sessions, later runs", warmLarge.toFixed(1), "ms", {
  ok: warmLarge <= 2 * warmSmall,
  text: `${(warmLarge / warmSmall).toFixed(2)}x the 100-session time, target <= 2x`,
});
rmSync(dir, { recursive: true, force: true });
process.exitCode = ok ? 0 : 1;
