#!/usr/bin/env node
// Learns the weighting the default rubric's levels pass through (src/engine/features.ts) from the
// labelled sets already seen, and writes src/engine/weights.ts. Run `npm run build` first, then
// `node scripts/train-weights.mjs` and build again.
//
//   --cv sets|kfold|loso  report cross-validated agreement and write nothing: leave one holdout set out
//                         (the development corpus always trains), 5 folds, or leave one scenario out
//   --l2 N                L2 penalty (default 2)
//   --min N               a feature must occur in at least N replies (default 5)
//   --examples N          how much each of the content's own examples and model answers weighs against
//                         one labelled reply (default 30): they are what the rubric promises, so the
//                         weighting must keep them
//   --lowers-from N       the fewest words a reply needs before the weighting may lower a level (default 15)
//
// Training data: the development corpus and the holdouts already scored and shipped, settled labels
// 0-2, scored at each reply's turn with the rules alone. A holdout not yet scored is never read here.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
const { loadCatalog } = await import(join(root, "dist/authoring/checked-catalog.js"));
const { discoverContent } = await import(join(root, "dist/content/files.js"));
const { modelFor, replyFeatures, scoreReply } = await import(join(root, "dist/engine/score.js"));
const { kendallTauB, spearman } = await import(join(root, "dist/engine/agreement.js"));
const { inRange, parseLevelRange, parseScoreRange } = await import(join(root, "dist/content/expectations.js"));

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i < 0 ? fallback : args[i + 1];
};
const L2 = Number(option("l2", 2));
const MIN = Number(option("min", 5));
const CV = option("cv", undefined);
const EXAMPLES = Number(option("examples", 30));
const LOWERS_FROM = Number(option("lowers-from", 15));
const READS = args.includes("--words") ? "rules and words" : "rules";

