import { describe, expect, it } from "vitest";
import type { ScenarioSpec } from "../../src/content/schema.js";
import { coachFor } from "../../src/engine/coaching.js";
import { scoreReply } from "../../src/engine/score.js";
import { rubric, scenario } from "../helpers/content.js";

const IDS = ["bike-shifter", "double-charge", "failed-download", "out-of-town-repair", "missed-bin"];

/**
 * A story's own words: the phrases its lexicon adds to the rubric (the shifter, the refund, the
 * files, the crews) and the names in it (Sander, Raj, Winnipeg), as lower-case word sequences.
 */
function storyPhrases(s: ScenarioSpec): string[][] {
  const phrases: string[][] = [];
  for (const entries of Object.values(s.lexicon ?? {}))
    for (const entry of entries) {
      // "warranty desk/department" -> "warranty desk", "warranty department"; notation words only.
      if (/[[\](){}"*]|\.\.\./.test(entry)) continue;
      let options: string[][] = [[]];
      for (const word of entry.toLowerCase().split(/\s+/)) options = options.flatMap((o) => word.split("/").map((w) => [...o, w]));
      phrases.push(...options);
    }
  const text = `${s.customer.name}. ${s.customer.persona} ${s.briefing.situation} ${(s.briefing.facts ?? []).join(" ")}`;
  for (const m of text.matchAll(/(?<![.!?]\s|^)\b([A-Z][a-z]+[A-Z0-9]*[a-z0-9]*)\b/g)) phrases.push([(m[1] as string).toLowerCase()]);
  return phrases;
}

function hasPhrase(words: string[], phrase: string[]): boolean {
  for (let i = 0; i + phrase.length <= words.length; i++) if (phrase.every((w, k) => words[i + k]?.replace(/'s$/, "") === w)) return true;
  return false;
}

/** Every text the trainee can read as feedback in a scenario, turn by turn. */
function feedbackTexts(id: string): Array<{ where: string; text: string }> {
  const s = scenario(id);
  const r = rubric(s.rubric);
  const ruleIds = [
    ...r.criteria.flatMap((c) => c.rules.map((x) => x.id)),
    ...Object.values(s.signals ?? {})
      .flat()
      .map((x) => x.id),
  ];
  const out: Array<{ where: string; text: string }> = [];
  for (const turn of s.turns) {
    const coach = coachFor(r, s, turn.id);
    for (const rule of ruleIds)
      for (const kind of ["hit", "miss"] as const) {
        // Only what is written as feedback (a rule without it shows its description, which is the rubric's).
        const spec = [...r.criteria.flatMap((c) => c.rules), ...Object.values(s.signals ?? {}).flat()].find((x) => x.id === rule);
        if (spec?.feedback?.[kind] === undefined && s.feedback?.[rule]?.[kind] === undefined) continue;
        const text = coach.ruleFeedback(rule, kind);
        if (text !== undefined) out.push({ where: `${turn.id} ${rule}.${kind}`, text });
      }
    for (const flag of Object.keys(r.flags ?? {})) {
      const text = coach.flagFeedback(flag);
      if (text !== undefined) out.push({ where: `${turn.id} flag ${flag}`, text });
    }
  }
  return out;
}

describe("coaching that fits the scenario", () => {
  it("no scenario's feedback carries words of another story", () => {
    const phrases = new Map(IDS.map((id) => [id, storyPhrases(scenario(id))]));
    const ownWords = (id: string) => JSON.stringify(scenario(id)).toLowerCase();
    const borrowed: string[] = [];
    for (const id of IDS) {
      for (const { where, text } of feedbackTexts(id)) {
        const words =
          text
            .toLowerCase()
            .match(/[a-z0-9][a-z0-9'.-]*/g)
            ?.map((w) => w.replace(/[.'-]+$/, "")) ?? [];
        for (const other of IDS) {
          if (other === id) continue;
          // A phrase both stories use is not borrowed ("refund" is both the store's and the rubric's word).
          const hits = (phrases.get(other) ?? []).filter((p) => hasPhrase(words, p) && !ownWords(id).includes(p.join(" ")));
          if (hits.length > 0) borrowed.push(`${id} ${where}: "${hits.map((h) => h.join(" ")).join('", "')}" (${other}): ${text}`);
        }
      }
    }
    expect(borrowed).toEqual([]);
  });

  it("fills placeholders from the scenario, and the example from the turn's model answer", () => {
    const s = scenario("double-charge");
    const coach = coachFor(rubric(), s, "open");
    const text = coach.ruleFeedback("asks-about-them", "miss") ?? "";
    expect(text).toContain("Jess's situation");
    expect(text).not.toMatch(/\{/);
  });

  it("a scenario's own feedback replaces the rubric's for that rule", () => {
    const s: ScenarioSpec = {
      ...scenario("bike-shifter"),
      feedback: { "timed-step": { miss: "Give {customer} a time: {example|no example}" } },
    };
    expect(coachFor(rubric(), s, "open").ruleFeedback("timed-step", "miss")).toMatch(/^Give Sander a time: /);
  });

  it("an example the model answer cannot give, with no fallback, leaves with its lead-in", () => {
    const s: ScenarioSpec = { ...scenario("bike-shifter"), feedback: { gesture: { miss: 'Add a small surprise: "{example}"' } } };
    expect(coachFor(rubric(), s, "what-now").ruleFeedback("gesture", "miss")).toBe("Add a small surprise.");
  });

  it("shows titles, never rule ids, and keeps the ids for JSON", () => {
    const s = scenario("bike-shifter");
    const coach = coachFor(rubric(), s, "open");
    const score = coach.rewrite(scoreReply("I'll call the producer at 8:30 tomorrow and call you by 10.", s, "open", rubric()));
    const process = score.criteria.find((c) => c.id === "process");
    const evidence = process?.evidence.find((e) => e.rule === "call-back") as { title?: string } | undefined;
    expect(evidence?.title).toBe("A call-back with a time");
    expect(coach.title("blame")).toBe("Blame-shifting");
  });

  it("a tip only for what the reply lacks: the time was there, the ownership was not", () => {
    const s = scenario("bike-shifter");
    const coach = coachFor(rubric(), s, "open");
    const score = coach.rewrite(scoreReply("I'll call the producer at 8:30 tomorrow.", s, "open", rubric()));
    const ownership = score.criteria.find((c) => c.id === "ownership");
    expect(ownership?.level).toBe(2);
    const fired = new Set(ownership?.evidence.map((e) => e.rule));
    const next = ownership === undefined ? undefined : coach.nextStep(ownership, fired);
    expect(next?.rule).toBe("owns-the-step");
    expect(next?.feedback).not.toMatch(/time/);
  });

  it("says what the best level looks like, from the turn's model answer", () => {
    const exemplar = coachFor(rubric(), scenario("double-charge"), "open").exemplar("outcome");
    expect(exemplar?.level).toBeGreaterThanOrEqual(2);
    expect(scenario("double-charge").turns[0]?.model).toContain(exemplar?.quote ?? "∅");
  });
});
