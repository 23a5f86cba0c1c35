/**
 * `coach play`: pick or name a scenario, play it at the terminal or from scripted replies, then the
 * scorecard, the history and (at a terminal) "Try again?".
 *
 * Where the replies come from: at a terminal, typed (src/play/input.ts); with --answers FILE, with
 * --json, or when standard input is not a terminal, from the script (src/play/answers.ts has the rule).
 *
 * Exit codes: 0 the session finished, or the trainee typed /quit; 1 the input ended before the
 * conversation did (Ctrl-D, or a script too short; the partial session is saved), or the history
 * could not be written; 2 usage errors; 130 Ctrl-C (129 SIGHUP, 143 SIGTERM), the partial session saved.
 *
 * Start-up: the briefing and the customer's first line are printed from the one scenario file before
 * the whole catalog is checked, because checking it loads the NLP model; by the time the trainee has
 * read the briefing, the model is ready.
 */

import { EventEmitter } from "node:events";
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { parse } from "yaml";
import { EXIT_OK, EXIT_PROBLEMS, fsReason, UsageError } from "../cli/errors.js";
import { type Io, writeWarnings } from "../cli/io.js";
import { holdExit, noteTerminalGone } from "../cli/output.js";
import type { Catalog } from "../content/catalog.js";
import { discoverContent, readContentFile } from "../content/files.js";
import type { RubricSpec, ScenarioSpec } from "../content/schema.js";
import type { Mode, SessionState } from "../engine/session.js";
import { splitAnswers, splitLines } from "../play/answers.js";
import { type ReplyInput, SIGNAL_EXIT_CODES, type TerminalStreams } from "../play/input.js";
import type { LoopResult } from "../play/loop.js";
import { asOpeningScenario, type OpeningScenario } from "../play/opening.js";
import { renderOpening } from "../play/render.js";
import { visible } from "../report/safe-text.js";
import { makeStyle, type Style } from "../report/style.js";
import { wrapTo } from "../report/text.js";

export interface PlayOptions {
  scenario?: string;
  mode?: string;
  answers?: string;
  json?: boolean;
  /** false with --no-save. */
  save?: boolean;
  content?: string[];
}

function parseMode(value: string | undefined): Mode {
  if (value === undefined || value === "practice") return "practice";
  if (value === "assess") return "assess";
  throw new UsageError(`--mode must be practice or assess, not \`${value}\``);
}

function readAnswers(path: string): string[] {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new UsageError(`cannot read answers file ${path}: ${fsReason(error)}`, "--answers takes a text file with one reply per line");
  }
  if (bytes.includes(0))
    throw new UsageError(`answers file ${path} is not a text file`, "--answers takes a text file with one reply per line");
  return splitAnswers(splitLines(bytes.toString("utf8")));
}

/**
 * The named scenario's opening from its own file (scenarios/ID.yaml), read with the YAML parser only,
 * as `coach list` does: no schemas, no NLP. Undefined whenever in doubt; the full load decides.
 */
function peekOpening(options: PlayOptions, io: Io, id: string): OpeningScenario | undefined {
  try {
    for (const file of discoverContent({ content: options.content, cwd: io.cwd })) {
      if (file.kind === "rubric" || basename(file.path).replace(/\.ya?ml$/i, "") !== id) continue;
      if (file.problem !== undefined) return undefined;
      return asOpeningScenario(parse(readContentFile(file.path).toString("utf8"), { maxAliasCount: 100 }), id);
    }
  } catch {
    // Any problem here is reported, with its position, by the full load that follows.
  }
  return undefined;
}

/**
 * The columns to wrap to: COLUMNS when set (the trainee asked for it), else the terminal's own
 * width, one column spare so a full line never wraps by itself; 88 when there is no terminal.
 */
export function screenWidth(io: Pick<Io, "stdout" | "env">): number {
  const fromEnv = Number.parseInt(io.env.COLUMNS ?? "", 10);
  const columns =
    Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : io.stdout.isTTY === true ? (io.stdout as { columns?: number }).columns : undefined;
  return columns === undefined ? 88 : Math.max(10, Math.min(100, columns - 1));
}

/**
 * SIGINT, SIGHUP and SIGTERM for as long as the command runs, passed on to whichever input is
 * reading. Listening the whole time (not only while a reply is awaited) means a signal that comes
 * while a reply is scored or the session is saved cannot kill the process before the save.
 */
function relaySignals(source: NodeJS.EventEmitter = process) {
  const relay = new EventEmitter();
  let last: number | undefined;
  const handlers = Object.keys(SIGNAL_EXIT_CODES).map((signal) => {
    const handler = () => {
      last = SIGNAL_EXIT_CODES[signal];
      relay.emit(signal);
    };
    source.on(signal, handler);
    return [signal, handler] as const;
  });
  return {
    relay,
    /** The exit code of the latest signal, if one came. */
    last: () => last,
    stop: () => {
      for (const [signal, handler] of handlers) source.off(signal, handler);
    },
  };
}

