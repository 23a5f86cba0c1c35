/** `coach validate` for CI: GitHub annotations on the diff, or JUnit XML with one test case per file. */
import { omittedLine } from "../content/diagnostics.js";
import { annotation } from "./github.js";
import { renderJunit } from "./junit.js";
import { visible } from "./safe-text.js";
import { countsLine, type ValidateReport } from "./validate-report.js";

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
  for (const o of report.omitted)
    lines.push(annotation({ level: o.severity, file: o.file, title: `coach validate: ${o.code}`, message: visible(omittedLine(o)) }));
  const { files } = report.summary;
  lines.push(`${report.ok ? "✓" : "✗"} ${files} file${files === 1 ? "" : "s"} checked: ${countsLine(report.summary)}`);
  return `${lines.join("\n")}\n`;
}

export function renderValidateJunit(report: ValidateReport): string {
  // Grouped once by file: filtering the whole list for each file was files x problems.
  const byFile = new Map<string, ValidateReport["diagnostics"]>();
  for (const d of report.diagnostics) {
    const list = byFile.get(d.file);
    if (list === undefined) byFile.set(d.file, [d]);
    else list.push(d);
  }
  const cases = report.files.map((f) => {
    const own = byFile.get(f.file) ?? [];
    const failing = own.filter((d) => d.severity === "error" || report.strict);
    const lines = own.map((d) => {
      const where = d.line > 0 ? `${d.file}:${d.line}:${d.column}` : d.file;
      return visible(`${where}: ${d.severity}[${d.code}]: ${d.message}${d.hint === undefined ? "" : ` (hint: ${d.hint})`}`);
    });
    for (const o of report.omitted) if (o.file === f.file) lines.push(`${visible(o.file)}: ${visible(omittedLine(o))}`);
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
