/** A whole play-through from a scenario's own model answers, in the order its branches ask for them. */
import { applyReply, type SessionState, startSession } from "../../src/engine/session.js";
import { rubric, scenario } from "../helpers/content.js";

/** `reply` may rewrite a model answer (e.g. split it over two lines) before it is given. */
export function modelRun(
  id: string,
  reply: (model: string, turn: string) => string = (m) => m,
): { replies: string[]; state: SessionState } {
  const spec = scenario(id);
  const rules = rubric(spec.rubric);
  let state = startSession(spec, rules, { mode: "practice", now: new Date(0) });
  const replies: string[] = [];
  while (!state.ended && replies.length < 30) {
    const text = reply(spec.turns.find((t) => t.id === state.turn)?.model ?? "", state.turn);
    replies.push(text);
    state = applyReply(state, text, spec, rules);
  }
  return { replies, state };
}
