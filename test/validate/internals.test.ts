/** The pieces behind `coach validate` that are easy to get subtly wrong: the rubric outline, the brace guard, escaping. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { outlinePattern, rubricOutline, scenarioOutline } from "../../src/authoring/lexicon-outline.js";
import type { RubricSpec, ScenarioSpec } from "../../src/content/schema.js";
import { compileModel } from "../../src/engine/model.js";
import { parsePattern } from "../../src/engine/pattern.js";
import { annotation, escapeData, escapeProperty } from "../../src/report/github.js";
import { escapeXml } from "../../src/report/junit.js";
import { renderTap } from "../../src/report/tap.js";
import { repoRoot } from "../helpers/cli.js";

const read = <T>(path: string): T => parse(readFileSync(join(repoRoot, path), "utf8")) as T;

describe("outlinePattern keeps the shape and replaces every word by *", () => {
  it.each([
    ["call/ring/phone", "*/*/*"],
    ["promise (you) (to/that)", "* (*) (*/*)"],
    ["[speak to / talk to] (your) manager", "[* * / * *] (*) *"],
    ['"let\'s"', "*"],
    ["{commit} ... {deliver} ... [{want} / it]", "{commit} ... {deliver} ... [{want} / *]"],
    ["by {number} (am/pm)", "* {number} (*/*)"],
    ["will call ... {time}}", "* * ... {time}"],
    ["(will) (call)", "(*) (*)"],
  ])("%s -> %s", (pattern, outline) => {
    expect(outlinePattern(pattern)).toBe(outline);
  });

  it("an outline parses without errors whenever the pattern does", () => {
    const rubric = read<RubricSpec>("rubrics/complaint-handling.yaml");
    for (const phrases of Object.values(rubric.lexicon ?? {}))
      for (const phrase of phrases) expect(parsePattern(outlinePattern(phrase)).errors, phrase).toEqual([]);
  });

  it.each(["bike-shifter", "double-charge", "failed-download", "missed-bin", "out-of-town-repair"])(
    "%s: compiling against the outline finds exactly the scenario problems the full compile finds",
    (id) => {
      const rubric = read<RubricSpec>("rubrics/complaint-handling.yaml");
      const scenario = read<ScenarioSpec>(`scenarios/${id}.yaml`);
      // Break the scenario's patterns in every way the checks know, so there is something to find.
      const broken: ScenarioSpec = {
        ...scenario,
        lexicon: { ...scenario.lexicon, want: [...(scenario.lexicon?.want ?? []), "{wnat}"], extra: ["[open", "{extra} loop"] },
        signals: {
          ...scenario.signals,
          outcome: [
            ...(scenario.signals?.outcome ?? []),
            { id: "x-empty", gives: 2, match: "(maybe) ...", feedback: { hit: "x" } },
            { id: "x-unknown", gives: 2, match: "{commit} ... {nothing-here}", feedback: { hit: "x" } },
            { id: "x-empty-via-lexicon", gives: 1, match: "({want})", feedback: { hit: "x" } },
          ],
        },
      };
      const own = (problems: ReturnType<typeof compileModel>["problems"]) =>
        problems.filter((p) => p.document === "scenario").map(({ code, path, offset, message }) => ({ code, path, offset, message }));
      const full = own(compileModel(rubric, broken).problems);
      expect(full.map((p) => p.code).sort()).toEqual(
        [
          "lexicon-cycle",
          "pattern-always-matches",
          "pattern-always-matches",
          "pattern-syntax",
          "unknown-lexicon",
          "unknown-lexicon",
        ].sort(),
      );
      expect(own(compileModel(rubricOutline(rubric), broken).problems)).toEqual(full);
      expect(own(compileModel(scenarioOutline(rubric, broken), broken).problems)).toEqual(full);
    },
  );
});

