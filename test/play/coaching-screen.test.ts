/**
 * What the trainee reads after a reply and on the scorecard, held to what the play-throughs found:
 * label lines that wrapped to column 0, "found., reply 3", quotes of a word or two.
 */
import { describe, expect, it } from "vitest";
import { coachFor, echoes, quotedExample } from "../../src/engine/coaching.js";
import { evidenceQuote } from "../../src/engine/quote.js";
import type { CriterionScore, ReplyScore } from "../../src/engine/score.js";
import { applyReply, startSession, summarise } from "../../src/engine/session.js";
import { sessionSoFar, tipFor } from "../../src/play/coaching.js";
import { renderFeedback } from "../../src/play/render.js";
import { criterionEvidence, titleInParens } from "../../src/report/scorecard-parts.js";
import { makeStyle } from "../../src/report/style.js";
import { rubric, scenario } from "../helpers/content.js";

const plain = makeStyle(false);

function criterion(id: string, title: string, level: number, ruleTitle: string): CriterionScore & { evidence: Array<{ title: string }> } {
  return {
    id,
    title,
    level,
    max: 3,
    weight: 25,
    feedback: "",
    missing: [],
    evidence: [{ quote: "x", rule: `${id}-rule`, effect: "earned", level, start: 0, end: 1, title: ruleTitle }],
  } as CriterionScore & { evidence: Array<{ title: string }> };
}

const LONG = "After time has passed, reports back on what was done or found, in the customer's own terms and at length.";

describe("per-reply feedback at the terminal width", () => {
  it.each([80, 60, 40])("wraps a long rule title under its own column at %i columns, never past the edge", (width) => {
    const score: ReplyScore = {
      score: 50,
      criteria: [criterion("ownership", "Ownership", 2, LONG), criterion("process", "Process agreements", 1, "A next step")],
      flags: [],
      flagEvidence: [],
      truncated: false,
      question: false,
    };
    const text = renderFeedback({ reply: "x", score, tip: "Say by when.", commitments: [] }, plain, width);
    const lines = text.split("\n");
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(width);
    const at = lines.findIndex((l) => l.startsWith("  Ownership"));
    const column = lines[at]?.indexOf("After") ?? -1;
    // Every continuation of the title starts indented, never at column 0.
    for (let i = at + 1; i < lines.length && !lines[i]?.startsWith("  Process"); i++) expect(lines[i]).toMatch(/^ {4,}\S/);
    if (width >= 60) expect(lines[at + 1]?.indexOf(lines[at + 1]?.trim() ?? "")).toBe(column);
    expect(lines.join(" ").replace(/\s+/g, " ")).toContain(LONG);
  });
});

describe("a flag's quote at the terminal width", () => {
  it.each([80, 40])("wraps under its own words at %i columns, never past the edge or mid-word", (width) => {
    const quote = "Sorry, yes. Today before noon, depot confirmed. Call me direct if not. Liners posted today.";
    const score: ReplyScore = {
      score: 0,
      criteria: [criterion("ownership", "Ownership", 0, "A next step")],
      flags: ["stuffing"],
      flagEvidence: [{ id: "stuffing", rule: "stuffing", quote, start: 0, end: quote.length }],
      truncated: false,
      question: false,
    };
    const lines = renderFeedback({ reply: quote, score, tip: "Say by when.", commitments: [] }, plain, width).split("\n");
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(width);
    const at = lines.findIndex((l) => l.startsWith("  flag: stuffing"));
    expect(lines[at + 1]).toMatch(/^ {4}\S/);
    expect(
      lines
        .slice(at, at + 4)
        .join(" ")
        .replace(/\s+/g, " "),
    ).toContain(quote);
  });
});

