/** `coach test` for CI: GitHub annotations, JUnit XML (a suite per file, a case per example), TAP. */
import { annotation } from "./github.js";
import { type JunitCase, renderJunit } from "./junit.js";
import { visible } from "./safe-text.js";
import { renderTap } from "./tap.js";
import { excerpt, explainFailure, failureSummary, type TestReport } from "./test-report.js";

export function renderTestGithub(report: TestReport): string {
  const lines: string[] = [];
  for (const result of report.examples) {
    if (result.passed) continue;
    const first = result.checks.find((c) => !c.passed);
    lines.push(
      annotation({
        level: "error",
        file: result.file,
        line: first?.position.line ?? result.line,
        column: first?.position.column ?? result.column,
        title: `coach test: ${result.name}`,
        message: explainFailure(result)
          .map((line) => visible(line))
          .join("\n"),
      }),
    );
  }
  for (const n of report.notUpdated)
    lines.push(annotation({ level: "error", file: n.file, title: "coach test --update", message: n.message }));
  const { total, passed, failed } = report.summary;
  lines.push(`${report.ok ? "✓" : "✗"} ${total} examples: ${passed} passed, ${failed} failed`);
  return `${lines.join("\n")}\n`;
}

export function renderTestJunit(report: TestReport): string {
  const files = [...new Set(report.examples.map((e) => e.file))];
  const suites = files.map((file) => ({
    name: file,
    cases: report.examples
      .filter((e) => e.file === file)
      .map((e): JunitCase => {
        const c: JunitCase = { name: `${e.name}: ${excerpt(e.reply, 60)}`, classname: `coach.test.${e.owner}`, file: e.file };
        if (!e.passed)
          c.failure = {
            message: failureSummary(e),
            type: "expectation",
            body: [`${e.file}:${e.line}:${e.column}`, ...explainFailure(e)].map((line) => visible(line)).join("\n"),
          };
        return c;
      }),
  }));
  return renderJunit("coach test", suites);
}

export function renderTestTap(report: TestReport): string {
  const tests = report.examples.map((e) => {
    const test: { name: string; ok: boolean; details?: Record<string, unknown> } = {
      name: `${e.name}: ${excerpt(e.reply, 60)}`,
      ok: e.passed,
    };
    if (!e.passed)
      test.details = {
        message: failureSummary(e),
        at: `${e.file}:${e.line}:${e.column}`,
        reply: e.reply,
        explanation: explainFailure(e).slice(1),
      };
    return test;
  });
  const { total, passed, failed } = report.summary;
  const comments = [
    `${total} examples: ${passed} passed, ${failed} failed`,
    ...report.notUpdated.map((n) => visible(`not updated: ${n.file}: ${n.message}`)),
  ];
  return renderTap(tests, comments);
}
