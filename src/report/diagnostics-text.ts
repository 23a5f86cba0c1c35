/** Diagnostics as text: grouped by file, each with its source line and a caret, like yaml's prettifyError. */
import { capRepeats, type Diagnostic, omittedLine } from "../content/diagnostics.js";
import { visible } from "./safe-text.js";
import type { Style } from "./style.js";

/** A file's lines, split once per file: splitting it again for each of thousands of problems was quadratic. */
function linesOf(text: string | undefined): readonly string[] | undefined {
  return text?.split("\n");
}

function sourceLine(lines: readonly string[] | undefined, line: number): string | undefined {
  if (lines === undefined || line < 1) return undefined;
  return lines[line - 1]?.replace(/\r$/, "");
}

export function renderDiagnostic(d: Diagnostic, style: Style, text?: string | readonly string[]): string {
  // Messages quote the trainer's keys and values, which may hold any character: one line each, visible.
  const where = visible(d.line > 0 ? `${d.file}:${d.line}:${d.column}` : d.file);
  const level = d.severity === "error" ? style.red("error") : style.yellow("warning");
  const lines = [`${style.bold(where)}: ${level}[${visible(d.code)}]: ${visible(d.message)}`];
  const raw = sourceLine(typeof text === "string" ? linesOf(text) : text, d.line);
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
  const lines = new Map<string, readonly string[] | undefined>();
  return diagnostics
    .map((d) => {
      if (!lines.has(d.file)) lines.set(d.file, linesOf(sources.get(d.file)));
      return renderDiagnostic(d, style, lines.get(d.file));
    })
    .join("\n\n");
}

/** Diagnostics as text with the repeats of one code in one file counted, not listed. */
export function renderCappedDiagnostics(
  diagnostics: readonly Diagnostic[],
  style: Style,
  sources: ReadonlyMap<string, string> = new Map(),
): string {
  const { shown, omitted } = capRepeats(diagnostics);
  const notes = omitted.map((o) => `${style.bold(visible(o.file))}: ${visible(omittedLine(o))}`);
  return [renderDiagnostics(shown, style, sources), ...(notes.length > 0 ? ["", ...notes] : [])].join("\n");
}
