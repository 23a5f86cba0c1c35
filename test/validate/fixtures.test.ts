/** One fixture per defect: each must be reported with its stable code, its position and a clear message. */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadTargets, resolveTargets } from "../../src/authoring/targets.js";
import type { Diagnostic } from "../../src/content/diagnostics.js";
import { tempDir } from "../helpers/cli.js";

const fixtures = fileURLToPath(new URL("../fixtures/", import.meta.url));

function validate(paths: string[], cwd = fixtures): Diagnostic[] {
  return loadTargets(resolveTargets({ paths, cwd })).diagnostics;
}

interface Case {
  fixture: string;
  file?: string;
  code: string;
  severity?: "error" | "warning";
  line: number;
  column: number;
  message: string;
  hint?: string | RegExp;
  /** How many diagnostics the fixture yields in all (default 1). */
  count?: number;
}

const cases: Case[] = [
  // YAML itself
  {
    fixture: "yaml-syntax",
    code: "yaml-syntax",
    line: 3,
    column: 8,
    message: "Nested mappings are not allowed in compact mappings",
    hint: /needs quotes/,
  },
  {
    fixture: "yaml-syntax-unclosed-quote",
    code: "yaml-syntax",
    line: 3,
    column: 8,
    message: 'this quote (") is never closed',
    hint: /close it with "/,
  },
  {
    fixture: "tab-indent",
    code: "yaml-syntax",
    line: 7,
    column: 1,
    message: "Tabs are not allowed as indentation",
    hint: "indent with spaces, not tabs",
  },
  {
    fixture: "yaml-unclosed-bracket",
    code: "yaml-syntax",
    line: 9,
    column: 10,
    message: "this `[` is never closed",
    hint: "close it with `]`, or write the list as lines that start with `- `",
  },
  {
    fixture: "yaml-over-indent",
    code: "yaml-syntax",
    line: 11,
    column: 4,
    message: "`persona:` is indented more than `name:` above it",
    hint: /^line it up with `name:` \(2 spaces from the left\)/,
  },
  {
    fixture: "yaml-under-indent",
    code: "yaml-syntax",
    line: 11,
    column: 2,
    message: "`persona:` is not lined up with `name:` above it",
    hint: /line it up with `name:` \(2 spaces from the left\)$/,
  },
  {
    fixture: "yaml-apostrophe",
    code: "yaml-syntax",
    line: 24,
    column: 21,
    message: "the apostrophe in `don't` ends the text in single quotes",
    hint: `use double quotes: "I don't care whose fault it is. When will it come?", or inside single quotes write an apostrophe twice: 'I don''t care whose fault it is. When will it come?'`,
  },
  { fixture: "yaml-duplicate-key", code: "yaml-duplicate-key", line: 5, column: 1, message: "Map keys must be unique" },
  { fixture: "alias-bomb", code: "yaml-alias-bomb", line: 0, column: 0, message: "the file expands aliases (*name) more than 200 times" },
  { fixture: "binary-file", file: "picture.yaml", code: "binary-file", line: 0, column: 0, message: "this is a binary file, not YAML" },
  // The schema
  { fixture: "wrong-type", code: "wrong-type", line: 3, column: 8, message: "`title` should be text, not a list" },
  { fixture: "wrong-type-number", code: "wrong-type", line: 26, column: 15, message: "`turns.1.branches` should be a list, not number 3" },
  {
    fixture: "unknown-field",
    code: "unknown-field",
    line: 9,
    column: 1,
    message: "unknown field `custmer`",
    hint: "did you mean `customer`?",
  },
  { fixture: "missing-field", code: "missing-field", line: 2, column: 1, message: "missing required field `title`" },
  { fixture: "out-of-range", code: "too-small", line: 20, column: 15, message: "`mood` is -9; it must be a whole number from -5 to 5" },
  {
    fixture: "placeholder-text",
    code: "placeholder-text",
    severity: "warning",
    line: 11,
    column: 12,
    message: "`persona` still holds the placeholder text `coach new` wrote",
  },
  {
    fixture: "invalid-value",
    code: "invalid-value",
    line: 4,
    column: 13,
    message: '`difficulty` is "hrad"; expected one of easy, medium, hard',
  },
  {
    fixture: "invalid-id",
    code: "invalid-format",
    line: 2,
    column: 5,
    message: "`id`: ids are lower-case words joined by hyphens, like `bike-shifter`",
  },
  { fixture: "unknown-kind", code: "unknown-kind", line: 1, column: 1, message: "cannot tell whether this is a scenario or a rubric" },
  // References and the turn graph
  {
    fixture: "duplicate-id",
    file: "b.yaml",
    code: "duplicate-id",
    line: 2,
    column: 5,
    message: "scenario id `fx-duplicate` is defined twice: in duplicate-id/a.yaml and in duplicate-id/b.yaml",
  },
  {
    fixture: "unknown-rubric",
    code: "unknown-rubric",
    line: 5,
    column: 9,
    message: "rubric `complaint-handing` is not defined",
    hint: "did you mean `complaint-handling`?",
  },
  {
    fixture: "unknown-turn",
    code: "unknown-turn",
    line: 21,
    column: 15,
    message: "branch goes to unknown turn `chaes`",
    hint: "turns: open, chase, or end",
    count: 2,
  },
  { fixture: "unknown-turn-example", code: "unknown-turn", line: 33, column: 11, message: "example answers unknown turn `chaes`" },
  { fixture: "duplicate-turn", code: "duplicate-turn", line: 23, column: 9, message: "turn `open` is defined twice", count: 2 },
  {
    fixture: "unreachable-turn",
    code: "unreachable-turn",
    severity: "warning",
    line: 23,
    column: 9,
    message: "turn `chase` is never reached: no branch leads to it",
  },
  {
    fixture: "dead-end",
    code: "dead-end",
    line: 15,
    column: 9,
    message: "from turn `open` the conversation can never reach the end",
    count: 2,
  },
  {
    fixture: "no-default-branch",
    code: "no-default-branch",
    severity: "warning",
    line: 19,
    column: 7,
    message: "turn `open` has no branch without `if`: when none matches, the conversation ends here",
  },
  {
    fixture: "no-fallback-ending",
    code: "no-fallback-ending",
    severity: "warning",
    line: 31,
    column: 5,
    message: "the last ending has a mood or an `if`: when it does not hold, no ending fits",
  },
  {
    fixture: "unknown-criterion-branch",
    code: "unknown-criterion",
    line: 19,
    column: 33,
    message: "unknown criterion `ownersihp` (rubric `complaint-handling`)",
    hint: "did you mean `ownership`?",
  },
  {
    fixture: "unknown-criterion-example",
    code: "unknown-criterion",
    line: 34,
    column: 23,
    message: "unknown criterion `proces` (rubric `complaint-handling`)",
    hint: "did you mean `process`?",
  },
  { fixture: "unknown-flag", code: "unknown-flag", severity: "warning", line: 19, column: 21, message: "unknown flag `blaem`" },
  // Conditions on what was said, story state, line variants, feedback
  {
    fixture: "unknown-said",
    code: "unknown-rule",
    line: 26,
    column: 46,
    message: "unknown rule or flag `plan-bee`",
    hint: "did you mean `plan-b`?",
  },
  {
    fixture: "unknown-thing",
    code: "unknown-thing",
    line: 28,
    column: 24,
    message: "unknown thing `replacment`",
    hint: "did you mean `replacement`?",
  },
  {
    fixture: "unknown-field-condition",
    code: "unknown-field",
    line: 19,
    column: 22,
    message: "unknown field `delivred` in `turns.0.branches.0.if.not`",
    hint: "did you mean `delivered`?",
  },
  {
    fixture: "placeholder-without-promise",
    code: "placeholder-without-promise",
    severity: "warning",
    line: 25,
    column: 15,
    message:
      "this line says {promise} or {due}, but its `if` does not ask for a promise: with none made, the customer would say the braces",
  },
  {
    fixture: "unknown-placeholder",
    code: "unknown-placeholder",
    severity: "warning",
    line: 16,
    column: 11,
    message: "unknown placeholder `{custmer}` in feedback",
    hint: "did you mean `customer`?",
  },
  {
    fixture: "example-expects-nothing",
    code: "example-expects-nothing",
    severity: "warning",
    line: 33,
    column: 5,
    message: "this example expects nothing, so it can never fail",
  },
  // Rubrics
  {
    fixture: "weights-sum",
    code: "weights-sum",
    severity: "warning",
    line: 9,
    column: 3,
    message: "criterion weights add up to 90, not 100",
  },
  {
    fixture: "empty-feedback",
    code: "empty-feedback",
    severity: "warning",
    line: 24,
    column: 13,
    message: "rule `timed-step` has no feedback for the trainee",
  },
  {
    fixture: "rule-no-effect",
    code: "rule-no-effect",
    severity: "warning",
    line: 18,
    column: 13,
    message: "rule `vague-step` has no effect: give it `gives`, `caps` or `flag`",
  },
  {
    fixture: "never-matches",
    code: "never-matches",
    severity: "warning",
    line: 19,
    column: 15,
    message: "rule `vague-step` caps at 3, the highest level: it can never change a level",
  },
  {
    fixture: "duplicate-rule",
    code: "duplicate-rule",
    line: 24,
    column: 13,
    message: "rule `vague-step` is defined twice (also in `process`)",
  },
  { fixture: "duplicate-criterion", code: "duplicate-criterion", line: 29, column: 9, message: "criterion `process` is defined twice" },
  {
    fixture: "unknown-rule",
    code: "unknown-rule",
    line: 26,
    column: 20,
    message: "rule `timed-step` requires unknown rule `vauge-step`",
    hint: "did you mean `vague-step`?",
  },
  {
    fixture: "undefined-flag",
    code: "undefined-flag",
    severity: "warning",
    line: 20,
    column: 15,
    message: "flag `vague` has no entry under `flags:`",
  },
  {
    fixture: "examples-missing",
    code: "examples-missing",
    severity: "warning",
    line: 9,
    column: 9,
    message: "criterion `process` has no example reply at a low level (0-1)",
  },
  // The rule notation
  {
    fixture: "unknown-lexicon",
    code: "unknown-lexicon",
    line: 26,
    column: 36,
    message: "unknown lexicon entry {tiem}",
    hint: "known entries: {number}, {time}",
  },
  { fixture: "unknown-lexicon-signal", code: "unknown-lexicon", line: 18, column: 32, message: "unknown lexicon entry {parcle}" },
  {
    fixture: "unknown-lexicon-typo",
    code: "unknown-lexicon",
    line: 26,
    column: 36,
    message: "unknown lexicon entry {tme}",
    hint: "did you mean `{time}`?",
  },
  {
    fixture: "pattern-list-item",
    code: "pattern-syntax",
    line: 22,
    column: 29,
    message: "`(` is never closed",
    hint: "close it with `)`",
  },
  {
    fixture: "slash-phrase",
    code: "slash-phrase",
    severity: "warning",
    line: 20,
    column: 21,
    message: "`call/check/chase up` reads as call or check or chase, then `up`: a space ends a / list",
    hint: "if `chase up` is one alternative, bracket them: [call / check / chase up]; if `up` goes with each, say so: [call / check / chase] up",
  },
  {
    fixture: "slash-phrase-optional",
    code: "slash-phrase",
    severity: "warning",
    line: 20,
    column: 27,
    message: "`them/the depot` reads as them or the, then `depot`: a space ends a / list",
    hint: "if `the depot` is one alternative, bracket them: [them / the depot]; if `depot` goes with each, say so: [them / the] depot",
  },
  {
    fixture: "lexicon-cycle",
    code: "lexicon-cycle",
    line: 6,
    column: 7,
    message: "lexicon entry {time} refers to itself: {time} -> {moment} -> {time}",
    count: 2,
  },
  {
    fixture: "lexicon-cycle-scenario",
    code: "lexicon-cycle",
    line: 17,
    column: 8,
    message: "lexicon entry {want} refers to itself: {want} -> {want}",
  },
  { fixture: "pattern-syntax", code: "pattern-syntax", line: 20, column: 22, message: "`[` is never closed", hint: "close it with `]`" },
  { fixture: "pattern-stray-brace", code: "pattern-syntax", line: 26, column: 42, message: "`}` closes nothing" },
  { fixture: "pattern-empty", code: "pattern-empty", line: 20, column: 22, message: "an empty alternative inside `[`" },
  {
    fixture: "pattern-always-matches",
    code: "pattern-always-matches",
    line: 20,
    column: 16,
    message: "rule `vague-step` matches every reply: its pattern can match no words at all",
  },
  {
    fixture: "pattern-too-complex",
    code: "pattern-too-complex",
    line: 20,
    column: 34,
    message: "pattern is nested more than 16 deep or longer than 2000 parts",
  },
  {
    fixture: "pattern-too-costly",
    code: "pattern-too-complex",
    line: 20,
    column: 17,
    message: "this pattern could take 96 billion steps to match a long reply (a sentence of 10,000 words); the limit is 0.8 billion",
    hint: /use fewer in one pattern, or split it into a list of shorter ones/,
  },
  {
    fixture: "pattern-syntax-turn-signal",
    code: "pattern-syntax",
    line: 30,
    column: 19,
    message: "`[` is never closed",
    hint: "close it with `]`",
  },
];

