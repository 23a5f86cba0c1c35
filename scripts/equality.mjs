#!/usr/bin/env node
// A dump of everything the engine says about a fixed corpus, to prove a speed-up changed no result.
// Run `npm run build` first, then `node scripts/equality.mjs [OUT]` (default /tmp/coach-equality.json);
// it prints the dump's sha256. Before and after a change the dumps must be byte-identical.
//
// The corpus: every reply in test/calibration/**/*.jsonl, at its own scenario and turn (where the line
// has them; else the opening), once more at the opening, and once with the rules alone; every
// scenario's model answer at its own turn (shipped, and those of every calibration set); the weighting's
// features of each labelled reply; and the CLI's `score --replies --json` over all of it.
import { createHash } from "node:crypto";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// COACH_ROOT: another checkout to dump (its dist/), to compare a branch with main.
const root = process.env.COACH_ROOT ?? join(import.meta.dirname, "..");
const { loadCatalog } = await import(join(root, "dist/authoring/checked-catalog.js"));
const { discoverContent } = await import(join(root, "dist/content/files.js"));
const { modelFor, replyFeatures, scoreReply } = await import(join(root, "dist/engine/score.js"));

const out = process.argv[2] ?? join(tmpdir(), "coach-equality.json");
const calibration = join(root, "test/calibration");
const catalog = loadCatalog(
  discoverContent({
    cwd: root,
    content: [
      ...readdirSync(calibration)
        .filter((name) => statSync(join(calibration, name)).isDirectory())
        .sort()
        .map((name) => join(calibration, name, "scenarios")),
      root,
    ],
  }),
);

function jsonlFiles(dir) {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return jsonlFiles(path);
      return name.endsWith(".jsonl") ? [path] : [];
    });
}

const rows = [];
for (const file of jsonlFiles(calibration)) {
  readFileSync(file, "utf8")
    .split("\n")
    .forEach((line, i) => {
      if (line.trim() === "") return;
      const row = JSON.parse(line);
      rows.push({ source: `${file.slice(calibration.length + 1)}:${i + 1}`, scenario: row.scenario, turn: row.turn, reply: row.reply });
    });
}
for (const { data } of [...catalog.scenarios.values()].sort((a, b) => (a.data.id < b.data.id ? -1 : 1)))
  for (const turn of data.turns) rows.push({ source: `${data.id} model (${turn.id})`, scenario: data.id, turn: turn.id, reply: turn.model });

const features = (f) => ({ ...f, spans: f.spans instanceof Map ? [...f.spans] : f.spans });
const dump = rows.map((row) => {
  const scenario = catalog.scenarios.get(row.scenario).data;
  const rubric = catalog.rubrics.get(scenario.rubric).data;
  return {
    source: row.source,
    atTurn: scoreReply(row.reply, scenario, row.turn, rubric),
    atOpening: row.turn === undefined ? undefined : scoreReply(row.reply, scenario, undefined, rubric),
    rulesOnly: scoreReply(row.reply, scenario, row.turn, rubric, { weighting: false }),
    features: features(replyFeatures(row.reply, modelFor(rubric, scenario, row.turn), row.turn)),
  };
});

// The CLI over the shipped scenarios' replies (it reads only the shipped content).
const dir = mkdtempSync(join(tmpdir(), "coach-equality-"));
const shipped = new Set(readdirSync(join(root, "scenarios")).map((f) => f.replace(/\.yaml$/, "")));
const lines = rows
  .filter((r) => shipped.has(r.scenario))
  .map((r, i) => JSON.stringify({ id: i, scenario: r.scenario, ...(r.turn === undefined ? {} : { turn: r.turn }), reply: r.reply }));
writeFileSync(join(dir, "replies.jsonl"), `${lines.join("\n")}\n`);
const cli = spawnSync(process.execPath, [join(root, "dist/cli/main.js"), "score", "--replies", join(dir, "replies.jsonl"), "--json"], {
  cwd: root,
  encoding: "utf8",
  maxBuffer: 512 * 1024 * 1024,
  env: { ...process.env, NO_COLOR: "1" },
});

const text = `${JSON.stringify({ engine: dump, cli: { status: cli.status, stdout: cli.stdout, stderr: cli.stderr } }, null, 1)}\n`;
writeFileSync(out, text);
console.log(`${createHash("sha256").update(text).digest("hex")}  ${out} (${rows.length} replies, ${lines.length} CLI lines)`);
