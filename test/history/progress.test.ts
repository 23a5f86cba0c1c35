import { describe, expect, it } from "vitest";
import {
  computeProgress,
  direction,
  downsample,
  mostFrequentMissing,
  RECENT,
  scenarioProgress,
  trends,
  weakestCriterion,
} from "../../src/history/progress.js";
import type { SessionRecord, TurnRecord } from "../../src/history/record.js";
import { summarise } from "../../src/history/summary.js";
import { renderProgress } from "../../src/report/progress.js";
import { makeStyle } from "../../src/report/style.js";
import { decimal, sparkline } from "../../src/report/text.js";
import { summaryOf, threeAndPartial } from "./sessions-fixture.js";

describe("sparkline", () => {
  it.each([
    [[0, 1, 2, 3], 3, "▁▃▆█"],
    [[0, 0.5, 1.5, 3], 3, "▁▂▅█"],
    [[null, 3, null], 3, " █ "],
    [[-1, 4], 3, "▁█"],
    [[0, 50, 100], 100, "▁▅█"],
    [[], 3, ""],
  ] as const)("%j of %d -> %j", (values, max, expected) => {
    expect(sparkline(values, max)).toBe(expected);
  });
});

describe("decimal", () => {
  it.each([
    [2, "2"],
    [2.5, "2.5"],
    [1.6667, "1.7"],
    [0.04, "0"],
  ])("%d -> %s", (value, text) => expect(decimal(value)).toBe(text));
});

describe("downsample", () => {
  it("keeps one point per value when there are few", () => {
    expect(downsample([1, null, 3], 40)).toEqual({ points: [1, null, 3], perPoint: 1 });
  });
  it("groups a long series into equal runs, each its mean, skipping missing values", () => {
    expect(downsample([0, 2, 1, 3, null, 3, 2, 2], 4)).toEqual({ points: [1, 2, 3, 2], perPoint: 2 });
    expect(downsample([null, null, 1, 1], 2)).toEqual({ points: [null, 1], perPoint: 2 });
  });
  it("is linear: ten thousand values make forty points", () => {
    const { points, perPoint } = downsample(Array.from({ length: 10_000 }, (_, i) => i % 4));
    expect(points).toHaveLength(40);
    expect(perPoint).toBe(250);
  });
});

describe("direction", () => {
  it.each([
    [[], 3, "new"],
    [[2], 3, "new"],
    [[1, 2], 3, "up"],
    [[2, 1], 3, "down"],
    [[2, 2.2], 3, "steady"],
    [[0, 0, 0, 1, 1, 1], 3, "up"],
    [[40, 60], 100, "up"],
    [[50, 54], 100, "steady"],
    // Only the last RECENT sessions against the RECENT before them: old history does not drown the change.
    [[...Array(30).fill(0), ...Array(10).fill(3), ...Array(10).fill(3)], 3, "steady"],
  ] as const)("%j (max %d) is %s", (values, max, expected) => {
    expect(direction(values, max)).toBe(expected);
  });
});

describe("trends", () => {
  it("follows each criterion through sessions with different rubrics, in the latest session's order", () => {
    const a = summaryOf("a", "2026-01-01T00:00:00Z", [1, 1, 1, 1]);
    const b = {
      ...summaryOf("b", "2026-01-02T00:00:00Z", [2, 2]),
      criteria: [
        { id: "outcome", title: "Outcome", max: 3, weight: 1 },
        { id: "ownership", title: "Ownership", max: 3, weight: 1 },
      ],
      means: [3, 2],
    };
    const { criteria, overall } = trends([a, b]);
    expect(criteria.map((t) => [t.id, t.points])).toEqual([
      ["outcome", [1, 3]],
      ["ownership", [1, 2]],
      ["empathy", [1, null]],
      ["process", [1, null]],
    ]);
    expect(criteria[0]).toMatchObject({ first: 1, latest: 3, best: 3, recent: 2, direction: "up", sessions: 2 });
    expect(overall).toMatchObject({ id: "score", max: 100, points: [a.score, b.score] });
  });
});

