import { normalise } from "./dist/engine/normalise.js";
import { isKnownWord } from "./dist/engine/analyze.js";
import { modelFor } from "./dist/engine/score.js";
import { loadCatalog } from "./dist/authoring/checked-catalog.js";
import { discoverContent } from "./dist/content/files.js";
const cat = loadCatalog(discoverContent({ cwd: process.cwd() }));
const sc = cat.scenarios.get("bike-shifter").data; const rb = cat.rubrics.get("complaint-handling").data;
const m = modelFor(rb, sc);
console.log("vocab size", m.vocabulary.words.size);
for (const t of ["ok ill ring u 2moro b4 10", "Im sorry about this, the producer has been realy slow latley. I wil call them tomorow when they open and see whats hapening.",
 "ok thats way too long, sorry. theyre closed now but ill ring them at 830 tmrw and call u by 10. also got a used shifter in the back i can put on for free till urs is back, takes 20 min, want it?",
 "Your rigth. I will call them tommorow morning and let you no what they say", "Ok. I will call them at 8:30 tomorow and than I call you. Also we have a used shfiter, I can put it on for free",
 "i feel ill. its still at the producer's. I ll call you, don t worry. can;t do it", "hi Sander, Jess here. lets sort it. sorry 4 the wait + thx", "we were told it works. were sorting it now. well call u by 5"]) {
  const n = normalise(t, m.vocabulary); console.log(JSON.stringify(t), "\n  =>", JSON.stringify(n.text)); }
