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
