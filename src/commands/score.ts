/**
 * `coach score` in three forms: one reply (--scenario, --reply), a JSON Lines batch (--replies FILE
 * or -), and a saved session (TRANSCRIPT, YAML or JSON) scored as a whole.
 */
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { parse } from "yaml";
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, fileError, UsageError } from "../cli/errors.js";
import type { Io } from "../cli/io.js";
import type { Catalog } from "../content/catalog.js";
import type { RubricSpec, ScenarioSpec } from "../content/schema.js";
import { type Coach, coachFor } from "../engine/coaching.js";
import { boundReply, cutNotice } from "../engine/reply-limit.js";
import { scoreReply } from "../engine/score.js";
import { applyReply, type Mode, type SessionState, startSession, summarise } from "../engine/session.js";
import { visible } from "../report/safe-text.js";
import { scoreJson, scoreJsonFields, sessionJson } from "../report/score-json.js";
import { renderReplyScore } from "../report/score-text.js";
import { renderScorecard } from "../report/scorecard.js";
import { makeStyle } from "../report/style.js";
import { findRubric, findScenario, loadContent } from "./content.js";

export interface ScoreOptions {
  transcript?: string;
  scenario?: string;
  reply?: string;
  turn?: string;
  replies?: string;
  rubric?: string;
  json?: boolean;
  minScore?: string;
  content?: string[];
}

function parseMinScore(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 100) throw new UsageError(`--min-score must be a number from 0 to 100, not \`${value}\``);
  return n;
}

function rubricFor(catalog: Catalog, scenario: ScenarioSpec | undefined, override: string | undefined): RubricSpec {
  return findRubric(catalog, override ?? scenario?.rubric ?? "complaint-handling");
}

/** A reply's score; `cut` says the reply was bounded before (the JSON's `truncated` says so too). */
function scored(reply: string, cut: boolean, rubric: RubricSpec, scenario: ScenarioSpec, turn: string | undefined) {
  // Feedback fitted to the scenario (its placeholders filled, its own overrides), with titles on the evidence.
  const result = coachFor(rubric, scenario, turn).rewrite(scoreReply(reply, scenario, turn, rubric));
  return cut ? { ...result, truncated: true } : result;
}

/** Resolves when a stream that refused a write can take more, or can take nothing ever again. */
function drained(stream: Io["stdout"]): Promise<void> {
  const events = stream as Partial<NodeJS.EventEmitter>;
  if (typeof events.once !== "function") return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      for (const event of ["drain", "close", "error"]) events.off?.(event, done);
      resolve();
    };
    for (const event of ["drain", "close", "error"]) events.once?.(event, done);
  });
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}

function readInput(path: string, what: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    throw fileError(error, `read ${what}`, path);
  }
}

export async function runScore(options: ScoreOptions, io: Io): Promise<number> {
  const minScore = parseMinScore(options.minScore);
  const forms = [options.transcript !== undefined, options.replies !== undefined, options.reply !== undefined].filter(Boolean).length;
  if (forms === 0) {
    throw new UsageError("nothing to score", 'give --scenario ID --reply "TEXT", --replies FILE.jsonl (or -), or a saved session file');
  }
  if (forms > 1) throw new UsageError("give one of --reply, --replies or a session file, not several");
  const catalog = loadContent(options, io);
  if (options.replies !== undefined) return scoreBatch(options, catalog, io, minScore);
  if (options.transcript !== undefined) return scoreTranscript(options.transcript, options, catalog, io, minScore);

  if (options.scenario === undefined) throw new UsageError("--reply needs --scenario ID", "`coach list` shows the scenario ids");
  const scenario = findScenario(catalog, options.scenario);
  const rubric = rubricFor(catalog, scenario, options.rubric);
  if (options.turn !== undefined && !scenario.turns.some((t) => t.id === options.turn)) {
    throw new UsageError(
      `scenario \`${scenario.id}\` has no turn \`${options.turn}\``,
      `turns: ${scenario.turns.map((t) => t.id).join(", ")}`,
    );
  }
  // Bounded once, here: the score, the evidence and what is shown all use the same text.
  const bounded = boundReply(options.reply === "-" ? await readAll(io.stdin) : (options.reply ?? ""));
  const reply = bounded.text;
  const result = scored(reply, bounded.cut, rubric, scenario, options.turn);
  if (options.json === true) io.stdout.write(`${JSON.stringify(scoreJson(result, scenario.id, rubric.id, options.turn))}\n`);
  else
    io.stdout.write(
      renderReplyScore(
        reply,
        result,
        makeStyle(io.color),
        `${scenario.title} (${scenario.id})`,
        bounded.cut ? cutNotice(bounded) : undefined,
      ),
    );
  return minScore !== undefined && result.score < minScore ? EXIT_PROBLEMS : EXIT_OK;
}

