/**
 * `coach calibrate LABELS.jsonl`: how well the tool agrees with a trainer's own labels. Each line is
 * scored at its turn with its scenario's rubric; the agreement is printed as text or JSON.
 * Exit 0; 1 when a criterion's tau-b is under --min-tau; 2 for unreadable input, or when lines
 * could not be used (they are reported with file:line and left out, and the rest are still compared).
 */
import { readFileSync, statSync } from "node:fs";
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, fileError, UsageError } from "../cli/errors.js";
import type { Io } from "../cli/io.js";
import { readLabels } from "../content/labels.js";
import { type Breakdown, buildCalibration, type ScoredLabel } from "../engine/calibration.js";
import { scoreReply } from "../engine/score.js";
import { calibrationJson, renderCalibrationText } from "../report/calibration.js";
import { visible } from "../report/safe-text.js";
import { makeStyle } from "../report/style.js";
import { plural } from "../report/text.js";
import { loadContent } from "./content.js";

export interface CalibrateOptions {
  labels: string;
  json?: boolean;
  minTau?: string;
  worst?: string;
  by?: string;
  content?: string[];
}

const BREAKDOWNS: readonly Breakdown[] = ["turn", "scenario"];

function parseMinTau(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n) || n < -1 || n > 1)
    throw new UsageError(`--min-tau must be a number from -1 to 1, not \`${value}\``, "for example --min-tau 0.7");
  return n;
}

function parseWorst(value: string | undefined): number {
  if (value === undefined) return 5;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--worst must be a whole number, not \`${value}\``, "for example --worst 10");
  return n;
}

function parseBy(value: string | undefined): Breakdown | undefined {
  if (value === undefined) return undefined;
  if (!(BREAKDOWNS as readonly string[]).includes(value)) throw new UsageError(`--by takes turn or scenario, not \`${value}\``);
  return value as Breakdown;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}

function readLabelsFile(path: string): string {
  let bytes: Buffer;
  try {
    if (statSync(path).isDirectory()) throw new UsageError(`${path} is a folder, not a JSON Lines file`);
    bytes = readFileSync(path);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw fileError(error, "read labels file", path);
  }
  if (bytes.includes(0)) throw new UsageError(`${path} is not a text file`, 'one {"scenario", "reply", "labels": {...}} a line');
  return bytes.toString("utf8");
}

export async function runCalibrate(options: CalibrateOptions, io: Io): Promise<number> {
  const minTau = parseMinTau(options.minTau);
  const worst = parseWorst(options.worst);
  const by = parseBy(options.by);
  const file = options.labels;
  const text = file === "-" ? await readAll(io.stdin) : readLabelsFile(file);
  const catalog = loadContent(options, io);
  const { rows, problems } = readLabels(text, catalog);
  for (const p of problems)
    io.stderr.write(`coach: ${visible(`${file}:${p.line}: ${p.message}`)}${p.hint === undefined ? "" : `\n  hint: ${visible(p.hint)}`}\n`);
  if (rows.length === 0) {
    throw new UsageError(
      `${file} has no labelled replies to compare${problems.length > 0 ? ` (${plural(problems.length, "line")} could not be used)` : ""}`,
      'one {"scenario": ID, "turn"?: TURN, "reply": TEXT, "labels": {"ownership": 2, ...}} a line',
    );
  }
  const scored: ScoredLabel[] = rows.map((row) => ({
    line: row.line,
    scenario: row.scenario.id,
    turn: row.turn,
    opening: row.opening,
    reply: row.reply,
    labels: row.labels,
    result: scoreReply(row.reply, row.scenario, row.turn, row.rubric),
  }));
  const calibrationOptions: Parameters<typeof buildCalibration>[1] = { worst };
  if (by !== undefined) calibrationOptions.by = by;
  if (minTau !== undefined) calibrationOptions.minTau = minTau;
  const report = buildCalibration(scored, calibrationOptions);
  if (options.json === true) io.stdout.write(calibrationJson(report, file, problems));
  else io.stdout.write(renderCalibrationText(report, file, problems, makeStyle(io.color)));
  if (problems.length > 0) {
    io.stderr.write(
      `coach: ${plural(problems.length, "line")} of ${file} could not be used and ${problems.length === 1 ? "was" : "were"} left out\n`,
    );
    return EXIT_USAGE;
  }
  return report.belowMinTau.length > 0 ? EXIT_PROBLEMS : EXIT_OK;
}
