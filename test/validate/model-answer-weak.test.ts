/** `coach validate` warns about a model answer that scores under 80 at its own turn: a warning, so --strict fails on it. */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { MODEL_ANSWER_MIN_SCORE, modelAnswerDiagnostics } from "../../src/authoring/examples.js";
import { loadTargets, resolveTargets } from "../../src/authoring/targets.js";
import { runCli } from "../helpers/cli.js";

const fixtures = fileURLToPath(new URL("../fixtures/", import.meta.url));

function weak(paths: string[]) {
  const checked = loadTargets(resolveTargets({ paths, cwd: fixtures }));
  return modelAnswerDiagnostics(checked.catalog, checked.names);
}

describe("model-answer-weak", () => {
  it("the threshold is one named constant", () => {
    expect(MODEL_ANSWER_MIN_SCORE).toBe(80);
  });

  it("points at the turn's model: field, names the score and what is missing", () => {
    expect(weak(["model-answer-weak"])).toEqual([
      {
        file: "model-answer-weak/scenario.yaml",
        line: 25,
        column: 5,
        endLine: 25,
        endColumn: 10,
        code: "model-answer-weak",
        severity: "warning",
        message: "the model answer of turn `chase` scores under 80 at its own turn (rubric `complaint-handling`)",
        hint: expect.stringMatching(
          /^it scores \d+\/100: ownership 1\/3 \(next up: [\w-]+\), empathy 0\/3 \(next up: [\w-]+\), .*trainees copy it, so reword it or change the rules that miss it$/,
        ),
      },
    ]);
  });

  it("leaves strong model answers alone", () => {
    expect(weak(["valid"])).toEqual([]);
  });

  it("holds a rubric that cannot reach 100 to the same share of what it can give", () => {
    // fx-examples has no level-3 rule: its best is 67, and the model answer earns it.
    expect(weak(["examples-failing"])).toEqual([]);
  });

  it("is a warning: validate passes, --strict fails", () => {
    const plain = runCli(["validate", "model-answer-weak"], { cwd: fixtures });
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain("model-answer-weak/scenario.yaml:25:5: warning[model-answer-weak]");
    expect(plain.stdout).toContain("  25 |     model: We will look into it.");
    const strict = runCli(["validate", "--strict", "model-answer-weak"], { cwd: fixtures });
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain("✗ 1 file checked: 0 errors, 1 warning (--strict: warnings fail)");
  });
});