describe("scenarioProgress", () => {
  it("keeps the best and the latest score per scenario, most recently played first", () => {
    const rows = scenarioProgress([
      summaryOf("1", "2026-01-01T00:00:00Z", [3, 3, 3, 3], { score: 90 }),
      summaryOf("2", "2026-01-02T00:00:00Z", [1, 1, 1, 1], { score: 30, scenario: "missed-bin" }),
      summaryOf("3", "2026-01-03T00:00:00Z", [2, 2, 2, 2], { score: 60, partial: true }),
    ]);
    expect(rows).toEqual([
      expect.objectContaining({
        id: "bike-shifter",
        sessions: 1,
        partial: 1,
        best: 90,
        bestId: "1",
        latest: 60,
        latestId: "3",
        latestPartial: true,
      }),
      expect.objectContaining({ id: "missed-bin", sessions: 1, partial: 0, best: 30, latest: 30, latestPartial: false }),
    ]);
  });

  it("gives a scenario played only part-way no best, and a partial session never the best", () => {
    const rows = scenarioProgress([
      summaryOf("1", "2026-01-01T00:00:00Z", [1, 1, 1, 1], { score: 40 }),
      summaryOf("2", "2026-01-02T00:00:00Z", [3, 3, 3, 3], { score: 95, partial: true }),
      summaryOf("3", "2026-01-03T00:00:00Z", [3, 3, 3, 3], { score: 99, partial: true, scenario: "missed-bin" }),
    ]);
    expect(rows.find((r) => r.id === "bike-shifter")).toMatchObject({ best: 40, latest: 95, latestPartial: true });
    expect(rows.find((r) => r.id === "missed-bin")?.best).toBeUndefined();
  });
});

describe("weakestCriterion", () => {
  it.each([
    [
      "the lowest mean",
      [
        [2, 1, 2, 2],
        [2, 1, 3, 2],
      ],
      "empathy",
    ],
    ["a tie goes to the heavier criterion (ownership 30 over process 25)", [[1, 2, 1, 2]], "ownership"],
    ["a tie between empathy (20) and outcome (25) goes to outcome", [[3, 1, 3, 1]], "outcome"],
    ["nothing to look at", [], undefined],
  ] as const)("%s", (_name, means, expected) => {
    const recent = means.map((m, i) => summaryOf(`s${i}`, `2026-01-0${i + 1}T00:00:00Z`, [...m]));
    expect(weakestCriterion(recent)?.id).toBe(expected);
  });
});

function turn(levels: Record<string, number>, feedback: Record<string, string>, evidence: TurnRecord["evidence"] = []): TurnRecord {
  return { turn: "t", customer: "", reply: "", score: 0, levels, flags: [], evidence, feedback, moodAfter: 5 };
}

function recordWith(turns: TurnRecord[], changes: SessionRecord["result"]["changes"]): SessionRecord {
  return {
    version: 1,
    id: "r",
    scenario: "bike-shifter",
    rubric: "complaint-handling",
    mode: "practice",
    startedAt: "2026-01-01T00:00:00Z",
    endedAt: "2026-01-01T00:10:00Z",
    partial: false,
    turns,
    ledger: [],
    result: {
      scenario: "bike-shifter",
      rubric: "complaint-handling",
      mode: "practice",
      partial: false,
      turns: turns.length,
      score: 0,
      criteria: [],
      flags: [],
      changes,
      ledger: [],
      finalMood: 5,
    },
  };
}