/** Why a batch line cannot be scored: no text, an unknown scenario, or a turn the scenario lacks. */
function lineProblem(
  reply: unknown,
  scenarioId: unknown,
  scenario: ScenarioSpec | undefined,
  turn: unknown,
): { code: string; message: string } | undefined {
  if (typeof reply !== "string") return { code: "bad-reply", message: "`reply` must be text" };
  if (scenario === undefined) return { code: "unknown-scenario", message: `unknown scenario \`${String(scenarioId)}\`` };
  if (turn === undefined) return undefined;
  const turns = scenario.turns.map((t) => t.id);
  if (typeof turn !== "string" || !turns.includes(turn))
    return {
      code: "unknown-turn",
      message: `scenario \`${scenario.id}\` has no turn \`${typeof turn === "string" ? turn : JSON.stringify(turn)}\` (turns: ${turns.join(", ")})`,
    };
  return undefined;
}

/** The keys of a score's JSON after `scenario` (a line's own field of that name gives way to the score's, in its place). */
const SCORE_KEYS = ["rubric", "score", "criteria", "flags", "flagEvidence", "truncated", "turn"];

/** How many characters of results go out in one write, at most (a little over, by the last line). */
const OUT_CHUNK = 64 * 1024;

/** One result per input line, in order; a bad line gets an error object and the batch goes on. */
async function scoreBatch(options: ScoreOptions, catalog: Catalog, io: Io, minScore: number | undefined): Promise<number> {
  const source = options.replies as string;
  let input: NodeJS.ReadableStream;
  if (source === "-") input = io.stdin;
  else {
    const { createReadStream, statSync } = await import("node:fs");
    try {
      if (statSync(source).isDirectory()) throw new UsageError(`${source} is a folder, not a JSON Lines file`);
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw new UsageError(`cannot read replies file ${source}: no such file`);
    }
    input = createReadStream(source, { encoding: "utf8" });
  }
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let lineNo = 0;
  let bad = 0;
  let below = 0;
  // The results of the lines already read go out together, in one write of up to OUT_CHUNK characters,
  // and whatever is pending goes out as soon as the loop would wait for more input (setImmediate runs
  // once the lines already read are done): each result still reaches a reader before the next line is
  // needed, without a system call per line. The reader's pace is respected by waiting for the pipe to
  // drain before the next line is scored.
  let pending = "";
  let flushSoon: NodeJS.Immediate | undefined;
  let draining: Promise<void> | undefined;
  const flush = () => {
    if (flushSoon !== undefined) clearImmediate(flushSoon);
    flushSoon = undefined;
    if (pending === "") return;
    const text = pending;
    pending = "";
    // Listening from the refused write on: a drain that comes before the loop asks is not missed.
    if (io.stdout.write(text) === false)
      draining ??= drained(io.stdout).then(() => {
        draining = undefined;
      });
  };
  const write = async (text: string) => {
    pending += text;
    if (pending.length >= OUT_CHUNK) flush();
    else flushSoon ??= setImmediate(flush);
    if (draining !== undefined) await draining;
  };
  const errorLine = (fields: Record<string, unknown>, code: string, message: string) => {
    bad++;
    return `${JSON.stringify({ ...fields, line: lineNo, error: { code, message: `${source}:${lineNo}: ${message}` } })}\n`;
  };
  // What every line of one scenario and turn shares: its rubric, its coach, and the keys that would clash.
  const fitted = new Map<string, { rubric: RubricSpec; coach: Coach }>();
  const fittedFor = (scenario: ScenarioSpec, turn: string | undefined) => {
    const key = turn === undefined ? scenario.id : `${scenario.id}\u0000${turn}`;
    let found = fitted.get(key);
    if (found === undefined) {
      const rubric = rubricFor(catalog, scenario, options.rubric);
      found = { rubric, coach: coachFor(rubric, scenario, turn) };
      fitted.set(key, found);
    }
    return found;
  };
  const scoreLine = (line: string): string => {
    let record: Record<string, unknown>;
    try {
      const value = JSON.parse(line) as unknown;
      if (value === null || typeof value !== "object" || Array.isArray(value)) throw new Error("not an object");
      record = value as Record<string, unknown>;
    } catch {
      return errorLine({}, "bad-json", "not a JSON object");
    }
    const { scenario: scenarioId, reply, turn, ...rest } = record;
    const scenario = typeof scenarioId === "string" ? catalog.scenarios.get(scenarioId)?.data : undefined;
    const problem = lineProblem(reply, scenarioId, scenario, turn);
    if (problem !== undefined) {
      const echoed = turn === undefined ? rest : { ...rest, turn };
      return errorLine({ ...echoed, scenario: scenarioId ?? null }, problem.code, problem.message);
    }
    const known = scenario as ScenarioSpec;
    const turnId = turn as string | undefined;
    const { rubric, coach } = fittedFor(known, turnId);
    const bounded = boundReply(reply as string);
    // The coach only rewrites feedback and evidence titles: the score, the levels and the flags are the scorer's.
    const raw = scoreReply(bounded.text, known, turnId, rubric);
    if (minScore !== undefined && raw.score < minScore) below++;
    if (options.json === true) {
      const truncated = bounded.cut ? true : raw.truncated;
      // The line's own fields first, then the score's: written as text unless a field of the line shares a score key.
      if (typeof truncated === "boolean" && !SCORE_KEYS.some((k) => Object.hasOwn(rest, k))) {
        const fields = scoreJsonFields(raw, known.id, rubric.id, turnId, truncated, coach.criterionFeedback);
        if (fields !== undefined) {
          const own = JSON.stringify(rest);
          return `${own === "{}" ? "{" : `${own.slice(0, -1)},`}${fields}\n`;
        }
      }
      const result = coach.rewrite(bounded.cut ? { ...raw, truncated: true } : raw);
      return `${JSON.stringify({ ...rest, ...scoreJson(result, known.id, rubric.id, turnId) })}\n`;
    }
    const result = raw;
    const levels = result.criteria.map((c) => `${c.id} ${c.level}`).join("  ");
    const name = turnId === undefined ? known.id : `${known.id}@${turnId}`;
    return `${String(lineNo).padStart(4)}  ${visible(name).padEnd(20)} ${String(result.score).padStart(3)}/100  ${levels}${result.flags.length > 0 ? `  [${visible(result.flags.join(", "))}]` : ""}\n`;
  };
  try {
    for await (const line of lines) {
      lineNo++;
      if (line.trim() === "") continue;
      let out: string;
      try {
        out = scoreLine(line);
      } catch (error) {
        // Our failure on one line, not the batch's: it becomes that line's error object, and the rest go on.
        out = errorLine({}, "internal-error", `could not be scored: ${(error as Error).message ?? String(error)}`);
      }
      await write(out);
    }
  } finally {
    // What was scored goes out, whatever stopped the reading.
    flush();
  }
  if (draining !== undefined) await draining;
  if (bad > 0) {
    io.stderr.write(
      `coach: ${bad} line${bad === 1 ? "" : "s"} of ${visible(source)} could not be scored (see the error objects in the output)\n`,
    );
    return EXIT_USAGE;
  }
  return below > 0 ? EXIT_PROBLEMS : EXIT_OK;
}

