import { describe, expect, it } from "vitest";
import type { SessionRecord } from "../../src/history/record.js";
import { summarise } from "../../src/history/summary.js";
import { computeTeam, groupByTrainee } from "../../src/history/team.js";
import { summaryOf, threeAndPartial } from "./sessions-fixture.js";

describe("groupByTrainee", () => {
  it.each([
    ["the record's trainee wins over the file's name", [{ trainee: "ann" }, {}], ["ann", "team-b"]],
    ["without one, the file's name is the trainee", [{}, {}], ["team-a", "team-b"]],
    ["two files of one trainee make one group", [{ trainee: "ann" }, { trainee: "ann" }], ["ann"]],
  ] as const)("%s", (_name, extras, trainees) => {
    const sources = extras.map((extra, i) => ({
      label: `team-${"ab"[i]}`,
      summaries: [summaryOf(`s${i}`, `2026-01-0${i + 1}T00:00:00Z`, [1, 1, 1, 1], extra)],
      load: () => undefined,
    }));
    expect(groupByTrainee(sources).map((g) => g.trainee)).toEqual(trainees);
  });

  it("counts a session found in two files once", () => {
    const s = summaryOf("same", "2026-01-01T00:00:00Z", [1, 1, 1, 1]);
    const groups = groupByTrainee([
      { label: "a", summaries: [s], load: () => undefined },
      { label: "b", summaries: [{ ...s }], load: () => undefined },
    ]);
    expect(groups.map((g) => [g.trainee, g.summaries.length])).toEqual([["a", 1]]);
  });
});

describe("computeTeam", () => {
  const ann = threeAndPartial("ann");
  const bob = threeAndPartial("bob")
    .slice(2, 3)
    .map((r) => ({ ...r, id: `${r.id}-bob` }));
  const source = (label: string, records: SessionRecord[]) => {
    const byId = new Map(records.map((r) => [r.id, r]));
    return { label, summaries: records.map((r) => summarise(r)), load: (s: { id: string }) => byId.get(s.id) };
  };
  const team = computeTeam(groupByTrainee([source("ann.jsonl", ann), source("bob.jsonl", bob)]));

  it("shows each trainee's own progress", () => {
    expect(team.sessions).toBe(5);
    expect(team.trainees.map((t) => [t.trainee, t.progress.counted])).toEqual([
      ["ann", 3],
      ["bob", 1],
    ]);
    expect(team.trainees[0]?.progress.next).toBeDefined();
  });

  it("shows each criterion across the team: the mean of the trainees' means, the lowest and the highest", () => {
    expect(team.criteria.map((c) => c.id)).toEqual(["ownership", "empathy", "process", "outcome"]);
    for (const c of team.criteria) {
      const means = team.trainees.map((t) => t.progress.criteria.find((x) => x.id === c.id)?.recent ?? 0);
      expect(c.mean).toBeCloseTo((means[0] as number) / 2 + (means[1] as number) / 2, 6);
      expect(c.lowest?.mean).toBe(Math.min(...means));
      expect(c.highest?.mean).toBe(Math.max(...means));
      // Finished sessions only: ann's three and bob's one.
      expect(c.trend.sessions).toBe(4);
    }
  });
});