describe("mostFrequentMissing", () => {
  const ASK = "Ask what they need.";
  const NAME = "Name their situation.";
  const BLAME = "Do not blame the producer.";
  const changes = [
    { criterion: "empathy", rule: "engaged-question", feedback: ASK, worth: 5 },
    { criterion: "empathy", rule: "name-situation", feedback: NAME, worth: 3 },
  ];
  it("counts the rule each short reply missed, named through the session's changes", () => {
    const r = recordWith(
      [turn({ empathy: 1 }, { empathy: ASK }), turn({ empathy: 2 }, { empathy: ASK }), turn({ empathy: 1 }, { empathy: NAME })],
      changes,
    );
    expect(mostFrequentMissing([r], "empathy", 3)).toEqual({ rule: "engaged-question", feedback: ASK, count: 2, shortfalls: 3 });
  });
  it("counts a rule that cost the level (a violation or flag) by its own name", () => {
    const lost = [{ criterion: "empathy", quote: "not our fault", rule: "blame-third-party", effect: "lost", start: 0, end: 5 }];
    const r = recordWith(
      [
        turn({ empathy: 0 }, { empathy: BLAME }, lost),
        turn({ empathy: 0 }, { empathy: BLAME }, lost),
        turn({ empathy: 1 }, { empathy: ASK }),
      ],
      changes,
    );
    expect(mostFrequentMissing([r], "empathy", 3)).toMatchObject({ rule: "blame-third-party", count: 2, shortfalls: 3 });
  });
  it("ignores replies at the criterion's best, and other criteria", () => {
    const r = recordWith([turn({ empathy: 3, process: 0 }, { empathy: "Well done.", process: "Agree a next step." })], changes);
    expect(mostFrequentMissing([r], "empathy", 3)).toBeUndefined();
  });
  it("falls back to advice no change names when nothing else is known", () => {
    const r = recordWith([turn({ empathy: 1 }, { empathy: "Something else." })], []);
    expect(mostFrequentMissing([r], "empathy", 3)).toEqual({ feedback: "Something else.", count: 1, shortfalls: 1 });
  });
  it("breaks a tie with the most recent", () => {
    const r = recordWith([turn({ empathy: 1 }, { empathy: ASK }), turn({ empathy: 1 }, { empathy: NAME })], changes);
    expect(mostFrequentMissing([r], "empathy", 3)?.rule).toBe("name-situation");
  });
  it("survives hand-edited turns", () => {
    const broken = recordWith([null as unknown as TurnRecord, { turn: "x" } as unknown as TurnRecord], changes);
    expect(mostFrequentMissing([broken], "empathy", 3)).toBeUndefined();
  });
});

describe("computeProgress on played sessions", () => {
  const records = threeAndPartial();
  const summaries = records.map((r, i) => summarise(r, i * 100, 10));
  const byId = new Map(records.map((r) => [r.id, r]));
  const loaded: string[] = [];
  const progress = computeProgress(summaries, (s) => {
    loaded.push(s.id);
    return byId.get(s.id);
  });

  it("shows a trainee who played three sessions the trend per criterion, the one left part-way counted aside", () => {
    expect(progress.sessions).toBe(4);
    expect(progress.counted).toBe(3);
    expect(progress.partial).toBe(1);
    expect(progress.criteria.map((t) => t.id)).toEqual(["ownership", "empathy", "process", "outcome"]);
    for (const t of progress.criteria) expect(t.points).toHaveLength(3);
    const scores = records.filter((r) => !r.partial).map((r) => r.result.score);
    expect(progress.overall?.points).toEqual(scores);
    expect(scores[2]).toBeGreaterThan(scores[0] as number);
  });

  it("keeps best and latest per scenario", () => {
    expect(progress.scenarios.map((s) => [s.id, s.sessions, s.partial, s.latestPartial])).toEqual([
      ["double-charge", 0, 1, true],
      ["bike-shifter", 3, 0, false],
    ]);
    expect(progress.scenarios[0]?.best).toBeUndefined();
    expect(progress.scenarios[1]?.best).toBe(Math.max(...records.slice(0, 3).map((r) => r.result.score)));
  });

  it("names one behaviour to work on, from the weakest criterion", () => {
    expect(progress.next).toBeDefined();
    const weakest = weakestCriterion(summaries.filter((s) => !s.partial));
    expect(progress.next?.criterion).toBe(weakest?.id);
    expect(progress.next?.feedback.length).toBeGreaterThan(0);
    expect(progress.next?.count).toBeGreaterThan(0);
    expect(progress.next?.count).toBeLessThanOrEqual(progress.next?.shortfalls ?? 0);
  });

  it("reads at most RECENT sessions in full", () => {
    expect(loaded.length).toBeLessThanOrEqual(RECENT);
  });

  it("leaves sessions without replies out of the trends", () => {
    const empty = summaryOf("empty", "2026-02-01T00:00:00Z", [0, 0, 0, 0], { replies: 0 });
    const withEmpty = computeProgress([...summaries, empty], (s) => byId.get(s.id));
    expect(withEmpty.sessions).toBe(5);
    expect(withEmpty.counted).toBe(3);
    expect(computeProgress([empty], () => undefined)).toMatchObject({ sessions: 1, counted: 0, criteria: [], scenarios: [] });
  });
});

