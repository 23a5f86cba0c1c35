/**
 * Runs the example replies written into scenarios and rubrics (`coach test`): each reply is scored
 * with its scenario's rubric, lexicon and signals (or the rubric alone) and every expectation is
 * checked. A failure keeps what explains it: the rules that fired, the rules that would have raised
 * the level and those that would have capped it. Pure: content in, results out.
 */

import type { Catalog, Loaded } from "../content/catalog.js";
import type { Diagnostic } from "../content/diagnostics.js";
import { describeRange, inRange, parseLevelRange, parseScoreRange } from "../content/expectations.js";
import { keyAt, type Path, type Position, positionAt, rangePosition } from "../content/load.js";
import type { RubricSpec, ScenarioSpec } from "../content/schema.js";
import { coachFor } from "../engine/coaching.js";
import {
  type Evidence,
  type FlagHit,
  MAX_LEVEL,
  type MissingRule,
  modelFor,
  type ReplyScore,
  scoreReply,
  weightedScore,
} from "../engine/score.js";

export interface CapRule {
  rule: string;
  caps: number;
  /** A rubric flag, when the cap comes with a flag rather than the rule itself. */
  flag?: string;
}

interface CheckBase {
  passed: boolean;
  /** Where the expectation is written: the path in the document and its position. */
  path: Path;
  position: Position;
}

export interface LevelCheck extends CheckBase {
  kind: "level";
  criterion: string;
  expected: number | string;
  /** null when the score has no such criterion (reported by `coach validate`). */
  got: number | null;
  evidence: Evidence[];
  /** Rules that did not fire and would have given a higher level. */
  missing: MissingRule[];
  /** Rules (and flags) that did not fire and would have capped the level. */
  caps: CapRule[];
}

export interface ScoreCheck extends CheckBase {
  kind: "score";
  expected: number | string;
  got: number;
}

export interface FlagCheck extends CheckBase {
  kind: "flag";
  flag: string;
  raised: string[];
  evidence?: FlagHit;
}

export type Check = LevelCheck | ScoreCheck | FlagCheck;

export interface ExampleResult {
  file: string;
  line: number;
  column: number;
  document: "scenario" | "rubric";
  /** The scenario or rubric id. */
  owner: string;
  /** Index of the example in its list. */
  index: number;
  /** For a rubric's example: the criterion it belongs to. */
  criterion?: string;
  turn?: string;
  name: string;
  reply: string;
  note?: string;
  passed: boolean;
  checks: Check[];
  score: number;
  levels: Record<string, number>;
  flags: string[];
}

/** Rules of a criterion that cap it and did not fire, with the flags that cap it. */
function capsNotFired(rubric: RubricSpec, scenario: ScenarioSpec | undefined, criterion: string, fired: ReplyScore): CapRule[] {
  const model = modelFor(rubric, scenario);
  const firedRules = new Set(fired.criteria.flatMap((c) => c.evidence.map((e) => e.rule)));
  const out: CapRule[] = [];
  for (const c of model.criteria) {
    for (const rule of c.rules) {
      if (firedRules.has(rule.id)) continue;
      if (c.id === criterion && rule.spec.caps !== undefined) out.push({ rule: rule.id, caps: rule.spec.caps });
      const flag = rule.spec.flag;
      const cap = flag === undefined ? undefined : model.flags[flag]?.caps?.[criterion];
      if (flag !== undefined && cap !== undefined && !fired.flags.includes(flag)) out.push({ rule: rule.id, caps: cap, flag });
    }
  }
  return out;
}

function levelCheck(
  loaded: Loaded<unknown>,
  path: Path,
  criterion: string,
  expected: number | string,
  result: ReplyScore,
  rubric: RubricSpec,
  scenario: ScenarioSpec | undefined,
): LevelCheck {
  const scored = result.criteria.find((c) => c.id === criterion);
  const range = parseLevelRange(expected);
  const got = scored?.level ?? null;
  const passed = got !== null && range !== undefined && inRange(got, range);
  return {
    kind: "level",
    criterion,
    expected,
    got,
    passed,
    path,
    position: positionAt(loaded.parsed, path),
    evidence: scored?.evidence ?? [],
    missing: scored?.missing ?? [],
    caps: passed ? [] : capsNotFired(rubric, scenario, criterion, result),
  };
}

