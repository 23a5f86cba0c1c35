import fs from "node:fs";
const root="/work/main";
const { loadCatalog } = await import(`${root}/dist/authoring/checked-catalog.js`);
const { discoverContent } = await import(`${root}/dist/content/files.js`);
const { scoreReply } = await import(`${root}/dist/engine/score.js`);
const cat = loadCatalog(discoverContent({ cwd: root, content: [root+"/test/calibration/dev/scenarios"] }));
const rows = fs.readFileSync(root+"/test/calibration/dev/labelled.jsonl","utf8").trim().split("\n").map(JSON.parse);
const rule = process.argv[2]; const h = {0:0,1:0,2:0}; const hs = {0:0,1:0,2:0};
for (const r of rows) { const res = scoreReply(r.reply, cat.scenarios.get(r.scenario).data, r.turn, cat.rubrics.get("complaint-handling").data);
  const e = res.criteria.find(c => c.id === "empathy"); const ids = e.evidence.filter(x=>x.effect==="earned").map(x => x.rule);
  if (!ids.includes(rule)) continue; h[r.labels.empathy]++;
  const others = ids.filter(x => x !== rule && !["apology","specific-acknowledgement","acknowledges-and-owns"].includes(x));
  if (others.length === 0) hs[r.labels.empathy]++; }
console.log(rule, "any:", h, "sole:", hs);
if (process.argv[3]) for (const r of rows) { const res = scoreReply(r.reply, cat.scenarios.get(r.scenario).data, r.turn, cat.rubrics.get("complaint-handling").data);
  const e = res.criteria.find(c => c.id === "empathy"); const ev = e.evidence.filter(x=>x.effect==="earned"); const ids = ev.map(x => x.rule);
  if (!ids.includes(rule)) continue; const others = ids.filter(x => x !== rule && !["apology","specific-acknowledgement","acknowledges-and-owns"].includes(x));
  if (others.length === 0 && r.labels.empathy < 2) console.log(r.labels.empathy, "«" + ev.find(x=>x.rule===rule).quote + "»", r.reply.slice(0, 130)); }
