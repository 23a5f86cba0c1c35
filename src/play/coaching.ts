/**
 * What the coach says beyond the scores: the one tip after a reply, and the /hint before one.
 * Pure: built from the scores, the rubric and the scenario.
 */
import type { RubricSpec, ScenarioSpec } from "../content/schema.js";
import { MAX_LEVEL, modelFor, type ReplyScore, scoreWithModel } from "../engine/score.js";
import type { SessionState } from "../engine/session.js";
import type { HintView } from "./render.js";

/** The change worth most for one reply: a raised flag first (it costs whatever else is said), then the biggest missing step. */
export function tipFor(score: ReplyScore, rubric: RubricSpec): string {
  for (const flag of score.flags) {
    const feedback = rubric.flags?.[flag]?.feedback;
    if (feedback !== undefined) return feedback;
  }
  let best: { worth: number; feedback: string } | undefined;
  for (const c of score.criteria) {
    const next = c.missing[0];
    if (next === undefined) continue;
    const worth = (c.weight * (next.gives - c.level)) / MAX_LEVEL;
    if (best === undefined || worth > best.worth) best = { worth, feedback: next.feedback };
  }
  return best?.feedback ?? "Every criterion is at its best here. Keep doing exactly this.";
}

/**
 * The hint for the turn waiting for a reply: the scenario's own hint for it, plus the next step up
 * for the weakest criterion so far (lowest mean level; the heavier criterion on a tie). Before the
 * first reply every criterion is at 0, so it is the heaviest one's first step.
 */
export function hintFor(state: SessionState, scenario: ScenarioSpec, rubric: RubricSpec): HintView {
  const hint: HintView = {};
  const turn = scenario.turns.find((t) => t.id === state.turn);
  if (turn?.hint !== undefined) hint.turnHint = turn.hint;
  const scores: ReplyScore[] =
    state.exchanges.length > 0 ? state.exchanges.map((e) => e.score) : [scoreWithModel("", modelFor(rubric, scenario))];
  const ranked = rubric.criteria
    .map((c) => {
      const levels = scores.map((s) => s.criteria.find((x) => x.id === c.id)?.level ?? 0);
      return { id: c.id, title: c.title, weight: c.weight, mean: levels.reduce((a, b) => a + b, 0) / levels.length };
    })
    .filter((c) => c.mean < MAX_LEVEL)
    .sort((a, b) => a.mean - b.mean || b.weight - a.weight);
  for (const weakest of ranked) {
    // The most recent reply's next step up for it: what would have raised it last time.
    for (const s of [...scores].reverse()) {
      const next = s.criteria.find((x) => x.id === weakest.id)?.missing[0];
      if (next !== undefined) {
        hint.criterion = weakest.title;
        hint.feedback = next.feedback;
        return hint;
      }
    }
  }
  return hint;
}
