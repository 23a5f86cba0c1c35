import { readFileSync } from "node:fs";
const pattern = await import("./dist/engine/pattern.js");
const { loadCatalog } = await import("./dist/authoring/checked-catalog.js");
const { discoverContent } = await import("./dist/content/files.js");
const { modelFor } = await import("./dist/engine/score.js");
const { analyze } = await import("./dist/engine/analyze.js");
const rows = readFileSync("test/calibration/labelled.jsonl","utf8").split("\n").filter(Boolean).map(JSON.parse);
const catalog = loadCatalog(discoverContent({ cwd: process.cwd() }));
const m = modelFor(catalog.rubrics.get("complaint-handling").data, catalog.scenarios.get("bike-shifter").data);
// time each indexed node across all sentences
const cost = new Map(); const names = new Map();
for (const c of m.criteria) for (const r of c.rules) names.set(r.match, r.id);
const views = [];
for (const r of rows) { const a = analyze(r.reply, m.vocabulary); for (const s of a.sentences) { const words = []; for (let i = s.from; i < s.to; i++) if (a.tokens[i].type !== "punctuation") words.push(i); views.push({ tokens: a.tokens, words }); } }
for (let rep = 0; rep < 5; rep++) for (const v of views) for (const node of m.index.all) { const t = process.hrtime.bigint(); v.memo = undefined; [...pattern.matchAll(node, v, m.lexicon)]; cost.set(node, (cost.get(node) ?? 0n) + process.hrtime.bigint() - t); }
const tot = [...cost.values()].reduce((a, b) => a + b, 0n);
console.log("patterns", m.index.all.length, "anywhere", m.index.anywhere.length);
for (const [n, c] of [...cost.entries()].sort((a, b) => Number(b[1] - a[1])).slice(0, 15)) console.log((Number(c) / Number(tot) * 100).toFixed(1) + "%", names.get(n) ?? "?", JSON.stringify(n).slice(0, 100));
