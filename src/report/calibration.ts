/**
 * `coach calibrate` for the terminal and as JSON: agreement per criterion, on the total, the
 * confusion tables, the breakdown and the worst disagreements with the evidence behind them. Pure.
 */
import type { LabelProblem } from "../content/labels.js";
import type { Agreement, CalibrationReport, Disagreement } from "../engine/calibration.js";
import { visible, visibleDeep } from "./safe-text.js";
import type { Style } from "./style.js";
import { plural, wrap } from "./text.js";

const WIDTH = 88;

/** Two careful raters following the labelling guide agree this well (shared/calibration/README.md). */
export const RATER_AGREEMENT = "0.87-0.95";

export interface CalibrationJson extends CalibrationReport {
  file: string;
  problems: LabelProblem[];
}

export function calibrationJson(report: CalibrationReport, file: string, problems: readonly LabelProblem[]): string {
  const value: CalibrationJson = { file, ...report, problems: [...problems] };
  // Statistics to three decimals, so the output is stable and readable.
  return `${JSON.stringify(value, (_key, v: unknown) => (typeof v === "number" && !Number.isInteger(v) ? Math.round(v * 1000) / 1000 : v))}\n`;
}

function stat(value: Agreement): string {
  return (value === null ? "n/a" : value.toFixed(2)).padStart(5);
}

function agreementColour(value: Agreement, style: Style, minTau: number | undefined): (text: string) => string {
  if (style.level === 0) return (text) => text;
  if (value === null || (minTau !== undefined && value < minTau)) return style.red;
  return value >= 0.75 ? style.green : value >= 0.5 ? style.yellow : style.red;
}

/** A bar for a statistic from -1 to 1, readable without colour: only the positive half fills. */
function statBar(value: Agreement): string {
  const cells = 10;
  const filled = value === null ? 0 : Math.round(Math.max(0, Math.min(1, value)) * cells);
  return "█".repeat(filled) + "░".repeat(cells - filled);
}

function scaleText(report: CalibrationReport): string {
  const ranges = new Set(Object.values(report.scale).map((s) => `${s.min}-${s.max}`));
  if (ranges.size === 1) return `your labels ${[...ranges][0]}`;
  return `your labels ${Object.entries(report.scale)
    .map(([id, s]) => `${id} ${s.min}-${s.max}`)
    .join(", ")}`;
}

function agreementTable(report: CalibrationReport, style: Style): string[] {
  const width = Math.max(9, ...report.criteria.map((c) => c.id.length));
  const lines = [style.bold(`${"agreement".padEnd(width)}  ${"n".padStart(4)}  rank agreement`)];
  for (const c of report.criteria) {
    const colour = agreementColour(c.tauB, style, report.minTau);
    const under = report.belowMinTau.includes(c.id)
      ? `  under --min-tau ${report.minTau}${c.tauB === null ? "" : ` (${Math.round(c.tauB * 1000) / 1000})`}`
      : "";
    const why = c.unmeasured === undefined ? "" : `  (${c.unmeasured})`;
    lines.push(
      `${c.id.padEnd(width)}  ${String(c.n).padStart(4)}  tau-b    ${colour(stat(c.tauB))}  ${colour(statBar(c.tauB))}${why}${style.red(under)}`,
    );
  }
  const t = report.total;
  const colour = agreementColour(t.spearman, style, undefined);
  const why = t.unmeasured === undefined ? "" : `  (${t.unmeasured})`;
  lines.push(
    `${"total".padEnd(width)}  ${String(t.n).padStart(4)}  Spearman ${colour(stat(t.spearman))}  ${colour(statBar(t.spearman))}${why}`,
  );
  return lines;
}

function confusionTables(report: CalibrationReport, style: Style): string[] {
  const lines = [style.bold("Confusion: your label (rows) against the tool's level (columns)")];
  const blocks: string[][] = report.criteria.map((c) => {
    const cell = Math.max(3, ...c.confusion.counts.flat().map((n) => String(n).length + 1));
    const labelWidth = Math.max(5, ...c.confusion.labels.map((l) => String(l).length));
    const head = `${c.id.padEnd(labelWidth + 2)}${c.confusion.levels.map((l) => String(l).padStart(cell)).join("")}`;
    const rows = c.confusion.labels.map((label, r) => {
      const counts = c.confusion.counts[r] as number[];
      return `${String(label).padStart(labelWidth)}  ${counts.map((n) => (n === 0 ? "·" : String(n)).padStart(cell)).join("")}`;
    });
    return [head, ...rows];
  });
  // Two tables side by side when they fit.
  for (let i = 0; i < blocks.length; i += 2) {
    const left = blocks[i] as string[];
    const right = blocks[i + 1];
    const leftWidth = Math.max(...left.map((l) => l.length)) + 6;
    const height = Math.max(left.length, right?.length ?? 0);
    for (let k = 0; k < height; k++) {
      const l = left[k] ?? "";
      const r = right?.[k] ?? "";
      lines.push(`  ${r === "" ? l : l.padEnd(leftWidth)}${r}`.trimEnd());
    }
    lines.push("");
  }
  lines.pop();
  return lines;
}