describe("coach validate: one fixture per defect", () => {
  it("the file every fixture starts from is clean, warnings included", () => {
    expect(validate(["valid"])).toEqual([]);
  });

  it("every fixture folder has a test: its case here, or a test of its own that names it", () => {
    const tests = readdirSync(join(fixtures, ".."), { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".test.ts") && !f.endsWith("fixtures.test.ts"))
      .map((f) => readFileSync(join(fixtures, "..", f), "utf8"))
      .join("\n");
    const folders = readdirSync(fixtures, { withFileTypes: true })
      .filter((e) => e.isDirectory() && e.name !== "valid")
      .map((e) => e.name);
    const covered = new Set(cases.map((c) => c.fixture));
    expect(folders.filter((f) => !covered.has(f) && !tests.includes(f))).toEqual([]);
  });

  it.each(cases)("$fixture: $code at $line:$column", (c) => {
    const diagnostics = validate([c.fixture]);
    expect(diagnostics).toHaveLength(c.count ?? 1);
    const found = diagnostics.find((d) => d.code === c.code);
    expect(found, `no ${c.code} in ${JSON.stringify(diagnostics, null, 2)}`).toBeDefined();
    const d = found as Diagnostic;
    expect(d.file).toBe(join(c.fixture, c.file ?? (readdirSync(join(fixtures, c.fixture))[0] as string)));
    expect(d.severity).toBe(c.severity ?? "error");
    expect([d.line, d.column]).toEqual([c.line, c.column]);
    if (c.line === 0) expect(d.message.startsWith(c.message)).toBe(true);
    else expect(d.message).toBe(c.message);
    if (typeof c.hint === "string") expect(d.hint).toBe(c.hint);
    else if (c.hint !== undefined) expect(d.hint).toMatch(c.hint);
  });
});