interface Transcript {
  scenario: string;
  mode?: Mode;
  replies: string[];
}

/** Accepts a saved session (history record or play --json) or a hand-written {scenario, turns: [{reply}]} / {scenario, replies: [...]}. */
export function readTranscript(text: string, file: string): Transcript {
  const lines = text.split("\n").filter((l) => l.trim() !== "");
  if (lines.length > 1 && lines.every((l) => l.trimStart().startsWith("{"))) {
    throw new UsageError(
      `${file} holds ${lines.length} sessions (JSON Lines); a transcript is one session`,
      "pick one: `coach history show ID --json > session.json`, then `coach score session.json`",
    );
  }
  let data: unknown;
  try {
    data = parse(text, { maxAliasCount: 100 });
  } catch (error) {
    // yaml's errors carry a position: say it the way every other content error does.
    const at = (error as { linePos?: Array<{ line: number; col: number }> }).linePos?.[0];
    const where = at === undefined ? file : `${file}:${at.line}:${at.col}`;
    const message = ((error as Error).message.split("\n")[0] ?? "").replace(/ at line \d+, column \d+:?$/, "");
    throw new UsageError(
      `${where}: cannot read the session: ${message}`,
      "a session file is YAML or JSON with scenario: and turns: [{reply: ...}]",
    );
  }
  if (data === null || typeof data !== "object" || Array.isArray(data))
    throw new UsageError(`${file} is not a session: expected a mapping with scenario: and turns:`);
  const record = data as Record<string, unknown>;
  if (typeof record.scenario !== "string") throw new UsageError(`${file} has no \`scenario:\``, "a session file names its scenario id");
  let replies: string[] | undefined;
  if (Array.isArray(record.turns))
    replies = record.turns
      .map((t) => (t !== null && typeof t === "object" ? (t as { reply?: unknown }).reply : t))
      .map((r) => (typeof r === "string" ? r : ""));
  else if (Array.isArray(record.replies)) replies = record.replies.map((r) => (typeof r === "string" ? r : String(r ?? "")));
  if (replies === undefined)
    throw new UsageError(`${file} has no \`turns:\` (or \`replies:\`)`, "list the trainee's replies: turns: [{reply: ...}]");
  const transcript: Transcript = { scenario: record.scenario, replies };
  if (record.mode === "assess" || record.mode === "practice") transcript.mode = record.mode;
  return transcript;
}