function breakdown(report: CalibrationReport, style: Style): string[] {
  if (report.by === undefined) return [];
  const ids = report.criteria.map((c) => c.id);
  const width = Math.max(8, ...report.by.groups.map((g) => g.group.length));
  const heads = ids.map((id) => ` ${id.slice(0, 9).padStart(9)}`);
  const lines = [
    "",
    style.bold(
      `By ${report.by.key === "turn" ? "turn: the opening turn against every later turn" : "scenario"} (tau-b per criterion, Spearman on the total)`,
    ),
    `  ${"".padEnd(width)}  ${"n".padStart(4)}${heads.join("")}${"total".padStart(10)}`,
  ];
  for (const g of report.by.groups) {
    const taus = ids.map((id) => {
      const v = g.tauB[id] ?? null;
      return agreementColour(v, style, report.minTau)(stat(v).padStart(10));
    });
    lines.push(
      `  ${g.group.padEnd(width)}  ${String(g.n).padStart(4)}${taus.join("")}${agreementColour(g.spearman, style, undefined)(stat(g.spearman).padStart(10))}`,
    );
  }
  return lines;
}

/** The prefix, then the text wrapped so that its later lines start under its first. */
function hanging(prefix: string, text: string): string {
  const wrapped = wrap(text, Math.max(30, WIDTH - prefix.length)).split("\n");
  return [prefix + (wrapped[0] ?? ""), ...wrapped.slice(1).map((l) => " ".repeat(prefix.length) + l)].join("\n");
}

function disagreement(d: Disagreement, index: number, report: CalibrationReport, file: string, style: Style): string[] {
  const where = `${d.scenario}${d.turn === undefined ? "" : ` (turn ${d.turn})`}`;
  const direction = d.gap > 0 ? "you rank it higher than the tool" : "the tool ranks it higher than you";
  const lines = [
    `${String(index + 1).padStart(2)}. ${style.bold(`${file}:${d.line}`)} ${where}: your total ${d.labelTotal} of ${report.total.labelMin}-${report.total.labelMax}, tool ${d.score}/100 (${direction})`,
    style.cyan(wrap(`"${d.reply}"`, WIDTH - 6, "      ")),
  ];
  if (d.flags.length > 0) lines.push(`      flags: ${d.flags.join(", ")}`);
  const width = Math.max(...Object.keys(d.labels).map((id) => id.length));
  for (const [id, label] of Object.entries(d.labels)) {
    const level = d.levels[id];
    const decided = d.decided[id] ?? [];
    const why =
      decided.length === 0
        ? "no rule fired"
        : decided.map((e) => `${e.effect === "lost" ? "capped by" : "earned by"} ${e.rule}: "${e.quote}"`).join("; ");
    lines.push(hanging(`      ${id.padEnd(width)}  label ${label}  level ${level ?? "-"}  `, why));
  }
  return lines;
}

export function renderCalibrationText(computed: CalibrationReport, named: string, problems: readonly LabelProblem[], style: Style): string {
  // Replies, scenario ids and labels come from the trainer's file: every string made visible.
  const report = visibleDeep(computed);
  const file = visible(named);
  const lines = [
    `${style.bold(`${file}:`)} ${plural(report.replies, "labelled reply", "labelled replies")}, ${scaleText(report)}, the tool's levels 0-3` +
      (problems.length > 0 ? style.red(`; ${plural(problems.length, "line")} left out`) : ""),
    "",
    ...agreementTable(report, style),
    "",
    ...confusionTables(report, style),
    ...breakdown(report, style),
  ];
  if (report.worst.length > 0) {
    lines.push("", style.bold(`The ${plural(report.worst.length, "reply", "replies")} you and the tool rank most differently`));
    report.worst.forEach((d, i) => {
      lines.push(...disagreement(d, i, report, file, style), "");
    });
    lines.pop();
  }
  lines.push(
    "",
    style.dim(
      wrap(
        `tau-b and Spearman run from -1 to 1: 1 is the same order as yours, 0 no relation. Two careful raters following the labelling guide reach ${RATER_AGREEMENT}; under 0.75 the tool and you disagree often enough to look at the replies above.`,
        WIDTH,
      ),
    ),
  );
  return `${lines.join("\n")}\n`;
}
