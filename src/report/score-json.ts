/** The JSON shapes of the SPEC, built by pure functions and printed by one-line writers. */
import type { Commitment } from "../engine/ledger.js";
import type { ReplyScore } from "../engine/score.js";
import type { SessionResult, SessionState } from "../engine/session.js";
import { type TurnRecord, turnRecord } from "../history/record.js";

export interface ScoreJson {
  scenario: string | null;
  rubric: string;
  turn?: string;
  score: number;
  criteria: Array<{
    id: string;
    title: string;
    level: number;
    max: number;
    weight: number;
    evidence: Array<{ quote: string; rule: string; effect: string; level: number; start: number; end: number }>;
    feedback: string;
    missing: Array<{ rule: string; gives: number }>;
  }>;
  flags: string[];
  flagEvidence: ReplyScore["flagEvidence"];
  truncated: boolean;
}

export function scoreJson(result: ReplyScore, scenario: string | undefined, rubric: string, turn?: string): ScoreJson {
  const json: ScoreJson = {
    scenario: scenario ?? null,
    rubric,
    score: result.score,
    criteria: result.criteria.map((c) => ({
      id: c.id,
      title: c.title,
      level: c.level,
      max: c.max,
      weight: c.weight,
      evidence: c.evidence.map((e) => ({ quote: e.quote, rule: e.rule, effect: e.effect, level: e.level, start: e.start, end: e.end })),
      feedback: c.feedback,
      // The next rules up, by id; their advice is in `feedback` and in the rubric.
      missing: c.missing.map((m) => ({ rule: m.rule, gives: m.gives })),
    })),
    flags: result.flags,
    flagEvidence: result.flagEvidence,
    truncated: result.truncated,
  };
  if (turn !== undefined) json.turn = turn;
  return json;
}

export interface SessionJson {
  scenario: string;
  rubric: string;
  mode: string;
  partial: boolean;
  score: number;
  criteria: Array<{
    id: string;
    title: string;
    level: number;
    mean: number;
    max: number;
    weight: number;
    evidence: Array<{ turn: string; quote: string; rule: string; effect: string; level: number }>;
    feedback: string;
  }>;
  flags: string[];
  changes: SessionResult["changes"];
  weakest?: SessionResult["weakest"];
  ledger: Commitment[];
  ending?: string;
  finalMood: number;
  /** Each exchange as the history stores it. */
  turns: TurnRecord[];
}

export function sessionJson(state: SessionState, result: SessionResult): SessionJson {
  const json: SessionJson = {
    scenario: result.scenario,
    rubric: result.rubric,
    mode: result.mode,
    partial: result.partial,
    score: result.score,
    criteria: result.criteria.map((c) => {
      const evidence = state.exchanges.flatMap((e) =>
        (e.score.criteria.find((x) => x.id === c.id)?.evidence ?? []).map((ev) => ({
          turn: e.turn,
          quote: ev.quote,
          rule: ev.rule,
          effect: ev.effect,
          level: ev.level,
        })),
      );
      const weakestTurn = [...state.exchanges].sort((a, b) => levelOf(a.score, c.id) - levelOf(b.score, c.id))[0];
      const feedback = weakestTurn?.score.criteria.find((x) => x.id === c.id)?.feedback ?? "";
      return {
        id: c.id,
        title: c.title,
        level: c.level,
        mean: Math.round(c.mean * 100) / 100,
        max: c.max,
        weight: c.weight,
        evidence,
        feedback,
      };
    }),
    flags: result.flags,
    changes: result.changes,
    ledger: result.ledger,
    finalMood: result.finalMood,
    turns: state.exchanges.map(turnRecord),
  };
  if (result.weakest !== undefined) json.weakest = result.weakest;
  if (result.ending !== undefined) json.ending = result.ending;
  return json;
}

function levelOf(score: ReplyScore, criterion: string): number {
  return score.criteria.find((c) => c.id === criterion)?.level ?? 0;
}

/** A string or a finite number as JSON.stringify writes it; undefined for anything else. */
function simple(value: unknown): string | undefined {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return undefined;
}

/** The JSON of the strings the content gives (ids, titles, rule names, effects, feedback): few, and written on every line. */
const contentJson = new Map<string, string>();
const CONTENT_JSON_MAX = 10_000;

/** `simple` for a string from the content, remembered. */
function known(value: unknown): string | undefined {
  if (typeof value !== "string") return simple(value);
  let text = contentJson.get(value);
  if (text === undefined) {
    text = JSON.stringify(value);
    if (contentJson.size < CONTENT_JSON_MAX) contentJson.set(value, text);
  }
  return text;
}

/**
 * `JSON.stringify(scoreJson(result, ...))` from its first key on (no opening brace), with each
 * criterion's feedback passed through `feedback`, written straight from the result: a batch prints
 * one per line, and the objects in between cost more than the text. Undefined when a value is not
 * the plain string or number the shape promises (the caller then builds the objects).
 */
export function scoreJsonFields(
  result: ReplyScore,
  scenario: string,
  rubric: string,
  turn: string | undefined,
  truncated: boolean,
  feedback: (raw: string) => string,
): string | undefined {
  const score = simple(result.score);
  if (typeof rubric !== "string" || score === undefined || !Array.isArray(result.criteria)) return undefined;
  let text = `"scenario":${JSON.stringify(scenario)},"rubric":${JSON.stringify(rubric)},"score":${score},"criteria":[`;
  for (let i = 0; i < result.criteria.length; i++) {
    const c = result.criteria[i] as ReplyScore["criteria"][number];
    const id = known(c.id);
    const title = known(c.title);
    const level = simple(c.level);
    const max = simple(c.max);
    const weight = simple(c.weight);
    const said = known(feedback(c.feedback));
    if (id === undefined || title === undefined || level === undefined || max === undefined || weight === undefined || said === undefined)
      return undefined;
    if (!Array.isArray(c.evidence) || !Array.isArray(c.missing)) return undefined;
    text += `${i === 0 ? "" : ","}{"id":${id},"title":${title},"level":${level},"max":${max},"weight":${weight},"evidence":[`;
    for (let j = 0; j < c.evidence.length; j++) {
      const e = c.evidence[j] as ReplyScore["criteria"][number]["evidence"][number];
      const quote = simple(e.quote);
      const rule = known(e.rule);
      const effect = known(e.effect);
      const elevel = simple(e.level);
      const start = simple(e.start);
      const end = simple(e.end);
      if (
        quote === undefined ||
        rule === undefined ||
        effect === undefined ||
        elevel === undefined ||
        start === undefined ||
        end === undefined
      )
        return undefined;
      text += `${j === 0 ? "" : ","}{"quote":${quote},"rule":${rule},"effect":${effect},"level":${elevel},"start":${start},"end":${end}}`;
    }
    text += `],"feedback":${said},"missing":[`;
    for (let j = 0; j < c.missing.length; j++) {
      const m = c.missing[j] as ReplyScore["criteria"][number]["missing"][number];
      const rule = known(m.rule);
      const gives = simple(m.gives);
      if (rule === undefined || gives === undefined) return undefined;
      text += `${j === 0 ? "" : ","}{"rule":${rule},"gives":${gives}}`;
    }
    text += "]}";
  }
  const flags = JSON.stringify(result.flags) as string | undefined;
  const flagEvidence = JSON.stringify(result.flagEvidence) as string | undefined;
  if (flags === undefined || flagEvidence === undefined) return undefined;
  text += `],"flags":${flags},"flagEvidence":${flagEvidence},"truncated":${truncated}`;
  if (turn !== undefined) text += `,"turn":${JSON.stringify(turn)}`;
  return `${text}}`;
}