const SETS = ["dev", "holdout-3", "holdout-4", "holdout-5", "holdout-6", "holdout-7", "holdout-8", "holdout-9", "holdout-10", "holdout-11"];
const catalog = loadCatalog(
  discoverContent({ cwd: root, content: ["scenarios", "rubrics", ...SETS.map((s) => join("test/calibration", s, "scenarios"))].map((d) => join(root, d)) }),
);
const rubric = catalog.rubrics.get("complaint-handling").data;
const CRITERIA = rubric.criteria.map((c) => c.id);
const rows = SETS.flatMap((set) =>
  readFileSync(join(root, "test/calibration", set, "labelled.jsonl"), "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => ({ ...JSON.parse(l), set })),
);
const featuresOf = (reply, scenario, turn) => replyFeatures(reply, modelFor(rubric, scenario, turn), turn, READS === "rules and words").values;
const thresholds = (label) => ({ atLeast1: label >= 1 ? 1 : 0, atLeast2: label >= 2 ? 1 : 0 });

const data = rows.map((row) => ({
  row,
  weight: 1,
  values: featuresOf(row.reply, catalog.scenarios.get(row.scenario).data, row.turn),
  targets: Object.fromEntries(CRITERIA.map((c) => [c, thresholds(row.labels[c])])),
}));

/**
 * What the content promises: each rubric and seed-scenario example at its expected levels, each model
 * answer at 2 or more on every criterion and 90 or more overall. A range constrains only the
 * thresholds it decides: "<=1" says "not at least 2" and nothing about "at least 1".
 */
function promises() {
  const out = [];
  const targetOf = (range) => ({
    ...(range.min >= 1 ? { atLeast1: 1 } : range.max < 1 ? { atLeast1: 0 } : {}),
    ...(range.min >= 2 ? { atLeast2: 1 } : range.max < 2 ? { atLeast2: 0 } : {}),
  });
  const add = (reply, scenario, turn, levels, score) => {
    const expect = Object.fromEntries(Object.entries(levels).flatMap(([c, e]) => (parseLevelRange(e) ? [[c, parseLevelRange(e)]] : [])));
    out.push({ reply, scenario, turn, expect, score, weight: EXAMPLES, values: featuresOf(reply, scenario, turn), targets: Object.fromEntries(Object.entries(expect).map(([c, r]) => [c, targetOf(r)])) });
  };
  for (const criterion of rubric.criteria) for (const ex of criterion.examples ?? []) add(ex.reply, undefined, undefined, { [criterion.id]: ex.level });
  for (const path of readdirSync(join(root, "scenarios")).filter((f) => f.endsWith(".yaml"))) {
    const scenario = catalog.scenarios.get(path.replace(/\.yaml$/, ""))?.data;
    if (scenario === undefined) continue;
    for (const ex of scenario.examples ?? []) add(ex.reply, scenario, ex.turn, ex.expect ?? {}, ex.score === undefined ? undefined : parseScoreRange(ex.score));
    for (const turn of scenario.turns) {
      if (turn.model !== undefined) add(turn.model, scenario, turn.id, Object.fromEntries(CRITERIA.map((c) => [c, ">=2"])), { min: 90, max: 100 });
    }
  }
  return out;
}
const promised = EXAMPLES > 0 ? promises() : [];

function vocabulary(items) {
  const counts = new Map();
  for (const d of items) for (const name of d.values.keys()) counts.set(name, (counts.get(name) ?? 0) + 1);
  return [...counts.keys()].filter((name) => name === "bias" || counts.get(name) >= MIN).sort();
}

/** Full-batch gradient descent with momentum on the L2-penalised, example-weighted logistic loss. */
function logistic(items, names, criterion, threshold) {
  const index = new Map(names.map((n, i) => [n, i]));
  const used = items.filter((d) => d.targets[criterion]?.[threshold] !== undefined);
  const xs = used.map((d) => [...d.values].filter(([n]) => index.has(n)).map(([n, v]) => [index.get(n), v]));
  const ys = used.map((d) => d.targets[criterion][threshold]);
  const weights = used.map((d) => d.weight);
  const mass = weights.reduce((a, b) => a + b, 0);
  const w = new Float64Array(names.length);
  const velocity = new Float64Array(names.length);
  const rate = 0.5;
  for (let epoch = 0; epoch < 600; epoch++) {
    const grad = new Float64Array(names.length);
    for (let i = 0; i < xs.length; i++) {
      let z = 0;
      for (const [j, v] of xs[i]) z += w[j] * v;
      const err = (1 / (1 + Math.exp(-z)) - ys[i]) * weights[i];
      for (const [j, v] of xs[i]) grad[j] += err * v;
    }
    for (let j = 0; j < w.length; j++) {
      // The penalty is per labelled reply, as before the examples weighed in.
      const penalty = names[j] === "bias" ? 0 : (L2 * w[j] * mass) / xs.length;
      velocity[j] = 0.9 * velocity[j] - (rate * (grad[j] + penalty)) / mass;
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
  for (const c of CRITERIA) criteria[c] = { atLeast1: logistic(items, names, c, "atLeast1"), atLeast2: logistic(items, names, c, "atLeast2") };
  return criteria;
}
const weighting = (criteria, trainedOn) => ({ rubric: rubric.id, reads: READS, trainedOn, criteria, lowersFrom: LOWERS_FROM });

/** The promises the weighting breaks: each with what it got wrong. */
function broken(weights) {
  return promised.flatMap((p) => {
    const result = scoreReply(p.reply, p.scenario, p.turn, rubric, { weights });
    const wrong = Object.entries(p.expect).filter(([c, range]) => !inRange(result.criteria.find((x) => x.id === c).level, range)).map(([c]) => c);
    if (p.score !== undefined && !inRange(result.score, p.score)) wrong.push(`score ${result.score}`);
    return wrong.length === 0 ? [] : [`${wrong.join(", ")}: ${p.reply.slice(0, 80)}`];
  });
}

if (CV !== undefined) {
  const scenarios = [...new Set(data.map((d) => d.row.scenario))];
  const holdouts = SETS.filter((s) => s !== "dev");
  const folds = CV === "loso" ? scenarios.length : CV === "sets" ? holdouts.length : 5;
  const foldOf = (d, i) => (CV === "loso" ? scenarios.indexOf(d.row.scenario) : CV === "sets" ? holdouts.indexOf(d.row.set) : i % folds);
  const predicted = new Array(data.length);
  for (let k = 0; k < folds; k++) {
    const weights = weighting(train([...data.filter((d, i) => foldOf(d, i) !== k), ...promised]), "fold");
    data.forEach((d, i) => {
      if (foldOf(d, i) !== k) return;
      const r = d.row;
      const result = scoreReply(r.reply, catalog.scenarios.get(r.scenario).data, r.turn, rubric, { weights });
      predicted[i] = Object.fromEntries(result.criteria.map((c) => [c.id, c.level]));
      predicted[i].score = result.score;
    });
  }
  const seeds = new Set(readdirSync(join(root, "scenarios")).map((f) => f.replace(/\.yaml$/, "")));
  const slices = {
    all: (r) => CV !== "sets" || r.set !== "dev",
    opening: (r) => (CV !== "sets" || r.set !== "dev") && seeds.has(r.scenario) && r.turn === "open",
    later: (r) => (CV !== "sets" || r.set !== "dev") && seeds.has(r.scenario) && r.turn !== "open",
    "new sc.": (r) => (CV !== "sets" || r.set !== "dev") && !seeds.has(r.scenario),
  };
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
  const criteria = train([...data, ...promised]);
  const size = Object.values(criteria).reduce((n, c) => n + Object.keys(c.atLeast1).length + Object.keys(c.atLeast2).length, 0);
  const trainedOn = `${data.length} replies of test/calibration/{${SETS.join(",")}} and ${promised.length} examples and model answers at ${EXAMPLES}x, L2 ${L2}, features seen in at least ${MIN} replies`;
  const weights = weighting(criteria, trainedOn);
  const wrong = broken(weights);
  if (wrong.length > 0) {
    console.error(`the weighting breaks ${wrong.length} of the content's own promises; not written:\n  ${wrong.join("\n  ")}`);
    process.exit(1);
  }
  writeFileSync(
    join(root, "src/engine/weights.ts"),
    `// Generated by scripts/train-weights.mjs (${trainedOn}): do not edit by hand.\nimport type { Weighting } from "./features.js";\n\nexport const WEIGHTS: Weighting | undefined = ${JSON.stringify(weights)};\n`,
  );
  console.log(`weights: ${size} of them, for ${CRITERIA.length} criteria, from ${trainedOn}; all ${promised.length} promises kept`);
}
