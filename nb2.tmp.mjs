import { readFileSync } from "node:fs";
const { normalise } = await import("./dist/engine/normalise.js");
const { loadCatalog } = await import("./dist/authoring/checked-catalog.js");
const { discoverContent } = await import("./dist/content/files.js");
const { modelFor } = await import("./dist/engine/score.js");
const catalog = loadCatalog(discoverContent({ cwd: process.cwd() }));
const m = modelFor(catalog.rubrics.get("complaint-handling").data, catalog.scenarios.get("bike-shifter").data);
const rows = readFileSync("test/calibration/labelled.jsonl","utf8").split("\n").filter(Boolean).map(JSON.parse).map(r=>r.reply);
for (let i = 0; i < 200; i++) for (const r of rows) normalise(r, m.vocabulary);
