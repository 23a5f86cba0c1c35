#!/usr/bin/env node
/**
 * Commander wiring only. Each action imports its command module when it runs, so `coach --version`
 * and `coach list` never load the NLP model, the prompt library or the schemas.
 * This is the one place that maps errors to exit codes; actions set process.exitCode.
 */
import { readFileSync } from "node:fs";
import { Command, CommanderError, Option } from "commander";
import { visible } from "../report/safe-text.js";
import { EXIT_USAGE, ExitError } from "./errors.js";
import { type Io, processIo } from "./io.js";
import { exitCodeAfterOutput, guardOutput } from "./output.js";

const { version } = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

function contentOption(): Option {
  return new Option("--content <dir>", "a content folder (scenarios/ and rubrics/); repeatable").argParser(collect);
}

async function run(action: (io: Io) => Promise<number>, colorFlag?: boolean): Promise<void> {
  const io = processIo(colorFlag);
  try {
    process.exitCode = exitCodeAfterOutput(await action(io));
  } catch (error) {
    process.exitCode = exitCodeAfterOutput(report(error, io));
  }
}

function report(error: unknown, io: Io): number {
  if (error instanceof ExitError) {
    io.stderr.write(`coach: ${visible(error.message)}\n`);
    if (error.hint !== undefined) io.stderr.write(`hint: ${visible(error.hint)}\n`);
    return error.exitCode;
  }
  // An unexpected failure is our bug, not the user's: say so plainly, keep the trace for a report.
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`coach: internal error: ${visible(message)}\n`);
  if (io.env.COACH_DEBUG !== undefined && error instanceof Error) io.stderr.write(`${error.stack}\n`);
  else io.stderr.write("hint: run again with COACH_DEBUG=1 for details, and report it\n");
  return 70;
}

