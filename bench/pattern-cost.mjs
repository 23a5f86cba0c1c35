/**
 * Rule matching stays bounded on the longest reply (20,000 characters):
 *   - the shipped rubric scores 20,000-character replies, written against its own rules, in under a second;
 *   - the costliest `* ... * ... a` chain that validate still accepts (the worst case of the cost
 *     estimate: every word a start, every part matching) scores 20,000 characters of one-letter
 *     words in under a second;
 *   - the 1,201-part chain of the issue is refused, so no reply ever meets it.
 * Scoring runs in this process after a warm-up; the baseline is the same rubric scoring a short
 * reply, measured in the same run.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { report, root } from "./lib.mjs";

const { loadCatalog } = await import(join(root, "dist/authoring/checked-catalog.js"));
const { discoverContent } = await import(join(root, "dist/content/files.js"));
const { compileModel } = await import(join(root, "dist/engine/model.js"));
const { modelFor, scoreWithModel, MAX_REPLY_CHARS } = await import(join(root, "dist/engine/score.js"));
const { MAX_PATTERN_COST } = await import(join(root, "dist/engine/pattern-cost.js"));

const runs = 3;
const best = (fn) => {
  fn();
  let min = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    min = Math.min(min, performance.now() - start);
  }
  return min;
};
const fill = (unit) => unit.repeat(Math.ceil(MAX_REPLY_CHARS / unit.length)).slice(0, MAX_REPLY_CHARS);
let ok = true;

// The shipped rubric against replies that repeat its own cues, with and without sentence ends.
const catalog = loadCatalog(discoverContent({ cwd: root }));
const rubric = catalog.rubrics.get("complaint-handling").data;
const replies = {
  "bike-shifter": ["I'm sorry, I will call the producer by 5 tomorrow and ring you back ", "the producer is responsible for the delay "],
  "missed-bin": ["will will collect collect tomorrow tomorrow ", "I will empty the bin by 5. "],
  "failed-download": ["I will send you over the files now ", "a a a a "],
  "double-charge": ["I am so sorry, I will refund you today and call you back by 3 ", "next update call tomorrow "],
};
const short = "I'm sorry. I'll call you back by 3 today.";
for (const [id, units] of Object.entries(replies)) {
  const model = modelFor(rubric, catalog.scenarios.get(id).data);
  const baseline = best(() => scoreWithModel(short, model));
  for (const unit of units) {
    const ms = best(() => scoreWithModel(fill(unit), model));
    ok =
      report(`${id}: ${JSON.stringify(unit.slice(0, 24))}... x ${MAX_REPLY_CHARS}`, ms.toFixed(0), "ms", {
        ok: ms < 1000,
        text: `short reply ${baseline.toFixed(1)} ms; target < 1000 ms`,
      }) && ok;
  }
}

// The costliest chain validate accepts, on the reply it is worst for.
const fixture = parse(readFileSync(join(root, "test/fixtures/valid/rubric.yaml"), "utf8"));
const chain = (n) => `${Array.from({ length: n }, () => "* ...").join(" ")} a`;
const compiled = (match) => {
  const r = structuredClone(fixture);
  r.criteria[0].rules[0].match = match;
  return compileModel(r);
};
let accepted = 0;
while (compiled(chain(accepted + 1)).problems.length === 0) accepted++;
const worst = compiled(chain(accepted)).model;
const words = fill("a ");
const baseline = best(() => scoreWithModel(short, worst));
const ms = best(() => scoreWithModel(words, worst));
ok =
  report(`\`* ...\` x ${accepted} (the most accepted), "a a a..." x ${MAX_REPLY_CHARS}`, ms.toFixed(0), "ms", {
    ok: ms < 1000,
    text: `short reply ${baseline.toFixed(1)} ms; target < 1000 ms (limit ${MAX_PATTERN_COST / 1e9} billion steps)`,
  }) && ok;
const refused = compiled(chain(600)).problems.map((p) => p.code);
ok =
  report("the 1,201-part `* ... * ... a` pattern", refused.join(","), "", {
    ok: refused.includes("pattern-too-complex"),
    text: "target: refused",
  }) && ok;
process.exitCode = ok ? 0 : 1;
