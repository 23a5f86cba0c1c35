/**
 * Replies to score in bulk: every labelled reply in test/calibration/*.jsonl (at its turn, or the
 * opening one) and every shipped scenario's model answers at their own turns.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "./cli.js";
import { shipped } from "./content.js";

export interface CorpusReply {
  scenario: string;
  turn: string | undefined;
  reply: string;
  /** Where it comes from: "labelled.jsonl:12", "bike-shifter model (open)". */
  source: string;
}

export function labelledReplies(): CorpusReply[] {
  const dir = join(repoRoot, "test", "calibration");
  const out: CorpusReply[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith(".jsonl"))
    .sort()) {
    readFileSync(join(dir, file), "utf8")
      .split("\n")
      .forEach((line, i) => {
        if (line.trim() === "") return;
        const row = JSON.parse(line) as { scenario: string; turn?: string; reply: string };
        out.push({ scenario: row.scenario, turn: row.turn, reply: row.reply, source: `${file}:${i + 1}` });
      });
  }
  return out;
}

export function modelAnswers(): CorpusReply[] {
  const out: CorpusReply[] = [];
  for (const { data } of shipped.scenarios.values())
    for (const turn of data.turns)
      out.push({ scenario: data.id, turn: turn.id, reply: turn.model, source: `${data.id} model (${turn.id})` });
  return out;
}
