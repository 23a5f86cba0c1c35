/** `coach test` for a person: a line per file, each failure explained, what --update changed, a summary. */

import { describeCheck } from "../authoring/examples.js";
import { visible } from "./safe-text.js";
import type { Style } from "./style.js";
import { excerpt, explainCheck, type TestReport } from "./test-report.js";

export function renderTestText(report: TestReport, style: Style): string {
  const out: string[] = [];
  const files = [...new Set(report.examples.map((e) => e.file))];
  for (const raw of files) {
    const file = visible(raw);
    const examples = report.examples.filter((e) => e.file === raw);
    const failed = examples.filter((e) => !e.passed);
    const count = `${examples.length} example${examples.length === 1 ? "" : "s"}`;
    out.push(
      failed.length === 0
        ? `${style.green("✓")} ${file}: ${count} passed`
        : `${style.red("✗")} ${file}: ${count}, ${style.red(`${failed.length} failed`)}`,
    );
    for (const result of failed) {
      out.push(
        `  ${style.red("✗")} ${style.bold(visible(result.name))} ${style.dim(visible(`${result.file}:${result.line}:${result.column}`))}`,
      );
      out.push(`      reply: "${visible(excerpt(result.reply, 100))}"`);
      if (result.note !== undefined) out.push(`      note: ${visible(result.note)}`);
      for (const check of result.checks) {
        if (check.passed) continue;
        out.push(`      ${style.red(visible(describeCheck(check)))} ${style.dim(`line ${check.position.line}`)}`);
        for (const line of explainCheck(check)) out.push(`        ${visible(line)}`);
      }
    }
  }
  if (report.updated.length > 0) {
    out.push("", "Updated expectations:");
    for (const c of report.updated)
      out.push(`  ${visible(`${c.file}:${c.line}:${c.column} ${c.example}: ${c.what} ${c.from} -> ${c.to}`)}`);
  }
  if (report.notUpdated.length > 0) {
    out.push("", style.red("Not updated:"));
    for (const n of report.notUpdated) out.push(`  ${visible(`${n.file}: ${n.message}`)}`);
  }
  const { total, passed, failed } = report.summary;
  if (out.length > 0) out.push("");
  if (total === 0) out.push(`${style.yellow("!")} no examples in ${report.summary.files} file${report.summary.files === 1 ? "" : "s"}`);
  else
    out.push(
      `${report.ok ? style.green("✓") : style.red("✗")} ${total} example${total === 1 ? "" : "s"}: ${passed} passed, ${failed} failed`,
    );
  return `${out.join("\n")}\n`;
}
