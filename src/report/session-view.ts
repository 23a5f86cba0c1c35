/**
 * A stored session made ready for the standalone reports (HTML and Markdown): every field read
 * defensively (history files can be edited by hand), evidence per criterion, and the model answer
 * per turn. Pure.
 */
import type { Commitment } from "../engine/ledger.js";
import type { SessionRecord, TurnRecord } from "../history/record.js";
import type { ChartCriterion } from "./chart-svg.js";
import { evidenceMarks, type Mark } from "./evidence.js";

export interface ViewCriterion extends ChartCriterion {
  weight: number;
  /** The evidence the scorecard quotes: the first that cost a level, else the last that earned one. */
  shown?: { quote: string; rule: string; turn: string; lost: boolean };
  /** The advice for the reply that did worst on this criterion. */
  feedback?: string;
}

export interface ViewTurn {
  n: number;
  turn: string;
  skip?: string;
  narration?: string;
  customer: string;
  reply: string;
  marks: Mark[];
  score: number;
  levels: Array<{ id: string; title: string; level: number; max: number }>;
  flags: string[];
  feedback: Array<{ id: string; title: string; text: string; level: number; max: number }>;
  model?: string;
  moodAfter?: number;
}

export interface SessionView {
  id: string;
  scenario: string;
  title: string;
  rubric: string;
  mode: string;
  startedAt: string;
  trainee?: string;
  partial: boolean;
  score: number;
  criteria: ViewCriterion[];
  flags: string[];
  changes: Array<{ criterion: string; rule: string; feedback: string }>;
  turns: ViewTurn[];
  ledger: Commitment[];
  ending?: string;
  finalMood?: number;
  /** Where the model answers came from: the record itself, the scenario as it is now, or nowhere. */
  models: "record" | "scenario" | "none";
}

const str = (v: unknown, fallback = ""): string => (typeof v === "string" ? v : fallback);
const num = (v: unknown, fallback = 0): number => (typeof v === "number" && Number.isFinite(v) ? v : fallback);

export function moodName(mood: number): string {
  const names: Array<[number, string]> = [
    [9, "pleased"],
    [7, "calm"],
    [5, "neutral"],
    [4, "annoyed"],
    [2, "angry"],
    [0, "furious"],
  ];
  return names.find(([v]) => mood >= v)?.[1] ?? "furious";
}

/**
 * `models` maps turn ids to model answers from the scenario file, when it could be loaded; without
 * it only the weakest turn's model answer (kept in the record) is shown.
 */
export function sessionView(record: SessionRecord, models?: ReadonlyMap<string, string>): SessionView {
  const result = record.result;
  const turns: TurnRecord[] = record.turns.filter((t): t is TurnRecord => t !== null && typeof t === "object");
  const criteria: ViewCriterion[] = (Array.isArray(result.criteria) ? result.criteria : [])
    .filter((c) => c !== null && typeof c === "object" && typeof c.id === "string")
    .map((c) => {
      const max = num(c.max, 3);
      const view: ViewCriterion = {
        id: c.id,
        title: str(c.title, c.id),
        mean: num(c.mean, num(c.level)),
        level: num(c.level, Math.round(num(c.mean))),
        max,
        weight: num(c.weight, 1),
        replies: turns.map((t) => num(t.levels?.[c.id])),
      };
      const evidence = turns.flatMap((t) =>
        (Array.isArray(t.evidence) ? t.evidence : []).filter((e) => e?.criterion === c.id).map((e) => ({ ...e, turn: t.turn })),
      );
      const set = c.shown;
      const shown = evidence.find((e) => e.effect === "lost") ?? evidence.at(-1);
      // Saved with the quote that set the level (and its title): shown as decided.
      if (set !== undefined && typeof set.quote === "string")
        view.shown = { quote: set.quote, rule: str(set.title, str(set.rule)), turn: `reply ${num(set.reply)}`, lost: set.cost === true };
      else if (shown !== undefined)
        view.shown = {
          quote: str(shown.quote),
          rule: str(shown.title, str(shown.rule)),
          turn: str(shown.turn),
          lost: shown.effect === "lost",
        };
      const worst = [...turns].sort((a, b) => num(a.levels?.[c.id]) - num(b.levels?.[c.id]))[0];
      const feedback = worst?.feedback?.[c.id];
      if (typeof feedback === "string" && feedback !== "") view.feedback = feedback;
      return view;
    });
  const titleOf = new Map(criteria.map((c) => [c.id, c.title]));
  const maxOf = new Map(criteria.map((c) => [c.id, c.max]));
  const weakest = result.weakest;
  let modelSource: SessionView["models"] = "none";
  const viewTurns: ViewTurn[] = turns.map((t, i) => {
    const levels = Object.entries(t.levels ?? {}).map(([id, level]) => ({
      id,
      title: titleOf.get(id) ?? id,
      level: num(level),
      max: maxOf.get(id) ?? 3,
    }));
    const view: ViewTurn = {
      n: i + 1,
      turn: str(t.turn, `turn ${i + 1}`),
      customer: str(t.customer),
      reply: str(t.reply),
      marks: evidenceMarks({ reply: str(t.reply), evidence: t.evidence }),
      score: num(t.score),
      levels,
      flags: Array.isArray(t.flags) ? t.flags.map(String) : [],
      feedback: levels.map((l) => ({ ...l, text: str(t.feedback?.[l.id]) })).filter((f) => f.text !== ""),
    };
    if (typeof t.skip === "string" && t.skip !== "") view.skip = t.skip;
    if (typeof t.narration === "string" && t.narration !== "") view.narration = t.narration;
    if (typeof t.moodAfter === "number") view.moodAfter = t.moodAfter;
    const fromScenario = models?.get(view.turn);
    if (fromScenario !== undefined && fromScenario !== "") {
      view.model = fromScenario;
      modelSource = "scenario";
    } else if (weakest !== undefined && weakest.turn === view.turn && str(weakest.model) !== "") {
      view.model = weakest.model;
      if (modelSource === "none") modelSource = "record";
    }
    return view;
  });
  const view: SessionView = {
    id: record.id,
    scenario: record.scenario,
    title: str(record.scenarioTitle, record.scenario),
    rubric: str(record.rubric),
    mode: str(record.mode, "practice"),
    startedAt: record.startedAt,
    partial: record.partial === true || result.partial === true,
    score: num(result.score),
    criteria,
    flags: Array.isArray(result.flags) ? result.flags.map(String) : [],
    changes: (Array.isArray(result.changes) ? result.changes : [])
      .filter((c) => c !== null && typeof c === "object")
      .map((c) => ({ criterion: str(c.criterion), rule: str(c.rule), feedback: str(c.feedback) })),
    turns: viewTurns,
    ledger: (Array.isArray(record.ledger) ? record.ledger : []).filter((c) => c !== null && typeof c === "object"),
    models: modelSource,
  };
  if (typeof record.trainee === "string" && record.trainee !== "") view.trainee = record.trainee;
  if (typeof result.ending === "string" && result.ending !== "") view.ending = result.ending;
  if (typeof result.finalMood === "number") view.finalMood = result.finalMood;
  return view;
}

export function who(c: Commitment): string {
  return c.who === "self" ? "I" : c.who === "team" ? "we" : String(c.who);
}