export function buildProgram(): Command {
  const program = new Command();
  program
    .name("coach")
    .description("Practise handling customer complaints, and score replies on ownership, empathy, process and outcome.")
    .version(version, "-V, --version")
    .option("--no-color", "no colour in the output")
    .showSuggestionAfterError(true)
    .exitOverride();
  const color = (): boolean | undefined => (program.opts().color === false ? false : undefined);

  program
    .command("list")
    .description("list the scenarios, where each comes from, its difficulty and rubric")
    .option("--json", "print JSON")
    .addOption(contentOption())
    .action(async (options) => run(async (io) => (await import("../commands/list.js")).runList(options, io), color()));

  program
    .command("score")
    .description("score one reply, a JSONL batch, or a saved session")
    .argument("[transcript]", "a saved session (YAML or JSON) to score as a whole")
    .option("-s, --scenario <id>", "the scenario the reply answers")
    .option("-r, --reply <text>", "the reply to score")
    .option("--turn <id>", "the turn the reply answers (default: the first)")
    .option("--replies <file>", "JSON Lines of {scenario, reply, turn?}; - reads standard input")
    .option("--rubric <id>", "score with this rubric instead of the scenario's")
    .option("--json", "print JSON")
    .option("--min-score <n>", "exit 1 when a score is below n")
    .addOption(contentOption())
    .action(async (transcript, options) =>
      run(async (io) => (await import("../commands/score.js")).runScore({ ...options, transcript }, io), color()),
    );

  program
    .command("calibrate")
    .description("compare the tool's levels with your own labels: rank agreement, confusions, worst disagreements")
    .argument("<labels>", "JSON Lines of {scenario, turn?, reply, labels: {criterion: level}}; - reads standard input")
    .option("--json", "print JSON")
    .option("--min-tau <x>", "exit 1 when a criterion's Kendall tau-b is under x")
    .option("--worst <n>", "how many of the worst disagreements to show (default 5)")
    .addOption(
      new Option("--by <what>", "agreement by turn (the opening against later turns) or by scenario").choices(["turn", "scenario"]),
    )
    .addOption(contentOption())
    .action(async (labels, options) =>
      run(async (io) => (await import("../commands/calibrate.js")).runCalibrate({ ...options, labels }, io), color()),
    );

  program
    .command("play")
    .description("play a complaint scenario in the terminal")
    .argument("[scenario]", "the scenario id (default: pick from a list)")
    .addOption(
      new Option("--mode <mode>", "practice: feedback after each reply; assess: only at the end")
        .choices(["practice", "assess"])
        .default("practice"),
    )
    .option("--answers <file>", "scripted replies, one per line (a blank line ends a multi-line reply)")
    .option("--json", "print the session result as JSON")
    .option("--no-save", "do not save the session to the history")
    .addOption(contentOption())
    .action(async (scenario, options) =>
      run(async (io) => (await import("../commands/play.js")).runPlay({ ...options, scenario }, io), color()),
    );

  program
    .command("validate")
    .description("check scenario and rubric files")
    .argument("[paths...]", "files or folders (default: scenarios/ and rubrics/)")
    .addOption(new Option("--format <format>", "output format").choices(["text", "json", "github", "junit"]).default("text"))
    .option("--json", "same as --format json")
    .option("--strict", "warnings fail too")
    .addOption(contentOption())
    .action(async (paths, options) =>
      run(async (io) => (await import("../commands/validate.js")).runValidate({ ...options, paths }, io), color()),
    );

  program
    .command("test")
    .description("run the example replies in scenarios and rubrics")
    .argument("[paths...]", "files or folders (default: scenarios/ and rubrics/)")
    .addOption(new Option("--format <format>", "output format").choices(["text", "json", "github", "junit", "tap"]).default("text"))
    .option("--json", "same as --format json")
    .option("--update", "rewrite the expectations from the current scores")
    .addOption(contentOption())
    .action(async (paths, options) => run(async (io) => (await import("../commands/test.js")).runTest({ ...options, paths }, io), color()));

  program
    .command("new")
    .description("write a new scenario or rubric file")
    .addArgument(new Command().createArgument("<kind>", "scenario or rubric").choices(["scenario", "rubric"]))
    .option("-y, --yes", "ask nothing; use the options and defaults")
    .option("--id <id>", "the id")
    .option("--title <title>", "the title")
    .option("--out <file>", "where to write it (default: scenarios/ID.yaml or rubrics/ID.yaml)")
    .option("--force", "overwrite an existing file")
    .action(async (kind, options) => run(async (io) => (await import("../commands/new.js")).runNew({ ...options, kind }, io), color()));

  program
    .command("schema")
    .description("write the JSON Schemas beside your scenarios and rubrics, for the $schema line editors use")
    .argument("[folders...]", "where to write them (default: scenarios/, and rubrics/ when there is one)")
    .option("--force", "replace a schema that differs from this version's")
    .action(async (folders, options) =>
      run(async (io) => (await import("../commands/schema.js")).runSchema({ ...options, folders }, io), color()),
    );

  const history = program
    .command("history")
    .description("past sessions, newest first")
    .option("--scenario <id>", "only this scenario")
    .option("--since <date>", "only sessions on or after this date (YYYY-MM-DD, UTC)")
    .option("--until <date>", "only sessions on or before this date (YYYY-MM-DD, UTC)")
    .option("--json", "print JSON")
    .action(async (options) => run(async (io) => (await import("../commands/history.js")).runHistory(options, io), color()));
  history
    .command("show")
    .description("a past session's transcript and scorecard")
    .argument("<id>", "the session id (or a unique start of it)")
    .option("--json", "print JSON")
    // `history show ID --json`: commander gives --json to `history`, which declares it too; take both.
    .action(async (id, _options, command: Command) =>
      run(async (io) => (await import("../commands/history.js")).runHistoryShow({ ...command.optsWithGlobals(), id }, io), color()),
    );

  program
    .command("progress")
    .description("your trend per criterion, best and latest scores, and what to work on next")
    .option("--from <file>", "sessions exported by `coach export` (a team view); repeatable", collect)
    .option("--json", "print JSON")
    .action(async (options) => run(async (io) => (await import("../commands/progress.js")).runProgress(options, io), color()));

  program
    .command("report")
    .description("a standalone report of a session, to open or attach")
    .argument("<session>", "a session id from the history, or a saved session file")
    .option("--html <file>", "write an HTML report")
    .option("--md <file>", "write a Markdown report")
    .option("--force", "overwrite an existing file")
    .addOption(contentOption())
    .action(async (session, options) =>
      run(async (io) => (await import("../commands/report.js")).runReport({ ...options, session }, io), color()),
    );

  program
    .command("export")
    .description("the history as JSON Lines")
    .option("--out <file>", "write to a file instead of standard output")
    .option("--force", "overwrite an existing file")
    .action(async (options) => run(async (io) => (await import("../commands/export.js")).runExport(options, io), color()));

  program
    .command("import")
    .description("add sessions from JSON Lines (from `coach export`) to the history")
    .argument("<file>", "the file to import; - reads standard input")
    .action(async (file) => run(async (io) => (await import("../commands/export.js")).runImport({ file }, io), color()));

  return program;
}

export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has printed its message (or the help/version) already.
      process.exitCode = error.exitCode === 0 ? 0 : EXIT_USAGE;
      return;
    }
    throw error;
  }
}

// `coach history | head` closes the pipe early: the reader's choice, not an error. A full disk or a
// terminal that went away is said plainly, exit 2 (src/cli/output.ts).
guardOutput(process.stdout, process.stderr);

await main(process.argv);
