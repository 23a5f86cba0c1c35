/** The calibrate renderers: text (golden file, colour off) and JSON, from a report built by hand. */
import { describe, expect, it } from "vitest";
import type { LabelProblem } from "../../src/content/labels.js";
import { buildCalibration, type ScoredLabel } from "../../src/engine/calibration.js";
import type { CriterionScore, Evidence, ReplyScore } from "../../src/engine/score.js";
import { calibrationJson, renderCalibrationText } from "../../src/report/calibration.js";
import { makeStyle } from "../../src/report/style.js";

const CRITERIA = ["ownership", "empathy", "process", "outcome"];

function row(
  line: number,
  reply: string,
  labels: number[],
  levels: number[],
  score: number,
  evidence: Record<string, Evidence[]> = {},
  extra: Partial<ScoredLabel> = {},
): ScoredLabel {
  const criteria: CriterionScore[] = CRITERIA.map((id, i) => ({
    id,
    title: id,
    level: levels[i] ?? 0,
    max: 3,
    weight: 25,
    evidence: evidence[id] ?? [],
    feedback: "",
    missing: [],
  }));
  const result: ReplyScore = { score, criteria, flags: [], flagEvidence: [], truncated: false, question: false };
  return {
    line,
    scenario: "bike-shifter",
    turn: undefined,
    opening: true,
    reply,
    labels: Object.fromEntries(CRITERIA.map((id, i) => [id, labels[i] as number])),
    result,
    ...extra,
  };
}

const ev = (rule: string, effect: "earned" | "lost", level: number, quote: string): Evidence => ({
  quote,
  rule,
  effect,
  level,
  start: 0,
  end: 1,
});

const rows = [
  row(1, "Not our problem, the producer decides. I'll call you at 5.", [0, 0, 0, 0], [0, 1, 2, 1], 40, {
    ownership: [ev("timed-commitment", "earned", 2, "I'll call you at 5"), ev("blame-third-party", "lost", 0, "the producer decides")],
    empathy: [ev("apology", "earned", 1, "Not our problem")],
    process: [ev("timed-step", "earned", 2, "call you at 5")],
    outcome: [ev("mentions-want", "earned", 1, "producer")],
  }),
  row(2, "Sorry for the wait. We will look into it.", [1, 1, 1, 0], [1, 1, 1, 0], 33, {
    ownership: [ev("vague-ownership", "earned", 1, "We will look into it")],
    empathy: [ev("apology", "earned", 1, "Sorry")],
    process: [ev("next-step", "earned", 1, "We will look")],
  }),
  row(
    3,
    "Three and a half weeks without your bike is too long. I'll call the producer at 8:30 tomorrow and ring you by 10.",
    [2, 2, 2, 1],
    [1, 1, 0, 0],
    18,
    {
      ownership: [ev("vague-ownership", "earned", 1, "I'll call")],
      empathy: [ev("apology", "earned", 1, "too long")],
    },
    { turn: "next-day", opening: false },
  ),
  row(4, "I'll fit our spare shifter today and call you at 9 tomorrow.", [2, 1, 2, 2], [3, 1, 3, 2], 85, {
    outcome: [ev("loan-shifter", "earned", 2, "spare shifter")],
  }),
];

const problems: LabelProblem[] = [{ line: 5, code: "unknown-criterion", message: "rubric `complaint-handling` has no criterion `empaty`" }];

describe("renderCalibrationText", () => {
  it("prints agreement, confusions, the breakdown and the worst disagreements with their evidence", async () => {
    const report = buildCalibration(rows, { worst: 3, by: "turn", minTau: 0.8 });
    const text = renderCalibrationText(report, "labels.jsonl", problems, makeStyle(false));
    expect(text).not.toContain("\u001b[");
    expect(text).toContain("labels.jsonl: 4 labelled replies, your labels 0-2, the tool's levels 0-3; 1 line left out");
    expect(text).toContain(
      "labels.jsonl:3 bike-shifter (turn next-day): your total 7 of 0-8, tool 18/100 (you rank it higher than the tool)",
    );
    expect(text).toContain('capped by blame-third-party: "the producer decides"');
    await expect(text).toMatchFileSnapshot("__golden__/calibrate.txt");
  });

  it("says n/a and why when a statistic cannot be measured, and names each scale when they differ", () => {
    const flat = [row(1, "a", [2, 1, 0, 1], [0, 1, 2, 0], 10), { ...row(2, "b", [2, 5, 3, 1], [1, 2, 2, 0], 20) }];
    const text = renderCalibrationText(buildCalibration(flat), "x.jsonl", [], makeStyle(false));
    expect(text).toMatch(/ownership\s+2\s+tau-b\s+n\/a\s+░+\s+\(every label is the same\)/);
    expect(text).toContain("your labels ownership 2-2, empathy 1-5, process 0-3, outcome 1-1");
  });
});

describe("calibrationJson", () => {
  it("is one object with everything, statistics to three decimals", () => {
    const json = JSON.parse(calibrationJson(buildCalibration(rows, { worst: 1, minTau: 0.5 }), "labels.jsonl", problems));
    expect(Object.keys(json)).toEqual(["file", "replies", "scale", "criteria", "total", "worst", "belowMinTau", "minTau", "problems"]);
    expect(json.file).toBe("labels.jsonl");
    expect(json.criteria[0]).toMatchObject({ id: "ownership", n: 4, confusion: { labels: [0, 1, 2], levels: [0, 1, 2, 3] } });
    expect(json.criteria[1].tauB).toBeNull();
    for (const c of json.criteria) if (c.tauB !== null) expect(String(c.tauB).replace(/^-?0?\./, "").length).toBeLessThanOrEqual(3);
    expect(json.worst[0]).toMatchObject({ line: 3, turn: "next-day", labels: { ownership: 2 }, levels: { ownership: 1 } });
    expect(json.worst[0].decided.ownership).toEqual([{ quote: "I'll call", rule: "vague-ownership", effect: "earned", level: 1 }]);
    expect(json.problems).toEqual(problems);
  });
});
