/** `coach validate` for a person: each problem with its source line and a caret, then one summary line. */
import { omittedLine } from "../content/diagnostics.js";
import { renderDiagnostics } from "./diagnostics-text.js";
import { visible } from "./safe-text.js";
import type { Style } from "./style.js";
import { countsLine, type ValidateReport } from "./validate-report.js";

export function renderValidateText(report: ValidateReport, style: Style, sources: ReadonlyMap<string, string>): string {
  const parts: string[] = [];
  if (report.diagnostics.length > 0) parts.push(renderDiagnostics(report.diagnostics, style, sources), "");
  if (report.omitted.length > 0) parts.push(...report.omitted.map((o) => `${style.bold(visible(o.file))}: ${visible(omittedLine(o))}`), "");
  const { files, errors, warnings } = report.summary;
  const checked = `${files} file${files === 1 ? "" : "s"} checked`;
  const mark = report.ok ? style.green("✓") : style.red("✗");
  let summary = errors + warnings === 0 ? `${checked}: no problems` : `${checked}: ${countsLine(report.summary)}`;
  if (report.strict && errors === 0 && warnings > 0) summary += " (--strict: warnings fail)";
  parts.push(`${mark} ${summary}`);
  return `${parts.join("\n")}\n`;
}
