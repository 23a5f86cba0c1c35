/** Diagnostics as text: grouped by file, each with its source line and a caret, like yaml's prettifyError. */
import type { Diagnostic } from "../content/diagnostics.js";
import { visible } from "./safe-text.js";
import type { Style } from "./style.js";

function sourceLine(text: string | undefined, line: number): string | undefined {
  if (text === undefined || line < 1) return undefined;
  return text.split("\n")[line - 1]?.replace(/\r$/, "");
}

export function renderDiagnostic(d: Diagnostic, style: Style, text?: string): string {
  // Messages quote the trainer's keys and values, which may hold any character: one line each, visible.
  const where = visible(d.line > 0 ? `${d.file}:${d.line}:${d.column}` : d.file);
  const level = d.severity === "error" ? style.red("error") : style.yellow("warning");
  const lines = [`${style.bold(where)}: ${level}[${visible(d.code)}]: ${visible(d.message)}`];
  const raw = sourceLine(text, d.line);
  // Tabs stay, so the caret still lines up under a tab-indented line.
  const source = raw === undefined ? undefined : visible(raw, { tabs: true });
  if (source !== undefined && source.length <= 400) {
    const gutter = String(d.line);
    lines.push(`  ${style.dim(`${gutter} |`)} ${source}`);
    const width =
      d.endLine === d.line && d.endColumn !== undefined ? Math.max(1, Math.min(d.endColumn - d.column, source.length - d.column + 1)) : 1;
    lines.push(`  ${" ".repeat(gutter.length)} ${style.dim("|")} ${" ".repeat(Math.max(0, d.column - 1))}${style.red("^".repeat(width))}`);
  }
  if (d.hint !== undefined) lines.push(`  ${style.cyan("hint")}: ${visible(d.hint)}`);
  return lines.join("\n");
}

export function renderDiagnostics(
  diagnostics: readonly Diagnostic[],
  style: Style,
  sources: ReadonlyMap<string, string> = new Map(),
): string {
  return diagnostics.map((d) => renderDiagnostic(d, style, sources.get(d.file))).join("\n\n");
}

export function summaryLine(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.length - errors;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  return `${plural(errors, "error")}, ${plural(warnings, "warning")}`;
}