describe("scorecard evidence", () => {
  it.each([
    ["After time has passed, reports back on what was done or found.", "After time has passed, reports back on what was done or found"],
    ["The refund is done now or today, while she is at the desk.", "The refund is done now or today, while she is at the desk"],
    ["A call-back with a time", "A call-back with a time"],
    ['"Works here"', '"Works here"'],
  ])("a title in parentheses reads without its full stop: %s", (title, shown) => {
    expect(titleInParens(title)).toBe(shown);
    const [line] = criterionEvidence(
      { level: 2, max: 3, shown: { quote: "q", rule: "r", title, turn: "t", reply: 4, level: 2, cost: false } },
      plain,
    );
    expect(line).toBe(`"q" (${shown}, reply 4)`);
    expect(line).not.toMatch(/[.!?][,)]/);
  });

  it.each([
    // A word or two from a question is shown with its sentence.
    [
      "Not really. Collections are subject to crew availability. Is there anything else I can help with today?",
      "Is",
      "Is there anything else I can help with today?",
    ],
    [
      "The PDFs are attached, you did not receive them? Can you look please in your spam folder?",
      "Can you",
      "Can you look please in your spam folder?",
    ],
    ["Raj will look at the RAV4 at 8.30 tomorrow.", "RAV4", "Raj will look at the RAV4 at 8.30 tomorrow."],
    // A match cut inside a word is whole words.
    ["This isn't good enough and I know it.", "n't good enough", "This isn't good enough and I know it."],
    // In a long sentence, the match with words around it, cut with "…".
    [
      "Hello Daniel, we have had a look and the download is working at our end, and it works on every browser we tried today.",
      "working at our",
      "…download is working at our end, and it…",
    ],
    // Enough words already: the match as it is.
    ["Sure. I'll call you at 9 tomorrow with the answer.", "I'll call you at 9 tomorrow", "I'll call you at 9 tomorrow"],
    // A reply of one word is that word.
    ["Sorry.", "Sorry", "Sorry."],
  ])("quotes %j at %j as %j", (reply, match, expected) => {
    const start = reply.indexOf(match);
    expect(evidenceQuote(reply, start, start + match.length, match)).toBe(expected);
  });
});