describe("coach validate: files that must not hang or crash", () => {
  it("a 50 MB file is refused before parsing", () => {
    const dir = tempDir();
    const big = join(dir, "huge.yaml");
    writeFileSync(big, `id: huge\nnotes: "${"x".repeat(50 * 1024 * 1024)}"\n`);
    const diagnostics = validate([big], dir);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ file: "huge.yaml", code: "file-too-large", line: 0, column: 0 });
    expect(diagnostics[0]?.message).toMatch(/^file is 50\.0 MB; content files may be at most 2 MB/);
  });

  it("brackets nested thousands deep are a YAML error, not a stack overflow", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "deep.yaml"), `a: ${"[".repeat(5000)}${"]".repeat(5000)}\n`);
    const diagnostics = validate(["deep.yaml"], dir);
    expect(diagnostics[0]).toMatchObject({ code: "yaml-syntax", line: 1 });
    expect(diagnostics[0]?.hint).toMatch(/nests/);
  });

  it("a pattern of 5,000 alternatives is too complex, and says so", () => {
    const dir = tempDir();
    const words = Array.from({ length: 5000 }, (_, i) => `w${i}`).join("/");
    const rubric = readFixture("valid/rubric.yaml").replace("match: will call/check\n", `match: "${words}"\n`);
    writeFileSync(join(dir, "rubric.yaml"), rubric);
    const diagnostics = validate(["rubric.yaml"], dir);
    expect(diagnostics.map((d) => d.code)).toEqual(["pattern-too-complex"]);
  });
});

describe("copies of a scenario", () => {
  it("each copy's pattern problems are its own, though copies that differ only in their id compile once", () => {
    const dir = tempDir();
    mkdirSync(join(dir, "scenarios"));
    const source = readFixture("unknown-lexicon-signal/scenario.yaml");
    writeFileSync(join(dir, "scenarios", "a.yaml"), source.replace("id: fx-unknown-lexicon-signal", "id: copy-a"));
    writeFileSync(join(dir, "scenarios", "b.yaml"), source.replace("id: fx-unknown-lexicon-signal", "id: copy-b"));
    // The same content one line lower: positions are found in each file.
    writeFileSync(join(dir, "scenarios", "c.yaml"), source.replace("id: fx-unknown-lexicon-signal", "# moved\nid: copy-c"));
    const found = validate(["scenarios"], dir)
      .filter((d) => d.code === "unknown-lexicon")
      .map((d) => `${d.file}:${d.line}:${d.column}`);
    expect(found).toEqual([join("scenarios", "a.yaml:18:32"), join("scenarios", "b.yaml:18:32"), join("scenarios", "c.yaml:19:32")]);
  });
});

function readFixture(path: string): string {
  return readFileSync(join(fixtures, path), "utf8");
}
