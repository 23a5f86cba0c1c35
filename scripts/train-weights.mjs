#!/usr/bin/env node
// Learns the weighting the default rubric's levels pass through (src/engine/features.ts) from the
// development corpus, and writes src/engine/weights.ts. Run `npm run build` first, then
// `node scripts/train-weights.mjs` and build again.
//
//   --cv kfold|loso   report cross-validated agreement (5 folds, or leave one scenario out) and write nothing
//   --l2 N            L2 penalty (default 2)
//   --min N           a feature must occur in at least N replies (default 5)
//
// Training data: the development corpus and the holdouts already scored and shipped (holdout-3,
// holdout-4), settled labels 0-2, scored at each reply's turn with the rules alone. A holdout not
// yet scored is never read here.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
const { loadCatalog } = await import(join(root, "dist/authoring/checked-catalog.js"));
const { discoverContent } = await import(join(root, "dist/content/files.js"));
const { modelFor, replyFeatures, scoreReply } = await import(join(root, "dist/engine/score.js"));
const { kendallTauB, spearman } = await import(join(root, "dist/engine/agreement.js"));

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i < 0 ? fallback : args[i + 1];
};
const L2 = Number(option("l2", 2));
const MIN = Number(option("min", 5));
const CV = option("cv", undefined);
const READS = args.includes("--words") ? "rules and words" : "rules";

const SETS = ["dev", "holdout-3", "holdout-4"];
const catalog = loadCatalog(discoverContent({ cwd: root, content: SETS.map((s) => join(root, "test/calibration", s, "scenarios")) }));
const rubric = catalog.rubrics.get("complaint-handling").data;
const CRITERIA = rubric.criteria.map((c) => c.id);
const rows = SETS.flatMap((s) => readFileSync(join(root, "test/calibration", s, "labelled.jsonl"), "utf8")
  .split("\n")
  .filter((l) => l.trim() !== "")
  .map((l) => JSON.parse(l)));

const data = rows.map((row) => {
  const scenario = catalog.scenarios.get(row.scenario).data;
  const features = replyFeatures(row.reply, modelFor(rubric, scenario, row.turn), row.turn, READS === "rules and words");
  return { row, values: features.values };
});

function vocabulary(items) {
  const counts = new Map();
  for (const d of items) for (const name of d.values.keys()) counts.set(name, (counts.get(name) ?? 0) + 1);
  return [...counts.keys()].filter((name) => name === "bias" || counts.get(name) >= MIN).sort();
}

/** Full-batch gradient descent with momentum on the L2-penalised logistic loss. */
function logistic(items, names, target) {
  const index = new Map(names.map((n, i) => [n, i]));
  const xs = items.map((d) => [...d.values].filter(([n]) => index.has(n)).map(([n, v]) => [index.get(n), v]));
  const ys = items.map(target);
  const w = new Float64Array(names.length);
  const velocity = new Float64Array(names.length);
  const rate = 0.5;
  for (let epoch = 0; epoch < 600; epoch++) {
    const grad = new Float64Array(names.length);
    for (let i = 0; i < xs.length; i++) {
      let z = 0;
      for (const [j, v] of xs[i]) z += w[j] * v;
      const err = 1 / (1 + Math.exp(-z)) - ys[i];
      for (const [j, v] of xs[i]) grad[j] += err * v;
    }
    for (let j = 0; j < w.length; j++) {
      const penalty = names[j] === "bias" ? 0 : L2 * w[j];
      velocity[j] = 0.9 * velocity[j] - (rate * (grad[j] + penalty)) / xs.length;
      w[j] += velocity[j];
    }
  }
  const out = {};
  names.forEach((n, j) => {
    const rounded = Math.round(w[j] * 1000) / 1000;
    if (rounded !== 0) out[n] = rounded;
  });
  return out;
}

function train(items) {
  const names = vocabulary(items);
  const criteria = {};
  for (const c of CRITERIA) {
    criteria[c] = {
      atLeast1: logistic(items, names, (d) => (d.row.labels[c] >= 1 ? 1 : 0)),
      atLeast2: logistic(items, names, (d) => (d.row.labels[c] >= 2 ? 1 : 0)),
    };
  }
  return criteria;
}

if (CV !== undefined) {
  const scenarios = [...new Set(data.map((d) => d.row.scenario))];
  const folds = CV === "loso" ? scenarios.length : 5;
  const foldOf = (d, i) => (CV === "loso" ? scenarios.indexOf(d.row.scenario) : i % folds);
  const predicted = new Array(data.length);
  for (let k = 0; k < folds; k++) {
    const weights = { rubric: rubric.id, reads: READS, trainedOn: "fold", criteria: train(data.filter((d, i) => foldOf(d, i) !== k)) };
    data.forEach((d, i) => {
      if (foldOf(d, i) !== k) return;
      const r = d.row;
      const result = scoreReply(r.reply, catalog.scenarios.get(r.scenario).data, r.turn, rubric, { weights });
      predicted[i] = Object.fromEntries(result.criteria.map((c) => [c.id, c.level]));
      predicted[i].score = result.score;
    });
  }
  const slices = { all: () => true, opening: (r) => r.turn === "open", later: (r) => r.turn !== "open" };
  for (const [name, keep] of Object.entries(slices)) {
    const ix = data.map((_, i) => i).filter((i) => keep(data[i].row));
    const rules = ix.map((i) => {
      const r = data[i].row;
      return scoreReply(r.reply, catalog.scenarios.get(r.scenario).data, r.turn, rubric, { weighting: false });
    });
    const label = (i, c) => data[i].row.labels[c];
    const total = (i) => CRITERIA.reduce((s, c) => s + label(i, c), 0);
    const ruleTau = CRITERIA.map((c) => kendallTauB(rules.map((r) => r.criteria.find((x) => x.id === c).level), ix.map((i) => label(i, c))).toFixed(3));
    const tau = CRITERIA.map((c) => kendallTauB(ix.map((i) => predicted[i][c]), ix.map((i) => label(i, c))).toFixed(3));
    const learnedTotal = ix.map((i) => predicted[i].score);
    const gross = (scores) => scores.filter((score, k) => (total(ix[k]) >= 7 && score < 50) || (total(ix[k]) <= 1 && score > 40)).length;
    console.log(
      `${name.padEnd(8)} n=${String(ix.length).padEnd(5)} rules tau ${ruleTau.join(" ")} rho ${spearman(
        rules.map((r) => r.score),
        ix.map(total),
      ).toFixed(3)} gross ${gross(rules.map((r) => r.score))} | weighted tau ${tau.join(" ")} rho ${spearman(learnedTotal, ix.map(total)).toFixed(3)} gross ${gross(learnedTotal)}`,
    );
  }
} else {
  const criteria = train(data);
  const size = Object.values(criteria).reduce((n, c) => n + Object.keys(c.atLeast1).length + Object.keys(c.atLeast2).length, 0);
  const trainedOn = `${data.length} replies of test/calibration/{${SETS.join(",")}}, L2 ${L2}, features seen in at least ${MIN} replies`;
  writeFileSync(
    join(root, "src/engine/weights.ts"),
    `// Generated by scripts/train-weights.mjs (${trainedOn}): do not edit by hand.\nimport type { Weighting } from "./features.js";\n\nexport const WEIGHTS: Weighting | undefined = ${JSON.stringify({ rubric: rubric.id, reads: READS, trainedOn, criteria })};\n`,
  );
  console.log(`weights: ${size} of them, for ${CRITERIA.length} criteria, from ${trainedOn}`);
}
