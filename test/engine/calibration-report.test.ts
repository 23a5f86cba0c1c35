/** buildCalibration: the statistics of `coach calibrate`, from scored labelled replies made by hand. */
import { describe, expect, it } from "vitest";
import { buildCalibration, type ScoredLabel } from "../../src/engine/calibration.js";
import type { CriterionScore, Evidence, ReplyScore } from "../../src/engine/score.js";

const CRITERIA = ["ownership", "empathy", "process", "outcome"];

function result(levels: number[], score: number, evidence: Record<string, Evidence[]> = {}, flags: string[] = []): ReplyScore {
  const criteria: CriterionScore[] = CRITERIA.map((id, i) => ({
    id,
    title: id[0]?.toUpperCase() + id.slice(1),
    level: levels[i] ?? 0,
    max: 3,
    weight: 25,
    evidence: evidence[id] ?? [],
    feedback: "",
    missing: [],
  }));
  return { score, criteria, flags, flagEvidence: [], truncated: false, question: false };
}

let nextLine = 1;
function row(labels: number[], levels: number[], score: number, extra: Partial<ScoredLabel> = {}): ScoredLabel {
  return {
    line: nextLine++,
    scenario: "bike-shifter",
    turn: undefined,
    opening: true,
    reply: `reply ${nextLine}`,
    labels: Object.fromEntries(CRITERIA.map((id, i) => [id, labels[i]]).filter(([, v]) => v !== undefined)),
    result: result(levels, score),
    ...extra,
  };
}

const ev = (rule: string, effect: "earned" | "lost", level: number, quote = rule): Evidence => ({
  quote,
  rule,
  effect,
  level,
  start: 0,
  end: quote.length,
});

describe("agreement per criterion and on the total", () => {
  it("is 1 when the tool orders the replies as the trainer does, on any label scale", () => {
    nextLine = 1;
    const rows = [row([1, 1, 1, 1], [0, 0, 0, 0], 0), row([3, 3, 3, 3], [1, 1, 1, 1], 33), row([5, 5, 5, 5], [3, 3, 3, 3], 100)];
    const report = buildCalibration(rows);
    expect(report.criteria.map((c) => c.tauB)).toEqual([1, 1, 1, 1].map((v) => expect.closeTo(v, 9)));
    expect(report.total.spearman).toBeCloseTo(1, 9);
    expect(report.scale.ownership).toEqual({ min: 1, max: 5 });
    expect(report.total).toMatchObject({ n: 3, labelMin: 4, labelMax: 20 });
  });

  it.each([
    // labels, levels, tau-b (scipy.stats.kendalltau)
    [[0, 1, 2, 2, 1, 0], [0, 1, 3, 2, 2, 0], 0.880705],
    [[1, 2, 3, 4, 5], [3, 3, 1, 0, 0], -0.894427],
    [[0, 0, 1, 1, 2, 2, 2], [0, 1, 1, 1, 2, 3, 3], 0.848875],
  ])("labels %j against levels %j give tau-b %d", (labels, levels, tau) => {
    const rows = labels.map((l, i) => row([l], [levels[i] as number], (levels[i] as number) * 30));
    const report = buildCalibration(rows);
    expect(report.criteria).toHaveLength(1);
    expect(report.criteria[0]?.id).toBe("ownership");
    expect(report.criteria[0]?.n).toBe(labels.length);
    expect(report.criteria[0]?.tauB).toBeCloseTo(tau, 5);
  });

  it.each([
    ["every label is the same", [2, 2, 2], [0, 1, 2]],
    ["the tool gives every reply the same", [0, 1, 2], [1, 1, 1]],
    ["fewer than two labelled replies", [2], [1]],
  ])("says it cannot measure tau-b when %s (null, not 0)", (why, labels, levels) => {
    const report = buildCalibration(labels.map((l, i) => row([l], [levels[i] as number], i * 10)));
    expect(report.criteria[0]?.tauB).toBeNull();
    expect(report.criteria[0]?.unmeasured).toBe(why);
  });

  it("leaves a reply that labels only some criteria out of the total, not out of its criteria", () => {
    const rows = [
      row([0, 0, 0, 0], [0, 0, 0, 0], 0),
      row([1, 1, 1, 1], [1, 1, 1, 1], 40),
      row([2, 2, 2, 2], [2, 2, 2, 2], 80),
      row([2, undefined as unknown as number, 2, 2], [3, 0, 3, 3], 70),
    ];
    rows[3] = { ...(rows[3] as ScoredLabel), labels: { ownership: 2, process: 2, outcome: 2 } };
    const report = buildCalibration(rows);
    expect(report.criteria.map((c) => [c.id, c.n])).toEqual([
      ["ownership", 4],
      ["empathy", 3],
      ["process", 4],
      ["outcome", 4],
    ]);
    expect(report.total.n).toBe(3);
  });
});