export async function runPlay(options: PlayOptions, io: Io): Promise<number> {
  // Until the session is saved, a broken output (a closed terminal, a full disk) must not end the process.
  const release = holdExit();
  const signals = relaySignals();
  // A terminal that went away fails reads with EIO; the session then ends and is saved.
  const onInputError = () => noteTerminalGone();
  io.stdin.on("error", onInputError);
  try {
    const code = await play(options, io, signals);
    const signal = signals.last();
    return signal !== undefined && code === EXIT_OK ? signal : code;
  } finally {
    io.stdin.off("error", onInputError);
    signals.stop();
    release();
  }
}

async function play(options: PlayOptions, io: Io, relayed: ReturnType<typeof relaySignals>): Promise<number> {
  const signals = relayed.relay;
  const mode = parseMode(options.mode);
  const json = options.json === true;
  const fromStdin = options.answers === "-" || (options.answers === undefined && io.stdin.isTTY !== true);
  const interactive = options.answers === undefined && !json && io.stdin.isTTY === true;
  if (json && options.answers === undefined && io.stdin.isTTY === true) {
    throw new UsageError("--json needs scripted replies", "give --answers FILE, or pipe the replies into standard input");
  }
  if (!interactive && options.scenario === undefined) {
    throw new UsageError(
      "name the scenario to play: coach play ID",
      "without a terminal there is no list to pick from; `coach list` shows the ids",
    );
  }

  const style = makeStyle(io.color);
  const width = screenWidth(io);
  const write = json ? () => {} : (text: string) => void io.stdout.write(text);
  const script = options.answers !== undefined && !fromStdin ? readAnswers(options.answers) : undefined;

  // The screen's height at a terminal: the session waits for Enter rather than scroll unread text away.
  const rows = interactive ? (io.stdout as { rows?: number }).rows : undefined;
  let openingShown = false;
  if (options.scenario !== undefined && !json) {
    const peeked = peekOpening(options, io, options.scenario);
    const opening = peeked === undefined ? undefined : renderOpening(peeked, style, width);
    // An opening taller than the screen is left to the session, which shows it a screen at a time.
    if (opening !== undefined && (rows === undefined || opening.split("\n").length + 5 <= rows)) {
      write(opening);
      openingShown = true;
    }
  }

  const { findRubric, findScenario, loadContent } = await import("./content.js");
  const catalog = loadContent(options, io, { ...(options.scenario === undefined ? {} : { scenario: options.scenario }) });
  const streams: TerminalStreams = {
    input: io.stdin,
    output: io.stdout as unknown as NodeJS.WritableStream,
    signals,
    onError: () => noteTerminalGone(),
    bracketedPaste: io.env.TERM !== "dumb",
  };

  let scenarioId = options.scenario;
  if (scenarioId === undefined) {
    const picked = await pickFromList(catalog, io, streams);
    if (picked.kind === "interrupt") return picked.code;
    if (picked.kind === "eof") return EXIT_PROBLEMS;
    scenarioId = picked.value;
  }
  const scenario = findScenario(catalog, scenarioId);
  const rubric = findRubric(catalog, scenario.rubric);

  const { playSession } = await import("../play/loop.js");
  const { scriptedInput, streamedInput, terminalInput } = await import("../play/input.js");
  for (let round = 0; ; round++) {
    // Piped replies are played as they arrive (one round only: there is no "Try again?" without a terminal).
    const input: ReplyInput =
      script !== undefined ? scriptedInput(script, signals) : fromStdin ? streamedInput(io.stdin, signals) : terminalInput(streams);
    let played: LoopResult;
    try {
      played = await playSession(scenario, rubric, {
        mode,
        input,
        write,
        style,
        width,
        now: io.now,
        showOpening: !openingShown,
        ...(rows === undefined ? {} : { rows }),
        showHelp: interactive && round === 0,
      });
    } finally {
      input.close();
    }
    openingShown = false;
    const code = await finish(played, input, { scenario, rubric, options, io, style, width });
    if (!interactive || played.outcome !== "finished" || relayed.last() !== undefined) return code;
    const { confirmAgain } = await import("../play/prompts.js");
    write("\n");
    const again = await confirmAgain(streams);
    if (again.kind === "interrupt") return again.code;
    if (again.kind !== "answer" || !again.value) return code;
    write("\n");
  }
}