describe("progress tells the truth", () => {
  it("keeps a session left part-way out of the trends and the bests, and counts it", () => {
    const finished = summaryOf("done", "2026-01-01T00:00:00Z", [1, 1, 1, 1], { score: 40 });
    const left = { ...summaryOf("left", "2026-01-02T00:00:00Z", [3, 3, 3, 3], { score: 95, partial: true }), replies: 1 };
    const progress = computeProgress([finished, left], () => undefined);
    expect(progress).toMatchObject({ sessions: 2, counted: 1, partial: 1 });
    expect(progress.overall).toMatchObject({ best: 40, latest: 40, points: [40] });
    expect(progress.criteria.every((t) => t.best === 1)).toBe(true);
    expect(progress.scenarios[0]).toMatchObject({ best: 40, latest: 95, latestPartial: true });
  });

  it("shows beside every arrow the two numbers it compares, and never points against them (2,000 random histories)", () => {
    let seed = 11;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let n = 0; n < 2000; n++) {
      const length = 1 + Math.floor(rnd() * 30);
      const scores = Array.from({ length }, () => Math.round(rnd() * 100));
      const summaries = scores.map((score, i) =>
        summaryOf(
          `s${i}`,
          new Date(Date.UTC(2026, 0, 1 + i)).toISOString(),
          [1, 1, 1, 1].map(() => Math.round(rnd() * 3)),
          { score },
        ),
      );
      const progress = computeProgress(summaries, () => undefined);
      const line = renderProgress(progress, makeStyle(false))
        .split("\n")
        .find((l) => l.includes("Overall score")) as string;
      const earlier = /earlier +(-|\d+)/.exec(line)?.[1];
      const recent = Number(/recent +(\d+)\/100/.exec(line)?.[1]);
      const arrow = /(↑ up|↓ down|→ steady|· new)$/.exec(line)?.[1];
      if (earlier === "-") {
        expect(arrow, line).toBe("· new");
        continue;
      }
      if (arrow === "↑ up") expect(recent, line).toBeGreaterThan(Number(earlier));
      if (arrow === "↓ down") expect(recent, line).toBeLessThan(Number(earlier));
      expect(progress.overall?.now).toBeCloseTo(
        scores.slice(-(progress.overall?.window ?? 0)).reduce((a, b) => a + b, 0) / (progress.overall?.window ?? 1),
      );
    }
  });

  it("puts the numbers it compares beside the arrow: 73, five 20s, six 42s read earlier 29, recent 42, up", () => {
    const scores = [73, 20, 20, 20, 20, 20, 42, 42, 42, 42, 42, 42];
    const summaries = scores.map((score, i) =>
      summaryOf(`s${i}`, new Date(Date.UTC(2026, 0, 1 + i)).toISOString(), [1, 1, 1, 1], { score }),
    );
    const line = renderProgress(
      computeProgress(summaries, () => undefined),
      makeStyle(false),
    )
      .split("\n")
      .find((l) => l.includes("Overall score"));
    // The last six (42) against the six before them (73, then 20s: 29): up, and the numbers say so.
    expect(line).toMatch(/earlier +29 +recent +42\/100 +↑ up$/);
  });
});
