import { describe, expect, it } from "vitest";
import { MOOD_SCALE, moodName } from "../../src/engine/session.js";
import { MOOD_MAX, MOODS, moodLabel, moodMeter, moodValue } from "../../src/play/mood.js";
import { asOpeningScenario } from "../../src/play/opening.js";
import { openingLine, renderCustomerLine, renderEcho, renderMood, renderOpening, wrap } from "../../src/play/render.js";
import { makeStyle } from "../../src/report/style.js";
import { scenario } from "../helpers/content.js";

const plain = makeStyle(false);

describe("mood on screen", () => {
  it("uses the engine's scale (the copy exists only to keep the model out of start-up)", () => {
    expect(Object.fromEntries(MOODS)).toEqual(MOOD_SCALE);
    for (let mood = 0; mood <= MOOD_MAX; mood++) expect(moodLabel(mood)).toBe(moodName(mood));
    for (const [name, value] of MOODS) expect(moodValue(name)).toBe(value);
  });

  it.each([
    [0, "··········"],
    [2, "▁▁········"],
    [4, "▁▁▂▃······"],
    [7, "▁▁▂▃▄▅▅···"],
    [10, "▁▁▂▃▄▅▅▆▇█"],
  ])("mood %i fills the meter as %s", (mood, meter) => {
    expect(moodMeter(mood)).toBe(meter);
  });

  it("names the mood and which way it moved", () => {
    expect(renderMood(4, undefined, plain)).toBe("Mood: annoyed ▁▁▂▃······");
    expect(renderMood(6, 4, plain)).toBe("Mood: neutral ▁▁▂▃▄▅····  (calmer)");
    expect(renderMood(2, 4, plain)).toBe("Mood: angry ▁▁········  (angrier)");
  });
});

describe("the opening", () => {
  it("shows the briefing, the customer and the first line with the starting mood", () => {
    const text = renderOpening(scenario("bike-shifter"), plain, 88);
    expect(text).toContain("The shifter that went to the producer  ·  medium");
    expect(text).toContain("You: You work at the counter of a licensed bike shop.");
    expect(text).toContain("What you know:\n  - The producer takes no calls");
    expect(text).toContain("The customer: Sander. A keen road cyclist");
    expect(text).toContain("Mood: annoyed ▁▁▂▃······\nSander: Three and a half weeks ago");
  });

  it("reads the same opening from raw YAML data as from the checked scenario", () => {
    const checked = scenario("double-charge");
    const peeked = asOpeningScenario(JSON.parse(JSON.stringify(checked)), "double-charge");
    expect(peeked).toBeDefined();
    expect(renderOpening(peeked as NonNullable<typeof peeked>, plain, 80)).toBe(renderOpening(checked, plain, 80));
  });

  it.each([
    ["another id", { ...scenario("bike-shifter") }, "double-charge"],
    ["no turns", { ...scenario("bike-shifter"), turns: [] }, "bike-shifter"],
    ["an unknown mood", { ...scenario("bike-shifter"), customer: { name: "S", persona: "p", mood: "livid" } }, "bike-shifter"],
    ["not a mapping", ["bike-shifter"], "bike-shifter"],
  ])("gives up on %s, leaving it to the full load", (_name, data, id) => {
    expect(asOpeningScenario(data, id)).toBeUndefined();
  });

  it("shows a first turn with variants only when its first variant has no `if`; the engine picks otherwise", () => {
    const base = scenario("bike-shifter");
    const first = base.turns[0] as (typeof base.turns)[number];
    const plainFirst = { ...base, turns: [{ ...first, customer: [{ text: "Hello again." }, { if: { said: "x" }, text: "Other." }] }] };
    expect(asOpeningScenario(JSON.parse(JSON.stringify(plainFirst)), "bike-shifter")?.turns[0]?.customer).toBe("Hello again.");
    const keyed = { ...base, turns: [{ ...first, customer: [{ if: { visited: "open" }, text: "Back?" }, { text: "Hello." }] }] };
    expect(asOpeningScenario(JSON.parse(JSON.stringify(keyed)), "bike-shifter")).toBeUndefined();
  });

  it("takes the no-promise line of a first turn that depends on promises", () => {
    const spec = { ...scenario("bike-shifter") };
    spec.turns = [{ ...(spec.turns[0] as (typeof spec.turns)[number]), customer: { none: "Nothing yet?", timed: "You said {promise}." } }];
    expect(openingLine(spec)?.text).toBe("Nothing yet?");
  });
});

describe("lines and replies", () => {
  it("shows a time skip as a scene break with its narration", () => {
    const text = renderCustomerLine(
      { turn: "next-day", skip: "The next day, 12:15", narration: "The verdict came in.", text: "Any news?" },
      "Sander",
      5,
      4,
      plain,
      80,
    );
    expect(text).toBe("\n— The next day, 12:15 —\nThe verdict came in.\n\nMood: neutral ▁▁▂▃▄·····  (calmer)\nSander: Any news?\n");
  });

  it("echoes a scripted multi-line reply under the prompt", () => {
    expect(renderEcho("I'm sorry.\nI'll call at 9.", plain)).toBe("You › I'm sorry.\n      I'll call at 9.\n");
  });

  it("wraps with a hanging indent", () => {
    expect(wrap("one two three four five", 12, "  ", "> ")).toBe("> one two\n  three four\n  five");
  });
});