describe("coaching never asks for what the trainee already did", () => {
  const id = "double-charge";
  const spec = scenario(id);
  const rub = rubric(spec.rubric);
  // The gift card comes in the first reply; the later replies do not repeat it.
  const replies = [
    "I'm sorry, Jess. I can see both $349 charges, and I've refunded the duplicate myself just now: here's the receipt. And for the trouble, here's a $50 gift card.",
    "I'll call you on Monday at 10 to check it has arrived.",
    "Thanks for calling, Jess. I'll ring our payments team now and call you back by 12 with the trace number.",
  ];

  function played() {
    let state = startSession(spec, rub, { mode: "practice", now: new Date("2026-11-25T10:00:00Z") });
    const tips: Array<{ reply: string; tip: string; exemplar?: string }> = [];
    for (const reply of replies) {
      if (state.ended) break;
      state = applyReply(state, reply, spec, rub);
      const exchange = state.exchanges.at(-1);
      if (exchange === undefined) break;
      const view = tipFor(exchange.score, rub, spec, exchange.turn, sessionSoFar(state, reply));
      tips.push({ reply, tip: view.text, ...(view.exemplar === undefined ? {} : { exemplar: view.exemplar.quote }) });
    }
    return { state, tips };
  }

  it("what one reply earned (the refund, the gift card) is not the tip of a later one, nor a change on the scorecard", () => {
    let state = startSession(spec, rub, { mode: "practice", now: new Date("2026-11-25T10:00:00Z") });
    const earned = new Set<string>();
    let checked = 0;
    for (const reply of replies) {
      if (state.ended) break;
      state = applyReply(state, reply, spec, rub);
      const exchange = state.exchanges.at(-1);
      if (exchange === undefined) break;
      const tip = coachFor(rub, spec, exchange.turn).tip(exchange.score, sessionSoFar(state, reply));
      if (earned.size > 0) {
        expect(earned.has(tip.rule ?? ""), `${tip.rule}: ${tip.text}`).toBe(false);
        checked++;
      }
      for (const c of exchange.score.criteria) for (const e of c.evidence) if (e.effect === "earned") earned.add(e.rule);
    }
    expect(checked).toBeGreaterThan(1);
    expect(earned).toContain("gesture");
    expect(earned).toContain("delivers");
    for (const change of summarise(state, spec, rub).changes) expect(earned.has(change.rule), change.feedback).toBe(false);
  });

  it("no tip or 'what 3/3 looks like' quotes words the trainee's replies already say", () => {
    const { state, tips } = played();
    const said = state.exchanges.map((e) => e.reply);
    for (const t of tips) {
      const example = quotedExample(t.tip);
      if (example !== undefined) for (const r of said) expect(echoes(example, r), `${t.tip} / ${r}`).toBe(false);
      if (t.exemplar !== undefined) for (const r of said) expect(echoes(t.exemplar, r), `${t.exemplar} / ${r}`).toBe(false);
    }
    for (const change of summarise(state, spec, rub).changes) {
      const example = quotedExample(change.feedback);
      if (example !== undefined && change.criterion !== "flag")
        for (const r of said) expect(echoes(example, r), change.feedback).toBe(false);
    }
  });

  it("leaves out a model answer's sentence that the reply says in its own words", () => {
    const turn = spec.turns[0]?.id as string;
    const coach = coachFor(rub, spec, turn);
    const empty = applyReply(startSession(spec, rub, { mode: "practice", now: new Date() }), "ok", spec, rub).exchanges[0];
    const score = empty?.score as ReplyScore;
    const shown = tipFor(score, rub, spec, turn, { said: ["ok"] });
    const criterion = shown.exemplar?.criterion;
    expect(criterion).toBeDefined();
    const quote = shown.exemplar?.quote as string;
    expect(coach.exemplar(rub.criteria.find((c) => c.title === criterion)?.id as string)?.quote).toBe(quote);
    // The same quote in the trainee's own words (lower case, no apostrophes): not shown back to them.
    const typed = quote.toLowerCase().replace(/'/g, "");
    expect(tipFor(score, rub, spec, turn, { said: [typed] }).exemplar).toBeUndefined();
  });

  it.each([
    ["I'll call you by 10 with their answer.", "ill call u by 10 with their answer", true],
    ["I'll call their dealer line at 8:30 tomorrow, and I'll call you by 10 with their answer.", "Sorry about that.", false],
    ["And for the trouble, this one is on us.", "and as a sorry, your next service is free", false],
  ])("echoes(%j, %j) is %s", (example, reply, expected) => {
    expect(echoes(example, reply)).toBe(expected);
  });
});

describe("the scorecard's level and the replies under it", () => {
  it.each([
    // The session's level (rounded mean) is 1, quoted from a reply at 1: the 3/3 reply is still shown.
    [1, [0, 3, 1, 0], 1, "your replies: 0/3, 3/3, 1/3, 0/3"],
    // Quoted from a reply at another level: said so, and the levels listed.
    [2, [3, 1, 3, 1], 3, "your replies: 3/3, 1/3, 3/3, 1/3"],
  ])("level %i over %j lists every reply's level", (level, levels, at, listed) => {
    const lines = criterionEvidence(
      {
        level,
        max: 3,
        levels,
        shown: { quote: "sorry", rule: "apology", title: "An apology", turn: "t", reply: 3, level: at, cost: false },
      },
      plain,
    );
    expect(lines).toContain(listed);
  });

  it("lists nothing more when every reply sat at the session's level", () => {
    const lines = criterionEvidence(
      { level: 2, max: 3, levels: [2, 2], shown: { quote: "q", rule: "r", title: "T", turn: "t", reply: 2, level: 2, cost: false } },
      plain,
    );
    expect(lines).toEqual(['"q" (T, reply 2)']);
  });
});
