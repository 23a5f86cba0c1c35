/** `coach validate` for a person: each problem with its source line and a caret, then one summary line. */
import { renderDiagnostics, summaryLine } from "./diagnostics-text.js";
import type { Style } from "./style.js";
import type { ValidateReport } from "./validate-report.js";

export function renderValidateText(report: ValidateReport, style: Style, sources: ReadonlyMap<string, string>): string {
  const parts: string[] = [];
  if (report.diagnostics.length > 0) parts.push(renderDiagnostics(report.diagnostics, style, sources), "");
  const { files, errors, warnings } = report.summary;
  const checked = `${files} file${files === 1 ? "" : "s"} checked`;
  const mark = report.ok ? style.green("✓") : style.red("✗");
  let summary = errors + warnings === 0 ? `${checked}: no problems` : `${checked}: ${summaryLine(report.diagnostics)}`;
  if (report.strict && errors === 0 && warnings > 0) summary += " (--strict: warnings fail)";
  parts.push(`${mark} ${summary}`);
  return `${parts.join("\n")}\n`;
}
