/**
 * The result of `coach test` as one object, and the plain-text explanation of a failed example
 * that every format shares: expected against got, the rules that fired with the words they
 * quoted, and the rules that would have raised or capped the level.
 */

import { type Check, describeCheck, type ExampleResult, type ExampleSummary, summarise } from "../authoring/examples.js";
import type { ExpectationChange } from "../authoring/expectation-edits.js";
import { parseLevelRange } from "../content/expectations.js";

export interface TestReport {
  ok: boolean;
  summary: ExampleSummary & { files: number };
  examples: ExampleResult[];
  /** Expectations rewritten by --update. */
  updated: ExpectationChange[];
  /** What --update could not do, said out loud. */
  notUpdated: Array<{ file: string; message: string }>;
}

export function buildTestReport(
  files: readonly string[],
  examples: ExampleResult[],
  updated: ExpectationChange[] = [],
  notUpdated: Array<{ file: string; message: string }> = [],
): TestReport {
  const summary = summarise(examples);
  return {
    ok: summary.failed === 0 && notUpdated.length === 0,
    summary: { ...summary, files: files.length },
    examples,
    updated,
    notUpdated,
  };
}

export function renderTestJson(report: TestReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** The reply on one line, shortened for a list. */
export function excerpt(reply: string, width = 70): string {
  const flat = reply.replace(/\s+/g, " ").trim();
  return flat.length <= width ? flat : `${flat.slice(0, width - 1)}…`;
}

/** Why a check failed, in lines under its headline. */
export function explainCheck(check: Check): string[] {
  if (check.passed) return [];
  if (check.kind === "flag") {
    return check.evidence === undefined ? [] : [`raised ${check.evidence.id} by ${check.evidence.rule}: "${check.evidence.quote}"`];
  }
  if (check.kind === "score") return [];
  const lines: string[] = [];
  for (const e of check.evidence) {
    const verb = e.effect === "earned" ? `gives ${e.level}` : `caps at ${e.level}`;
    lines.push(`fired: ${e.rule} (${verb}): "${e.quote}"`);
  }
  if (check.evidence.length === 0) lines.push("fired: no rule of this criterion");
  const range = parseLevelRange(check.expected);
  const got = check.got ?? 0;
  if (range !== undefined && got < range.min) {
    for (const m of check.missing) lines.push(`would raise it: ${m.rule} (gives ${m.gives}): ${m.feedback}`);
    if (check.missing.length === 0) lines.push("would raise it: no rule with feedback.miss gives a higher level");
  }
  if (range !== undefined && got > range.max) {
    for (const c of check.caps.filter((c) => c.caps <= range.max))
      lines.push(`would cap it: ${c.rule} (${c.flag === undefined ? `caps at ${c.caps}` : `raises ${c.flag}, which caps at ${c.caps}`})`);
  }
  return lines;
}

/** A failed example as plain lines: where, the reply, each failed check with its explanation. */
export function explainFailure(result: ExampleResult): string[] {
  const lines = [`reply: "${excerpt(result.reply, 200)}"`];
  if (result.note !== undefined) lines.push(`note: ${result.note}`);
  for (const check of result.checks.filter((c) => !c.passed)) {
    lines.push(`${describeCheck(check)} (line ${check.position.line})`);
    for (const line of explainCheck(check)) lines.push(`  ${line}`);
  }
  return lines;
}

/** The headline of a failure: its failed checks, joined. */
export function failureSummary(result: ExampleResult): string {
  return result.checks
    .filter((c) => !c.passed)
    .map(describeCheck)
    .join("; ");
}