describe("confusion tables", () => {
  it("count label x level, with every label of the scale as a row and levels 0-3 as columns", () => {
    const rows = [row([1], [0], 0), row([1], [0], 0), row([3], [2], 60), row([4], [3], 90), row([4], [1], 30)];
    const confusion = buildCalibration(rows).criteria[0]?.confusion;
    expect(confusion).toEqual({
      labels: [1, 2, 3, 4],
      levels: [0, 1, 2, 3],
      counts: [
        [2, 0, 0, 0],
        [0, 0, 0, 0],
        [0, 0, 1, 0],
        [0, 1, 0, 1],
      ],
    });
  });
});

describe("the worst disagreements", () => {
  const rows = [
    row([0, 0, 0, 0], [0, 0, 0, 0], 5),
    row([1, 1, 1, 1], [1, 1, 1, 1], 35),
    row([2, 2, 2, 2], [0, 1, 0, 0], 10, {
      reply: "The producer is to blame. I'll call them at 9.",
      result: result(
        [0, 1, 0, 0],
        10,
        {
          ownership: [
            ev("timed-commitment", "earned", 2, "I'll call them at 9"),
            ev("blame-third-party", "lost", 0, "The producer is to blame"),
          ],
          empathy: [ev("apology", "earned", 1, "sorry")],
        },
        ["blame"],
      ),
    }),
    row([0, 0, 1, 0], [3, 3, 3, 3], 100),
    row([2, 2, 2, 1], [2, 2, 2, 2], 70),
  ];
  const report = buildCalibration(rows, { worst: 2 });

  it("are the replies with the largest gap between the two rankings, largest first", () => {
    expect(report.worst.map((w) => w.reply)).toEqual(["The producer is to blame. I'll call them at 9.", rows[3]?.reply]);
    expect(report.worst[0]?.gap).toBeGreaterThan(0);
    expect(report.worst[1]?.gap).toBeLessThan(0);
    expect(report.worst[0]).toMatchObject({ labelTotal: 8, score: 10, flags: ["blame"], levels: { ownership: 0, empathy: 1 } });
  });

  it("quote the evidence that decided each level: the cap that held it down, else the rule that earned it", () => {
    expect(report.worst[0]?.decided.ownership).toEqual([
      { quote: "The producer is to blame", rule: "blame-third-party", effect: "lost", level: 0 },
    ]);
    expect(report.worst[0]?.decided.empathy).toEqual([{ quote: "sorry", rule: "apology", effect: "earned", level: 1 }]);
    expect(report.worst[0]?.decided.process).toEqual([]);
  });

  it("can be none, and leave out replies both rank alike", () => {
    expect(buildCalibration(rows, { worst: 0 }).worst).toEqual([]);
    const agreeing = [row([0], [0], 0), row([1], [1], 30), row([2], [2], 60)];
    expect(buildCalibration(agreeing).worst).toEqual([]);
  });
});

describe("breakdowns and --min-tau", () => {
  const rows = [
    row([0, 0, 0, 0], [0, 0, 0, 0], 0, { scenario: "a" }),
    row([2, 2, 2, 2], [3, 3, 3, 3], 100, { scenario: "a" }),
    row([0, 0, 0, 0], [3, 3, 3, 3], 100, { scenario: "b", turn: "next-day", opening: false }),
    row([2, 2, 2, 2], [0, 0, 0, 0], 0, { scenario: "b", turn: "next-day", opening: false }),
    row([1, 1, 1, 1], [1, 1, 1, 1], 33, { scenario: "a" }),
  ];

  it("by turn: the opening turn against every later turn", () => {
    const report = buildCalibration(rows, { by: "turn" });
    expect(report.by?.groups.map((g) => [g.group, g.n])).toEqual([
      ["opening", 3],
      ["later", 2],
    ]);
    expect(report.by?.groups[0]?.tauB.ownership).toBeCloseTo(1, 9);
    expect(report.by?.groups[1]?.tauB.ownership).toBeCloseTo(-1, 9);
    expect(report.by?.groups[1]?.spearman).toBeCloseTo(-1, 9);
  });

  it("by scenario, in the order scenarios first appear", () => {
    expect(buildCalibration(rows, { by: "scenario" }).by?.groups.map((g) => g.group)).toEqual(["a", "b"]);
  });

  it("--min-tau names the criteria under it, an unmeasurable one included", () => {
    const measured = buildCalibration(rows, { minTau: 0.5 });
    expect(measured.belowMinTau).toEqual(["ownership", "empathy", "process", "outcome"]);
    expect(buildCalibration(rows, { minTau: -1 }).belowMinTau).toEqual([]);
    const flat = buildCalibration([row([2], [0], 0), row([2], [1], 30)], { minTau: -1 });
    expect(flat.belowMinTau).toEqual(["ownership"]);
  });
});