/** Replays a transcript's replies through the session, with today's content and rules. */
export function replay(transcript: Transcript, scenario: ScenarioSpec, rubric: RubricSpec, now: Date): SessionState {
  let state = startSession(scenario, rubric, { mode: transcript.mode ?? "practice", now });
  for (const reply of transcript.replies) {
    if (state.ended) break;
    state = applyReply(state, boundReply(reply).text, scenario, rubric);
  }
  return state;
}

async function scoreTranscript(
  file: string,
  options: ScoreOptions,
  catalog: Catalog,
  io: Io,
  minScore: number | undefined,
): Promise<number> {
  const text = file === "-" ? await readAll(io.stdin) : readInput(file, "session");
  const transcript = readTranscript(text, file);
  const scenario = findScenario(catalog, transcript.scenario);
  const rubric = rubricFor(catalog, scenario, options.rubric);
  const state = replay(transcript, scenario, rubric, io.now());
  const result = summarise(state, scenario, rubric);
  if (options.json === true) io.stdout.write(`${JSON.stringify(sessionJson(state, result))}\n`);
  else io.stdout.write(renderScorecard(state, result, makeStyle(io.color), scenario.title));
  return minScore !== undefined && result.score < minScore ? EXIT_PROBLEMS : EXIT_OK;
}
