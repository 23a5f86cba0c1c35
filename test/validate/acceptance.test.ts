/**
 * The "done when": a trainer writes a scenario with `coach new`, breaks it in five different
 * ways, and gets five precise errors, each failing CI (`--format github`, exit 1) at the right line.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PLACEHOLDERS } from "../../src/authoring/templates.js";
import { runCli, tempDir } from "../helpers/cli.js";

interface Breakage {
  name: string;
  from: string;
  to: string;
  code: string;
  column: number;
  message: string;
}

const breakages: Breakage[] = [
  {
    name: "a misspelt field",
    from: "customer:\n  name:",
    to: "custmer:\n  name:",
    code: "unknown-field",
    column: 1,
    message: "unknown field `custmer`%0Ahint: did you mean `customer`?",
  },
  {
    name: "a value outside the allowed set",
    from: "difficulty: medium",
    to: "difficulty: medum",
    code: "invalid-value",
    column: 13,
    message: '`difficulty` is "medum"; expected one of easy, medium, hard%0Ahint: did you mean `medium`?',
  },
  {
    name: "a branch to a turn that does not exist",
    from: "        next: follow-up\n        note: A promise",
    to: "        next: folow-up\n        note: A promise",
    code: "unknown-turn",
    column: 15,
    message: "branch goes to unknown turn `folow-up`%0Ahint: did you mean `follow-up`?",
  },
  {
    name: "text where a number belongs",
    from: "      - mood: -1\n        next: follow-up",
    to: "      - mood: a lot\n        next: follow-up",
    code: "wrong-type",
    column: 15,
    message: '`turns.0.branches.2.mood` should be a number, not text ("a lot")',
  },
  {
    name: "a colon in an unquoted value",
    from: "title: A late parcel",
    to: "title: Late parcel: where is it?",
    code: "yaml-syntax",
    column: 8,
    message: "Nested mappings are not allowed in compact mappings%0Ahint: a value with a colon in it needs quotes",
  },
];

describe("a new scenario, broken five ways", () => {
  const dir = tempDir();
  const file = join(dir, "scenarios", "late-parcel.yaml");

  it("starts valid, once the template's placeholder text is replaced", () => {
    expect(runCli(["new", "scenario", "--yes", "--id", "late-parcel", "--title", "A late parcel"], { cwd: dir }).code).toBe(0);
    expect(runCli(["validate", "--strict", "--format", "github"], { cwd: dir }).code).toBe(1);
    let text = readFileSync(file, "utf8");
    for (const placeholder of PLACEHOLDERS) {
      // The folded block that holds the situation wraps it over two lines.
      const written = new RegExp(placeholder.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/ /g, "\\s+"));
      text = text.replace(written, "The parcel was due on Monday and the courier's site shows nothing.");
    }
    writeFileSync(file, text);
    expect(runCli(["validate", "--strict", "--format", "github"], { cwd: dir }).code).toBe(0);
  });

  it.each(breakages)("$name: $code, at the changed line, and CI fails", (b) => {
    const original = readFileSync(file, "utf8");
    expect(original).toContain(b.from);
    const broken = original.replace(b.from, b.to);
    const line = broken.slice(0, broken.indexOf(b.to)).split("\n").length;
    writeFileSync(file, broken);
    try {
      const result = runCli(["validate", "--strict", "--format", "github"], { cwd: dir });
      expect(result.code).toBe(1);
      const annotation = result.stdout.split("\n")[0] as string;
      expect(annotation).toMatch(new RegExp(`^::error file=scenarios/late-parcel\\.yaml,line=${line},(endLine=\\d+,)?col=${b.column}[,:]`));
      expect(annotation).toContain(`title=coach validate%3A ${b.code}::`);
      expect(annotation).toContain(b.message);
      expect(result.stdout.split("\n").filter((l) => l.startsWith("::"))).toHaveLength(1);
    } finally {
      writeFileSync(file, original);
    }
  });
});
