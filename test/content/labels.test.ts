/** readLabels: a trainer's labelled replies, each line checked against the content it names. */
import { describe, expect, it } from "vitest";
import { readLabels } from "../../src/content/labels.js";
import { shipped } from "../helpers/content.js";

const GOOD = '{"scenario":"bike-shifter","reply":"I\'ll call at 9.","labels":{"process":2,"ownership":1}}';

describe("readLabels", () => {
  it("keeps good lines with their line numbers, turn and labels in the rubric's order", () => {
    const text = [GOOD, "", '{"scenario":"missed-bin","turn":"next-morning","reply":"x","labels":{"empathy":5},"note":"n"}'].join("\n");
    const { rows, problems } = readLabels(text, shipped);
    expect(problems).toEqual([]);
    expect(rows.map((r) => [r.line, r.scenario.id, r.turn, r.opening, r.labels])).toEqual([
      [1, "bike-shifter", undefined, true, { ownership: 1, process: 2 }],
      [3, "missed-bin", "next-morning", false, { empathy: 5 }],
    ]);
    expect(Object.keys(rows[0]?.labels ?? {})).toEqual(["ownership", "process"]);
  });

  it("counts the scenario's first turn, named, as the opening", () => {
    const { rows } = readLabels('{"scenario":"bike-shifter","turn":"open","reply":"x","labels":{"empathy":1}}', shipped);
    expect(rows[0]?.opening).toBe(true);
  });

  it.each([
    ["not json", "bad-json", "not a JSON object", 'one {"scenario", "reply", "labels": {...}} a line'],
    ["[1, 2]", "bad-json", "not a JSON object", 'one {"scenario", "reply", "labels": {...}} a line'],
    ['{"reply":"x","labels":{"empathy":1}}', "missing-field", "`scenario` must be a scenario id", undefined],
    ['{"scenario":"bike-shifter","reply":3,"labels":{"empathy":1}}', "missing-field", "`reply` must be text", undefined],
    [
      '{"scenario":"bike-shifter","reply":"x"}',
      "missing-field",
      "`labels` must be an object of levels by criterion",
      '"labels": {"ownership": 2}',
    ],
    [
      '{"scenario":"bike-shifter","reply":"x","labels":{}}',
      "missing-field",
      "`labels` must be an object of levels by criterion",
      '"labels": {"ownership": 2}',
    ],
    [
      '{"scenario":"bike-shiftr","reply":"x","labels":{"empathy":1}}',
      "unknown-scenario",
      "unknown scenario `bike-shiftr`",
      "did you mean `bike-shifter`?",
    ],
    [
      '{"scenario":"bike-shifter","turn":"nextday","reply":"x","labels":{"empathy":1}}',
      "unknown-turn",
      "scenario `bike-shifter` has no turn `nextday`",
      "did you mean `next-day`? turns: open, only-door, heard-that, riding, what-now, next-day, on-the-spare, who-calls, ten-days",
    ],
    [
      '{"scenario":"bike-shifter","turn":2,"reply":"x","labels":{"empathy":1}}',
      "unknown-turn",
      "scenario `bike-shifter` has no turn `2`",
      "turns: open, only-door, heard-that, riding, what-now, next-day, on-the-spare, who-calls, ten-days",
    ],
    [
      '{"scenario":"bike-shifter","reply":"x","labels":{"empaty":1}}',
      "unknown-criterion",
      "rubric `complaint-handling` has no criterion `empaty`",
      "did you mean `empathy`? criteria: ownership, empathy, process, outcome",
    ],
    [
      '{"scenario":"bike-shifter","reply":"x","labels":{"empathy":1.5}}',
      "bad-label",
      "the label for `empathy` must be a whole number, not 1.5",
      "use your own scale (0-2, 1-5...), in whole numbers",
    ],
    [
      '{"scenario":"bike-shifter","reply":"x","labels":{"empathy":"2"}}',
      "bad-label",
      'the label for `empathy` must be a whole number, not "2"',
      "use your own scale (0-2, 1-5...), in whole numbers",
    ],
  ])("reports %s as %s, naming its line, and keeps the other lines", (line, code, message, hint) => {
    const { rows, problems } = readLabels([GOOD, line, GOOD].join("\n"), shipped);
    expect(rows.map((r) => r.line)).toEqual([1, 3]);
    expect(problems).toEqual([hint === undefined ? { line: 2, code, message } : { line: 2, code, message, hint }]);
  });

  it("reads Windows line ends", () => {
    expect(readLabels(`${GOOD}\r\n${GOOD}\r\n`, shipped).rows).toHaveLength(2);
  });
});
