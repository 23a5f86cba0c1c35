/**
 * `npm run metamorphic`: the violation rate of each family, against its baseline, with two example
 * violations each. `npm run metamorphic -- FAMILY` shows every violation of one family, and
 * `-- FAMILY --all` every pair, for checking the generators by eye.
 */
import { readFileSync } from "node:fs";
import { type Pair, percent, ratesTable, runAll } from "./run.js";

const baseline = JSON.parse(readFileSync(new URL("./baseline.json", import.meta.url), "utf8")) as Record<string, number>;
const [only, mode] = process.argv.slice(2);

function show(pair: Pair): string {
  const levels = (p: Pair["scoreA"]) => p.criteria.map((c) => `${c.id[0]}${c.level}`).join(" ");
  return [
    `  ${pair.source}${pair.kind === undefined ? "" : ` [${pair.kind}]`}${pair.violation === undefined ? "" : `: ${pair.violation}`}`,
    `    a (${pair.scoreA.score}, ${levels(pair.scoreA)}${pair.scoreA.flags.length > 0 ? `, ${pair.scoreA.flags.join(",")}` : ""}): ${pair.a}`,
    `    b (${pair.scoreB.score}, ${levels(pair.scoreB)}${pair.scoreB.flags.length > 0 ? `, ${pair.scoreB.flags.join(",")}` : ""}): ${pair.b}`,
  ].join("\n");
}

const started = performance.now();
const results = runAll();
const seconds = ((performance.now() - started) / 1000).toFixed(1);
if (only !== undefined) {
  const result = results.find((r) => r.id === only);
  if (result === undefined) {
    console.error(`no family ${only}; families: ${results.map((r) => r.id).join(", ")}`);
    process.exitCode = 2;
  } else {
    console.log(`${result.id}: ${result.expectation}\n${percent(result.rate)} (${result.violations} of ${result.pairs} pairs)\n`);
    for (const pair of mode === "--all" ? result.all : result.violating) console.log(`${show(pair)}\n`);
  }
} else {
  console.log(`Metamorphic families: violation rate per family (${seconds} s)\n`);
  console.log(ratesTable(results, baseline));
  for (const r of results) {
    console.log(`\n${r.id}: ${r.expectation}`);
    if (r.violating.length === 0) console.log("  no violations");
    // Two examples, from different bases when there are.
    const examples = [
      r.violating[0],
      r.violating.find((p) => p.source !== r.violating[0]?.source && p.scenario !== r.violating[0]?.scenario),
    ];
    for (const pair of examples) if (pair !== undefined) console.log(show(pair));
  }
}
