/**
 * Reads a trainer's labelled replies (`coach calibrate`): JSON Lines of
 * `{"scenario", "turn"?, "reply", "labels": {criterion: level}}`, labels on the trainer's own integer
 * scale. Every line is checked against the content (the scenario, its turns, its rubric's criteria);
 * a line that cannot be used becomes a problem naming its line, and the others are kept. Pure.
 */
import type { Catalog } from "./catalog.js";
import { didYouMean } from "./diagnostics.js";
import type { RubricSpec, ScenarioSpec } from "./schema.js";

export interface LabelledReply {
  /** 1-based line in the file. */
  line: number;
  scenario: ScenarioSpec;
  rubric: RubricSpec;
  /** The turn as written; undefined for the scenario's first turn. */
  turn: string | undefined;
  /** True when the reply answers the scenario's first turn. */
  opening: boolean;
  reply: string;
  /** The trainer's labels, by criterion id, in the order of the rubric's criteria. */
  labels: Record<string, number>;
}

export interface LabelProblem {
  line: number;
  code: "bad-json" | "missing-field" | "unknown-scenario" | "unknown-turn" | "unknown-criterion" | "bad-label";
  message: string;
  hint?: string;
}

export interface ReadLabels {
  rows: LabelledReply[];
  problems: LabelProblem[];
}

type LineResult = { row: LabelledReply } | { problem: Omit<LabelProblem, "line"> };

function readLine(text: string, line: number, catalog: Pick<Catalog, "scenarios" | "rubrics">): LineResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { problem: { code: "bad-json", message: "not a JSON object", hint: 'one {"scenario", "reply", "labels": {...}} a line' } };
  }
  if (value === null || typeof value !== "object" || Array.isArray(value))
    return { problem: { code: "bad-json", message: "not a JSON object", hint: 'one {"scenario", "reply", "labels": {...}} a line' } };
  const record = value as Record<string, unknown>;
  if (typeof record.scenario !== "string") return { problem: { code: "missing-field", message: "`scenario` must be a scenario id" } };
  if (typeof record.reply !== "string") return { problem: { code: "missing-field", message: "`reply` must be text" } };
  const labels = record.labels;
  if (labels === null || typeof labels !== "object" || Array.isArray(labels) || Object.keys(labels).length === 0)
    return {
      problem: { code: "missing-field", message: "`labels` must be an object of levels by criterion", hint: '"labels": {"ownership": 2}' },
    };
  const scenario = catalog.scenarios.get(record.scenario)?.data;
  if (scenario === undefined) {
    const known = [...catalog.scenarios.keys()];
    return {
      problem: {
        code: "unknown-scenario",
        message: `unknown scenario \`${record.scenario}\``,
        hint: didYouMean(record.scenario, known) ?? `known scenarios: ${known.join(", ")}`,
      },
    };
  }
  const turns = scenario.turns.map((t) => t.id);
  const turn = record.turn;
  if (turn !== undefined && (typeof turn !== "string" || !turns.includes(turn))) {
    const written = typeof turn === "string" ? turn : JSON.stringify(turn);
    return {
      problem: {
        code: "unknown-turn",
        message: `scenario \`${scenario.id}\` has no turn \`${written}\``,
        hint: `${typeof turn === "string" ? `${didYouMean(turn, turns) ?? ""} ` : ""}turns: ${turns.join(", ")}`.trimStart(),
      },
    };
  }
  const rubric = catalog.rubrics.get(scenario.rubric)?.data;
  if (rubric === undefined) return { problem: { code: "unknown-scenario", message: `scenario \`${scenario.id}\` has no rubric` } };
  const criteria = rubric.criteria.map((c) => c.id);
  const given = labels as Record<string, unknown>;
  for (const [id, level] of Object.entries(given)) {
    if (!criteria.includes(id))
      return {
        problem: {
          code: "unknown-criterion",
          message: `rubric \`${rubric.id}\` has no criterion \`${id}\``,
          hint: `${didYouMean(id, criteria) ?? ""} criteria: ${criteria.join(", ")}`.trimStart(),
        },
      };
    if (typeof level !== "number" || !Number.isInteger(level))
      return {
        problem: {
          code: "bad-label",
          message: `the label for \`${id}\` must be a whole number, not ${JSON.stringify(level)}`,
          hint: "use your own scale (0-2, 1-5...), in whole numbers",
        },
      };
  }
  const ordered: Record<string, number> = {};
  for (const id of criteria) if (given[id] !== undefined) ordered[id] = given[id] as number;
  return {
    row: {
      line,
      scenario,
      rubric,
      turn: turn as string | undefined,
      opening: turn === undefined || turn === turns[0],
      reply: record.reply,
      labels: ordered,
    },
  };
}

/** Every usable line, and a problem for each line that is not; blank lines are skipped. */
export function readLabels(text: string, catalog: Pick<Catalog, "scenarios" | "rubrics">): ReadLabels {
  const out: ReadLabels = { rows: [], problems: [] };
  text.split(/\r?\n/).forEach((content, i) => {
    if (content.trim() === "") return;
    const result = readLine(content, i + 1, catalog);
    if ("row" in result) out.rows.push(result.row);
    else out.problems.push({ line: i + 1, ...result.problem });
  });
  return out;
}