describe("scenarioOutline keeps only the entries a scenario's patterns reach", () => {
  const rubric: RubricSpec = {
    ...read<RubricSpec>("rubrics/complaint-handling.yaml"),
    lexicon: { a: ["x {b}"], b: ["y"], c: ["z {a}"], d: ["w"], e: ["{d} v"] },
  };
  const scenario = (extra: Partial<ScenarioSpec>): ScenarioSpec => ({ ...read<ScenarioSpec>("scenarios/bike-shifter.yaml"), ...extra });
  const kept = (outline: RubricSpec) => Object.entries(outline.lexicon ?? {}).map(([name, phrases]) => `${name}:${phrases.length}`);

  it("through other entries, from signals and from its own lexicon; every name stays, in order", () => {
    const s = scenario({
      lexicon: { e: ["u"] },
      signals: { outcome: [{ id: "x", gives: 2, match: "{c} now", feedback: { hit: "x" } }] },
      turns: read<ScenarioSpec>("scenarios/bike-shifter.yaml").turns.map((t) => ({ ...t, signals: undefined })),
      "ruled-out": [],
    });
    expect(kept(scenarioOutline({ ...rubric, "ruled-out": [] }, s))).toEqual(["a:1", "b:1", "c:1", "d:1", "e:1"]);
    expect(kept(scenarioOutline({ ...rubric, "ruled-out": [] }, { ...s, lexicon: {} }))).toEqual(["a:1", "b:1", "c:1", "d:0", "e:0"]);
  });

  it("a rubric whose entries loop keeps its whole outline: the loop turns off the cost checks", () => {
    const looped = { ...rubric, lexicon: { ...rubric.lexicon, d: ["{e}"] } };
    expect(scenarioOutline(looped, scenario({ lexicon: {}, signals: {} }))).toBe(rubricOutline(looped));
  });

  it.each([
    ["an unknown entry (the hint names every entry)", "{zz} call", "unknown-lexicon"],
    ["a loop the scenario closes through the rubric's entries", "{c}", "lexicon-cycle"],
    ["a pattern too costly through the entries", "{c} ... {c} ... {c} ... {c} ... {c}", "pattern-too-complex"],
  ])("finds what the whole outline finds: %s", (_name, pattern, code) => {
    const s = scenario({
      lexicon: { b: [code === "lexicon-cycle" ? pattern : "q"] },
      signals: { outcome: [{ id: "x", gives: 2, match: pattern, feedback: { hit: "x" } }] },
    });
    const whole = compileModel(rubricOutline(rubric), s).problems;
    expect(whole.map((p) => p.code)).toContain(code);
    expect(compileModel(scenarioOutline(rubric, s), s).problems).toEqual(whole);
  });
});

describe("a stray } in a pattern", () => {
  it.each([
    ["{time}}", [6]],
    ["} call", [0]],
  ])("%s: a pattern-syntax error at %j, and parsing finishes", (pattern, offsets) => {
    const { errors } = parsePattern(pattern);
    expect(errors.filter((e) => e.code === "pattern-syntax").map((e) => e.offset)).toEqual(offsets);
  });

  it.each(["{time}", '"a}b"', "{a} {b}"])("%s has none", (pattern) => {
    expect(parsePattern(pattern).errors).toEqual([]);
  });
});

describe("escaping for CI formats", () => {
  it("GitHub workflow commands: data and properties", () => {
    expect(escapeData("50% off\r\nnext")).toBe("50%25 off%0D%0Anext");
    expect(escapeProperty("a:b,c")).toBe("a%3Ab%2Cc");
    expect(annotation({ level: "warning", file: "x, y.yaml", line: 0, message: "m" })).toBe("::warning file=x%2C y.yaml::m");
  });

  it("JUnit XML: markup escaped, control characters dropped", () => {
    expect(escapeXml(`<a href="x">'&'</a>\u0000\u001b`)).toBe("&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;");
  });

  it("TAP: one line per test, # escaped, details as YAML", () => {
    expect(renderTap([{ name: "a # b\nc", ok: false, details: { message: "x: y" } }], ["done"])).toBe(
      'TAP version 14\n1..1\nnot ok 1 - a \\# b c\n  ---\n  message: "x: y"\n  ...\n# done\n',
    );
  });
});