function finish(base: Omit<ExampleResult, "passed" | "score" | "levels" | "flags">, result: ReplyScore): ExampleResult {
  return {
    ...base,
    passed: base.checks.every((c) => c.passed),
    score: result.score,
    levels: Object.fromEntries(result.criteria.map((c) => [c.id, c.level])),
    flags: result.flags,
  };
}

function scenarioExamples(scenario: Loaded<ScenarioSpec>, rubric: RubricSpec): ExampleResult[] {
  const spec = scenario.data;
  return (spec.examples ?? []).map((example, i) => {
    const at: Path = ["examples", i];
    // Feedback as the trainee would read it at that turn: placeholders filled, the scenario's overrides.
    const result = coachFor(rubric, spec, example.turn).rewrite(scoreReply(example.reply, spec, example.turn, rubric));
    const checks: Check[] = [];
    for (const [criterion, expected] of Object.entries(example.expect ?? {}))
      checks.push(levelCheck(scenario, [...at, "expect", criterion], criterion, expected, result, rubric, spec));
    if (example.score !== undefined) {
      const range = parseScoreRange(example.score);
      checks.push({
        kind: "score",
        expected: example.score,
        got: result.score,
        passed: range !== undefined && inRange(result.score, range),
        path: [...at, "score"],
        position: positionAt(scenario.parsed, [...at, "score"]),
      });
    }
    (example.flags ?? []).forEach((flag, fi) => {
      const check: FlagCheck = {
        kind: "flag",
        flag,
        raised: result.flags,
        passed: result.flags.includes(flag),
        path: [...at, "flags", fi],
        position: positionAt(scenario.parsed, [...at, "flags", fi]),
      };
      checks.push(check);
    });
    const position = positionAt(scenario.parsed, at);
    const base: Omit<ExampleResult, "passed" | "score" | "levels" | "flags"> = {
      file: scenario.parsed.file,
      line: position.line,
      column: position.column,
      document: "scenario",
      owner: spec.id,
      index: i,
      name: `${spec.id} example ${i + 1}${example.turn === undefined ? "" : ` (turn ${example.turn})`}`,
      reply: example.reply,
      checks,
    };
    if (example.turn !== undefined) base.turn = example.turn;
    if (example.note !== undefined) base.note = example.note;
    return finish(base, result);
  });
}

function rubricExamples(rubric: Loaded<RubricSpec>): ExampleResult[] {
  const out: ExampleResult[] = [];
  rubric.data.criteria.forEach((criterion, ci) => {
    (criterion.examples ?? []).forEach((example, ei) => {
      const at: Path = ["criteria", ci, "examples", ei];
      const result = coachFor(rubric.data).rewrite(scoreReply(example.reply, undefined, undefined, rubric.data));
      const position = positionAt(rubric.parsed, at);
      const base: Omit<ExampleResult, "passed" | "score" | "levels" | "flags"> = {
        file: rubric.parsed.file,
        line: position.line,
        column: position.column,
        document: "rubric",
        owner: rubric.data.id,
        index: ei,
        criterion: criterion.id,
        name: `${rubric.data.id} ${criterion.id} example ${ei + 1}`,
        reply: example.reply,
        checks: [levelCheck(rubric, [...at, "level"], criterion.id, example.level, result, rubric.data, undefined)],
      };
      if (example.note !== undefined) base.note = example.note;
      out.push(finish(base, result));
    });
  });
  return out;
}

/** Runs the examples of the scenarios and rubrics defined in the given files, in file order. */
export function runExamples(catalog: Catalog, files: readonly string[]): ExampleResult[] {
  const order = new Map(files.map((f, i) => [f, i]));
  const results: ExampleResult[] = [];
  for (const rubric of catalog.rubrics.values()) if (order.has(rubric.parsed.file)) results.push(...rubricExamples(rubric));
  for (const scenario of catalog.scenarios.values()) {
    if (!order.has(scenario.parsed.file)) continue;
    const rubric = catalog.rubrics.get(scenario.data.rubric);
    if (rubric !== undefined) results.push(...scenarioExamples(scenario, rubric.data));
  }
  return results.sort((a, b) => (order.get(a.file) ?? 0) - (order.get(b.file) ?? 0) || a.line - b.line);
}

/** "expected >=2, got 1" for any check. */
export function describeCheck(check: Check): string {
  switch (check.kind) {
    case "level":
      return `${check.criterion}: expected ${describeRange(check.expected)}, got ${check.got ?? "no such criterion"}`;
    case "score":
      return `score: expected ${describeRange(check.expected)}, got ${check.got}`;
    case "flag":
      return `flag ${check.flag}: expected, not raised (raised: ${check.raised.length === 0 ? "none" : check.raised.join(", ")})`;
  }
}

