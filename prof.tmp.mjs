import { readFileSync } from "node:fs";
const { loadCatalog } = await import("./dist/authoring/checked-catalog.js");
const { discoverContent } = await import("./dist/content/files.js");
const { modelFor, scoreWithModel } = await import("./dist/engine/score.js");
const rows = readFileSync("test/calibration/labelled.jsonl","utf8").split("\n").filter(Boolean).map(JSON.parse);
const catalog = loadCatalog(discoverContent({ cwd: process.cwd() }));
const work = rows.map((r) => { const s = catalog.scenarios.get(r.scenario).data; return { reply: r.reply, model: modelFor(catalog.rubrics.get(s.rubric).data, s) }; });
for (let i = 0; i < 3; i++) for (const w of work) scoreWithModel(w.reply, w.model);
const t0 = process.cpuUsage(); let n = 0;
while (n < 15000) for (const w of work) { scoreWithModel(w.reply, w.model); n++; }
const u = process.cpuUsage(t0); console.log(Math.round(n / ((u.user + u.system) / 1e6)), "/s of CPU");
