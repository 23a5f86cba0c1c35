import { loadCatalog } from "./dist/authoring/checked-catalog.js";
import { discoverContent } from "./dist/content/files.js";
import { scoreReply } from "./dist/engine/score.js";
const cat = loadCatalog(discoverContent({ cwd: process.cwd() }));
const rb = cat.rubrics.get("complaint-handling").data;
for (const [id, l] of cat.scenarios) for (const t of l.data.turns) { const r = scoreReply(t.model, l.data, t.id, rb); console.log(String(r.score).padStart(3), id.padEnd(20), t.id.padEnd(16), r.criteria.map(c => c.id[0] + c.level).join(" "), r.flags.join(","), process.argv[2] ? "\n    " + r.criteria.map(c => c.id[0] + c.level + ":" + c.evidence.map(e => (e.effect === "lost" ? "-" : "+") + e.rule).join(",")).join(" | ") : ""); }