export interface ExampleSummary {
  total: number;
  passed: number;
  failed: number;
}

export function summarise(results: readonly ExampleResult[]): ExampleSummary {
  const passed = results.filter((r) => r.passed).length;
  return { total: results.length, passed, failed: results.length - passed };
}

/**
 * A model answer is shown beside the trainee's reply as the one to learn from: under this score at
 * its own turn, `coach validate` warns (`model-answer-weak`), so a trainer sees the rubric and the
 * model disagree. Issue 8 aims for every shipped model answer at 90 or more.
 */
export const MODEL_ANSWER_MIN_SCORE = 80;

/** What keeps a model answer from the top: each criterion under its maximum and the next rule up. */
function shortfall(result: ReplyScore): string {
  const parts = result.criteria
    .filter((c) => c.level < c.max)
    .map((c) => {
      const next = c.missing[0]?.rule;
      return `${c.id} ${c.level}/${c.max}${next === undefined ? "" : ` (next up: ${next})`}`;
    });
  const flags = result.flags.length > 0 ? `; it raises ${result.flags.join(", ")}` : "";
  return `${parts.join(", ")}${flags}`;
}

/**
 * The best score the rules can give: each criterion at the highest level any of its rules (or the
 * scenario's signals) gives. A small rubric without level-3 rules cannot reach 100, and its model
 * answers are held to the same share of what it can give.
 */
function bestScore(rubric: RubricSpec, scenario: ScenarioSpec): number {
  return weightedScore(
    rubric.criteria.map((c) => {
      const rules = [...c.rules, ...(scenario.signals?.[c.id] ?? [])];
      return { weight: c.weight, level: Math.min(MAX_LEVEL, Math.max(0, ...rules.map((r) => r.gives ?? 0))) };
    }),
  );
}

/** A warning for each turn of the target scenarios whose model answer scores under MODEL_ANSWER_MIN_SCORE at that turn. */
export function modelAnswerDiagnostics(catalog: Catalog, files: readonly string[]): Diagnostic[] {
  const wanted = new Set(files);
  const out: Diagnostic[] = [];
  // Compiling a scenario's model costs more than scoring its answers: scenarios that differ only
  // in their id (copies, generated variants) are scored once.
  const scoredBy = new Map<string, ReplyScore[]>();
  for (const scenario of catalog.scenarios.values()) {
    if (!wanted.has(scenario.parsed.file)) continue;
    const rubric = catalog.rubrics.get(scenario.data.rubric)?.data;
    if (rubric === undefined) continue;
    const key = JSON.stringify([rubric.id, { ...scenario.data, id: "" }]);
    let results = scoredBy.get(key);
    if (results === undefined) {
      results = scenario.data.turns.map((turn) => scoreReply(turn.model, scenario.data, turn.id, rubric));
      scoredBy.set(key, results);
    }
    const scored = results;
    const best = bestScore(rubric, scenario.data);
    const threshold = (MODEL_ANSWER_MIN_SCORE * best) / 100;
    const ceiling = best < 100 ? ` (its rules can give at most ${best})` : "";
    scenario.data.turns.forEach((turn, ti) => {
      const result = scored[ti] as ReplyScore;
      if (result.score >= threshold) return;
      const key = scenario.parsed.doc === undefined ? undefined : keyAt(scenario.parsed.doc, ["turns", ti], "model");
      const position = key === undefined ? positionAt(scenario.parsed, ["turns", ti, "model"]) : rangePosition(scenario.parsed, key.range);
      const d: Diagnostic = {
        file: scenario.parsed.file,
        ...position,
        code: "model-answer-weak",
        severity: "warning",
        message:
          best < 100
            ? `the model answer of turn \`${turn.id}\` scores under ${MODEL_ANSWER_MIN_SCORE}% of what rubric \`${rubric.id}\` can give at its own turn`
            : `the model answer of turn \`${turn.id}\` scores under ${MODEL_ANSWER_MIN_SCORE} at its own turn (rubric \`${rubric.id}\`)`,
        hint: `it scores ${result.score}/100${ceiling}: ${shortfall(result)}; trainees copy it, so reword it or change the rules that miss it`,
      };
      out.push(d);
    });
  }
  return out;
}
