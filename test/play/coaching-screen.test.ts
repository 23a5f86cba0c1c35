/**
 * What the trainee reads after a reply and on the scorecard, held to what the play-throughs found:
 * label lines that wrapped to column 0, "found., reply 3", quotes of a word or two.
 */
import { describe, expect, it } from "vitest";
import { evidenceQuote } from "../../src/engine/quote.js";
import type { CriterionScore, ReplyScore } from "../../src/engine/score.js";
import { renderFeedback } from "../../src/play/render.js";
import { criterionEvidence, titleInParens } from "../../src/report/scorecard-parts.js";
import { makeStyle } from "../../src/report/style.js";

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
