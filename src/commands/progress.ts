/**
 * `coach progress`: the trend per criterion, best and latest per scenario and what to work on next,
 * from the user's history; with `--from FILE...` (files written by `coach export`), the team view.
 * Stays on a short path: no content, no NLP model, no schemas; the history's summaries are cached.
 */
import { existsSync } from "node:fs";
import { basename, extname } from "node:path";
import { UsageError } from "../cli/errors.js";
import type { Io } from "../cli/io.js";
import { computeProgress } from "../history/progress.js";
import { computeTeam, groupByTrainee } from "../history/team.js";
import { progressJsonText, renderProgress, renderTeam } from "../report/progress.js";
import { makeStyle } from "../report/style.js";
import { openHistory, openOrFail } from "./history.js";

export interface ProgressOptions {
  from?: string[];
  json?: boolean;
}

export async function runProgress(options: ProgressOptions, io: Io): Promise<number> {
  const style = makeStyle(io.color);
  if (options.from !== undefined && options.from.length > 0) {
    const sources = options.from.map((file) => {
      if (!existsSync(file))
        throw new UsageError(`cannot read ${file}: no such file`, "each trainee writes one with `coach export --out FILE`");
      const index = openOrFail(file, io, false);
      if (index.summaries.length === 0 && index.warnings.length > 0) {
        throw new UsageError(`${file} holds no sessions`, "--from takes files written by `coach export`");
      }
      return { label: basename(file, extname(file)), summaries: index.summaries, load: index.load };
    });
    const team = computeTeam(groupByTrainee(sources));
    io.stdout.write(options.json === true ? `${progressJsonText(team)}\n` : renderTeam(team, style, sources.length));
    return 0;
  }
  const index = openHistory(io);
  const progress = computeProgress(index.summaries, index.load);
  io.stdout.write(options.json === true ? `${progressJsonText(progress)}\n` : renderProgress(progress, style));
  return 0;
}
