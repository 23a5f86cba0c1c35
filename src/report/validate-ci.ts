/** `coach validate` for CI: GitHub annotations on the diff, or JUnit XML with one test case per file. */
import { summaryLine } from "./diagnostics-text.js";
import { annotation } from "./github.js";
import { renderJunit } from "./junit.js";
import { visible } from "./safe-text.js";
import type { ValidateReport } from "./validate-report.js";

export function renderValidateGithub(report: ValidateReport): string {
  const lines = report.diagnostics.map((d) =>
    annotation({
      level: d.severity,
      file: d.file,
      line: d.line,
      column: d.column,
      ...(d.endLine === undefined ? {} : { endLine: d.endLine }),
      ...(d.endColumn === undefined ? {} : { endColumn: d.endColumn }),
      title: `coach validate: ${d.code}`,
      // One line each for the message and the hint: a newline in a YAML key cannot start a line of its own.
      message: d.hint === undefined ? visible(d.message) : `${visible(d.message)}\nhint: ${visible(d.hint)}`,
    }),
  );
  const { files } = report.summary;
  lines.push(`${report.ok ? "✓" : "✗"} ${files} file${files === 1 ? "" : "s"} checked: ${summaryLine(report.diagnostics)}`);
  return `${lines.join("\n")}\n`;
}

export function renderValidateJunit(report: ValidateReport): string {
  const cases = report.files.map((f) => {
    const own = report.diagnostics.filter((d) => d.file === f.file);
    const failing = own.filter((d) => d.severity === "error" || report.strict);
    const lines = own.map((d) => {
      const where = d.line > 0 ? `${d.file}:${d.line}:${d.column}` : d.file;
      return visible(`${where}: ${d.severity}[${d.code}]: ${d.message}${d.hint === undefined ? "" : ` (hint: ${d.hint})`}`);
    });
    const counts = [
      f.errors > 0 ? `${f.errors} error${f.errors === 1 ? "" : "s"}` : "",
      f.warnings > 0 ? `${f.warnings} warning${f.warnings === 1 ? "" : "s"}` : "",
    ]
      .filter(Boolean)
      .join(", ");
    return {
      name: f.file,
      classname: `coach.validate.${f.kind ?? "file"}`,
      file: f.file,
      ...(failing.length > 0 ? { failure: { message: counts, type: failing[0]?.code ?? "error", body: lines.join("\n") } } : {}),
      ...(failing.length === 0 && lines.length > 0 ? { systemOut: lines.join("\n") } : {}),
    };
  });
  return renderJunit("coach validate", [{ name: "coach validate", cases }]);
}
