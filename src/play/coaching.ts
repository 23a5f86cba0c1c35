/**
 * What the coach says beyond the scores: the one tip after a reply, and the /hint before one.
 * Pure: built from the scores, the rubric and the scenario (src/engine/coaching.ts fits the
 * rubric's words to the scenario).
 */
import type { RubricSpec, ScenarioSpec } from "../content/schema.js";
import { coachFor, type Exemplar, earnedIn, echoes, firedIn, type SessionSoFar } from "../engine/coaching.js";
import { MAX_LEVEL, modelFor, type ReplyScore, scoreWithModel } from "../engine/score.js";
import type { SessionState } from "../engine/session.js";
import type { HintView } from "./render.js";

export interface TipView {
  text: string;
  /** What the tip's criterion looks like at its best in the turn's model answer, when the reply fell short of it. */
  exemplar?: Exemplar & { criterion: string; max: number };
}

/**
 * What the session has done and said besides one reply: the rules its other replies earned, and
 * every reply's words (the one given included), so no tip asks for what the trainee already did.
 */
export function sessionSoFar(state: SessionState, reply?: string): SessionSoFar {
  const others = reply === undefined ? state.exchanges : state.exchanges.slice(0, -1);
  const done = new Set<string>();
  for (const e of others) for (const id of earnedIn(e.score)) done.add(id);
  const said = state.exchanges.map((e) => e.reply);
  if (reply !== undefined && said.at(-1) !== reply) said.push(reply);
  return { done, said };
}

/** The change worth most for one reply: a raised flag first (it costs whatever else is said), then the biggest step this reply lacks. */
export function tipFor(score: ReplyScore, rubric: RubricSpec, scenario?: ScenarioSpec, turn?: string, session?: SessionSoFar): TipView {
  const coach = coachFor(rubric, scenario, turn);
  const tip = coach.tip(score, session);
  const view: TipView = { text: tip.text };
  const criterion = score.criteria.find((c) => c.id === tip.criterion);
  const exemplar = criterion === undefined ? undefined : coach.exemplar(criterion.id);
  // Not when the trainee's own words already say it: "what 3/3 looks like" would be their reply.
  const said = (session?.said ?? []).some((reply) => echoes(exemplar?.quote ?? "", reply));
  if (criterion !== undefined && exemplar !== undefined && exemplar.level > criterion.level && !tip.text.includes(exemplar.quote) && !said)
    view.exemplar = { ...exemplar, criterion: criterion.title, max: MAX_LEVEL };
  return view;
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
  const coach = coachFor(rubric, scenario, state.turn);
  const session = sessionSoFar(state);
  const scores: ReplyScore[] =
    state.exchanges.length > 0 ? state.exchanges.map((e) => e.score) : [scoreWithModel("", modelFor(rubric, scenario, state.turn))];
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
      const criterion = s.criteria.find((x) => x.id === weakest.id);
      const next = criterion === undefined ? undefined : coach.nextStep(criterion, firedIn(s), session);
      if (next !== undefined) {
        hint.criterion = weakest.title;
        hint.feedback = next.feedback;
        const exemplar = coach.exemplar(weakest.id);
        if (exemplar !== undefined && !next.feedback.includes(exemplar.quote) && !session.said?.some((r) => echoes(exemplar.quote, r)))
          hint.feedback += ` What ${exemplar.level}/${MAX_LEVEL} looks like here: "${exemplar.quote}"`;
        return hint;
      }
    }
  }
  return hint;
}
