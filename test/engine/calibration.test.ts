/**
 * Agreement with trainers' labels, on the shared calibration set and the project's own labelled set.
 * Labels are 0-2 and levels 0-3, so agreement is by rank: Kendall's tau-b per criterion, Spearman on
 * the total. These floors keep the figures from regressing; the measured values are in the issue notes.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadCatalog } from "../../src/authoring/checked-catalog.js";
import { discoverContent } from "../../src/content/files.js";
import type { RubricSpec, ScenarioSpec } from "../../src/content/schema.js";
import { kendallTauB, spearman } from "../../src/engine/agreement.js";
import { type ReplyScore, scoreReply } from "../../src/engine/score.js";
import { repoRoot } from "../helpers/cli.js";
import { rubric, scenario } from "../helpers/content.js";

const CRITERIA = ["ownership", "empathy", "process", "outcome"] as const;

interface Labelled {
  scenario: string;
  reply: string;
  labels: Record<(typeof CRITERIA)[number], number>;
}

function read(path: string): Labelled[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as Labelled);
}

function agreement(rows: Labelled[], strip = false): { tau: Record<string, number>; spearman: number } {
  return agreementOf(rows, (row) => scoreReply(row.reply, strip ? stripped(row.scenario) : scenario(row.scenario), undefined, rubric()));
}

/** Agreement by rank of the tool's levels and scores with the labels, each reply scored by `score`. */
function agreementOf<Row extends Labelled>(
  rows: Row[],
  score: (row: Row) => ReplyScore,
): { tau: Record<string, number>; spearman: number } {
  const got: Record<string, number[]> = Object.fromEntries(CRITERIA.map((c) => [c, []]));
  const want: Record<string, number[]> = Object.fromEntries(CRITERIA.map((c) => [c, []]));
  const totals: number[] = [];
  const labelTotals: number[] = [];
  for (const row of rows) {
    const result = score(row);
    for (const c of CRITERIA) {
      got[c]?.push(result.criteria.find((x) => x.id === c)?.level ?? 0);
      want[c]?.push(row.labels[c]);
    }
    totals.push(result.score);
    labelTotals.push(CRITERIA.reduce((sum, c) => sum + row.labels[c], 0));
  }
  const tau = Object.fromEntries(CRITERIA.map((c) => [c, kendallTauB(got[c] ?? [], want[c] ?? [])]));
  return { tau, spearman: spearman(totals, labelTotals) };
}

/** A shipped scenario without its own lexicon and signals: what a trainer's first draft looks like. */
const strippedCache = new Map<string, ScenarioSpec>();
function stripped(id: string): ScenarioSpec {
  let found = strippedCache.get(id);
  if (found === undefined) {
    const { lexicon: _lexicon, signals: _signals, ...rest } = scenario(id);
    found = rest;
    strippedCache.set(id, found);
  }
  return found;
}

const sets = [
  // A copy of ../shared/calibration/replies.jsonl, so a fresh clone runs the suite on its own.
  ["the shared calibration set", "test/calibration/shared-replies.jsonl"],
  ["the project's labelled set", "test/calibration/labelled.jsonl"],
] as const;

describe.each(sets)("agreement with %s", (_name, path) => {
  const rows = read(`${repoRoot}${path}`);
  const measured = agreement(rows);

  it("has enough labelled replies to mean something", () => {
    expect(rows.length).toBeGreaterThanOrEqual(40);
  });

  it.each(CRITERIA)("Kendall's tau-b on %s is at least 0.7", (criterion) => {
    expect(measured.tau[criterion]).toBeGreaterThanOrEqual(0.7);
  });

  it("Spearman on the total is at least 0.85", () => {
    expect(measured.spearman).toBeGreaterThanOrEqual(0.85);
  });
});

describe.each(sets)("the rubric's general rules carry a scenario with no signals of its own (%s)", (_name, path) => {
  const measured = agreement(read(`${repoRoot}${path}`), true);

  it.each(["ownership", "empathy", "process"] as const)("Kendall's tau-b on %s is at least 0.7", (criterion) => {
    expect(measured.tau[criterion]).toBeGreaterThanOrEqual(0.7);
  });

  it("outcome, which scenario words refine most, is still clearly positive (tau-b >= 0.55)", () => {
    expect(measured.tau.outcome).toBeGreaterThanOrEqual(0.55);
  });

  it("Spearman on the total is at least 0.85", () => {
    expect(measured.spearman).toBeGreaterThanOrEqual(0.85);
  });
});