async function pickFromList(catalog: Catalog, io: Io, streams: TerminalStreams) {
  const [{ historyPath }, { historyCacheDir, openSessions }] = await Promise.all([
    import("../history/store.js"),
    import("../history/sessions.js"),
  ]);
  // The summaries (cached), not the whole history: it can hold a hundred thousand sessions.
  let sessions: Array<{ scenario: string; startedAt: string; partial: boolean; score: number }> = [];
  try {
    const history = openSessions(historyPath(io.env), { cacheDir: historyCacheDir(io.env) });
    writeWarnings(io, history.warnings);
    sessions = history.summaries;
  } catch (error) {
    io.stderr.write(`coach: warning: ${visible((error as Error).message)}\n`);
  }
  // The latest finished session of each scenario.
  const latest = new Map<string, { startedAt: string; score: number }>();
  for (const session of sessions) {
    const prior = latest.get(session.scenario);
    if (!session.partial && (prior === undefined || session.startedAt >= prior.startedAt)) {
      latest.set(session.scenario, { startedAt: session.startedAt, score: session.score });
    }
  }
  const { pickScenario } = await import("../play/prompts.js");
  return pickScenario(
    streams,
    [...catalog.scenarios.values()].map(({ data }) => {
      const score = latest.get(data.id)?.score;
      return { id: data.id, title: data.title, difficulty: data.difficulty, ...(score === undefined ? {} : { lastScore: score }) };
    }),
  );
}

interface FinishContext {
  scenario: ScenarioSpec;
  rubric: RubricSpec;
  options: PlayOptions;
  io: Io;
  style: Style;
  width: number;
}

/** The scorecard or JSON, the history line, and the exit code for how the session ended. */
async function finish(played: LoopResult, input: ReplyInput, context: FinishContext): Promise<number> {
  const { scenario, rubric, options, io, style } = context;
  const [
    { summarise },
    { toRecord, sessionId },
    { HistoryLockedError, historyPath },
    { appendNewSession, historyCacheDir },
    { renderScorecard },
    { sessionJson },
    { randomBytes },
  ] = await Promise.all([
    import("../engine/session.js"),
    import("../history/record.js"),
    import("../history/store.js"),
    import("../history/sessions.js"),
    import("../report/scorecard.js"),
    import("../report/score-json.js"),
    import("node:crypto"),
  ]);
  const { state, outcome } = played;
  const result = summarise(state, scenario, rubric);
  const json = options.json === true;
  const out = (text: string) => {
    if (!json) io.stdout.write(text);
  };
  let code = outcome === "interrupted" ? (played.exitCode ?? 130) : outcome === "eof" ? EXIT_PROBLEMS : EXIT_OK;

  const said = state.exchanges.length > 0;
  if (outcome === "interrupted") out(`\n\n${style.yellow("Stopped.")}\n`);
  else if (outcome === "quit") out(`\n${style.yellow("You left the conversation.")}\n`);
  else if (outcome === "eof") out(`\n${style.yellow("The input ended before the conversation did.")}\n`);
  if (said && outcome !== "interrupted") out(`\n${renderScorecard(state, result, style, scenario.title, context.width)}`);

  let id: string | undefined;
  if (!said) out(`${style.dim("Nothing was said, so nothing was saved.")}\n`);
  else if (options.save !== false) {
    const trainee = nonEmpty(io.env.COACH_TRAINEE) ?? nonEmpty(io.env.USER);
    const endedAt = io.now();
    const record = () =>
      toRecord(state, result, {
        id: sessionId(new Date(state.startedAt), scenario.id, randomBytes),
        endedAt,
        scenarioTitle: scenario.title,
        ...(trainee === undefined ? {} : { trainee }),
      });
    const path = historyPath(io.env);
    try {
      const saved = appendNewSession(path, record, { cacheDir: historyCacheDir(io.env) });
      id = saved.record.id;
      if (saved.repaired !== undefined) io.stderr.write(`coach: note: ${visible(path)}: ${saved.repaired}\n`);
      out(`\n${saveMessage(state, id, style, context.width)}\n`);
    } catch (error) {
      id = undefined;
      const why = error instanceof HistoryLockedError ? error.message : fsReason(error);
      io.stderr.write(`coach: could not save the session to ${visible(path)}: ${visible(why)}\n`);
      if (code === EXIT_OK) code = EXIT_PROBLEMS;
    }
  }
  if (json) io.stdout.write(`${JSON.stringify(id === undefined ? sessionJson(state, result) : { id, ...sessionJson(state, result) })}\n`);

  if (outcome === "eof") io.stderr.write("coach: the input ended before the conversation did; the session is partial\n");
  const left = input.leftover();
  if (outcome === "finished" && left > 0 && !input.echoes) {
    io.stderr.write(`coach: ${left} scripted repl${left === 1 ? "y was" : "ies were"} not used: the conversation ended first\n`);
  }
  return code;
}

/** Wrapped between words, so the session id, which the trainee copies, is never cut in two. */
function saveMessage(state: SessionState, id: string, style: Style, width: number): string {
  const what = state.ended ? "Saved to your history" : "Saved to your history as a partial session";
  const saved = `${what}: ${id}`;
  const show = `(coach history show ${id})`;
  // The command stays whole on its line, to be copied; beside the id when both fit.
  const lines = saved.length + 2 + show.length <= width ? [`${saved}  ${show}`] : [wrapTo(saved, width), show];
  return lines.map((line) => style.dim(line)).join("\n");
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value;
}