describe("agreement on the hold-out set (replies the rubric was not tuned on)", () => {
  const measured = agreement(read(`${repoRoot}test/calibration/holdout-2.jsonl`));

  it.each(CRITERIA)("Kendall's tau-b on %s stays at least 0.6 (0.69-0.79 when first measured)", (criterion) => {
    expect(measured.tau[criterion]).toBeGreaterThanOrEqual(0.6);
  });

  it("Spearman on the total stays at least 0.85 (0.90 when first measured)", () => {
    expect(measured.spearman).toBeGreaterThanOrEqual(0.85);
  });
});

// Sets sealed while the rubric was tuned, scored once, then shipped: they guard against regressions,
// and are no longer measures of generalisation.
describe.each([
  // First score, before anything was tuned on it: Spearman 0.827, tau-b 0.646 to 0.673 (commit ff25b82).
  { set: "holdout-3", minTau: 0.62, minSpearman: 0.8 },
  // First score: Spearman 0.833, tau-b 0.597 to 0.705 (commit 0f6bc4c).
  { set: "holdout-4", minTau: 0.57, minSpearman: 0.8 },
  // First score: Spearman 0.788, tau-b 0.534 to 0.695 (commit f7b6b09).
  { set: "holdout-5", minTau: 0.5, minSpearman: 0.76 },
  // First score: Spearman 0.804, tau-b 0.573 to 0.709 (commit 5de30ea).
  { set: "holdout-6", minTau: 0.54, minSpearman: 0.78 },
  // First score: Spearman 0.798, tau-b 0.560 to 0.750 (commit 70de8a2).
  { set: "holdout-7", minTau: 0.53, minSpearman: 0.77 },
  // First score: Spearman 0.844, tau-b 0.576 to 0.754, 5 gross errors (commit f5bc0e0).
  { set: "holdout-8", minTau: 0.55, minSpearman: 0.82 },
  // First score: Spearman 0.843, tau-b 0.657 to 0.744, 8 gross errors (commit 4f9c330).
  { set: "holdout-9", minTau: 0.6, minSpearman: 0.82 },
  // First score: Spearman 0.835, tau-b 0.633 to 0.694, 14 gross errors (commit 85719a9).
  { set: "holdout-10", minTau: 0.58, minSpearman: 0.81 },
  // First score: Spearman 0.796, tau-b 0.608 to 0.677, 8 gross errors (commit 014f41d).
  { set: "holdout-11", minTau: 0.56, minSpearman: 0.77 },
])(
  "agreement on $set (270 replies at openings, later turns and a new scenario; scored once, then shipped)",
  ({ set, minTau, minSpearman }) => {
    const rows = heldOut(set);
    const measured = agreementAtTurns(set, rows);

    it("has the replies it was written with, in every slice", () => {
      expect(rows.length).toBe(270);
      expect(new Set(rows.map((r) => r.scenario)).size).toBe(6);
      expect(rows.filter((r) => r.turn !== "open").length).toBeGreaterThanOrEqual(120);
    });

    it.each(CRITERIA)(`Kendall's tau-b on %s stays at least ${minTau}`, (criterion) => {
      expect(measured.tau[criterion]).toBeGreaterThanOrEqual(minTau);
    });

    it(`Spearman on the total stays at least ${minSpearman}`, () => {
      expect(measured.spearman).toBeGreaterThanOrEqual(minSpearman);
    });
  },
);

interface AtTurn extends Labelled {
  turn: string;
}

function heldOut(set: string): AtTurn[] {
  return read(`${repoRoot}test/calibration/${set}/labelled.jsonl`) as AtTurn[];
}

function agreementAtTurns(set: string, rows: AtTurn[]): { tau: Record<string, number>; spearman: number } {
  const catalog = loadCatalog(discoverContent({ cwd: repoRoot, content: [`${repoRoot}test/calibration/${set}/scenarios`] }));
  return agreementOf(rows, (row) => {
    const spec = catalog.scenarios.get(row.scenario)?.data as ScenarioSpec;
    return scoreReply(row.reply, spec, row.turn, catalog.rubrics.get(spec.rubric)?.data as RubricSpec);
  });
}
