/**
 * The history at scale, each against a baseline measured in the same run:
 * - `coach export` of a 700 MB history (120,000 real sessions) in a 256 MB heap, against merely
 *   parsing every line of the same file with JSON.parse in node (readline): export also checks each
 *   record with the schema and writes it. Target: within 3x of the parse.
 * - `coach history` at 140,000 sessions against 1,400: the summary cache makes later runs about the
 *   cost of reading it. Target: within 20x for 100x the sessions (it lists every one of them).
 */
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bin, medianOf, report, root, timeCommand } from "./lib.mjs";

const dir = mkdtempSync(join(tmpdir(), "coach-bench-history-"));
const base = readFileSync(join(root, "test", "history", "fixtures", "three-and-partial.jsonl"), "utf8")
  .trimEnd()
  .split("\n");

function writeHistory(file, bytes) {
  const fd = openSync(file, "w");
  let written = 0;
  let n = 0;
  while (written < bytes) {
    const block = [];
    for (let i = 0; i < 1000; i++, n++) block.push(base[n % base.length].replace(/"id":"([^"]+)"/, `"id":"$1-${n}"`));
    const text = `${block.join("\n")}\n`;
    writeSync(fd, text);
    written += text.length;
  }
  closeSync(fd);
  return n;
}

function smallSessions(file, n) {
  const fd = openSync(file, "w");
  for (let i = 0; i < n; i += 1000) {
    const lines = [];
    for (let j = i; j < Math.min(n, i + 1000); j++) {
      const at = new Date(Date.UTC(2025, 0, 1) + j * 60_000).toISOString();
      lines.push(
        JSON.stringify({
          version: 1,
          id: `s${j}`,
          scenario: "bike-shifter",
          rubric: "complaint-handling",
          mode: "practice",
          startedAt: at,
          endedAt: at,
          partial: false,
          turns: [],
          ledger: [],
          result: {
            scenario: "bike-shifter",
            rubric: "complaint-handling",
            mode: "practice",
            partial: false,
            turns: 1,
            score: 50,
            criteria: [],
            flags: [],
            changes: [],
            ledger: [],
            finalMood: 5,
          },
        }),
      );
    }
    writeSync(fd, `${lines.join("\n")}\n`);
  }
  closeSync(fd);
}

let ok = true;
try {
  const big = join(dir, "big.jsonl");
  const sessions = writeHistory(big, 700e6);
  const mb = (statSync(big).size / 1e6).toFixed(0);
  const parse = medianOf(3, () =>
    timeCommand(process.execPath, [
      "-e",
      `const rl = require("node:readline").createInterface({ input: require("node:fs").createReadStream(${JSON.stringify(big)}) }); let n = 0; rl.on("line", (l) => { if (l !== "") { JSON.parse(l); n++; } }); rl.on("close", () => console.log(n));`,
    ]),
  );
  const out = join(dir, "out.jsonl");
  const exported = medianOf(3, () =>
    timeCommand(process.execPath, [bin, "export", "--out", out, "--force"], {
      env: { ...process.env, COACH_HISTORY: big, NODE_OPTIONS: "--max-old-space-size=256" },
    }),
  );
  report(`JSON.parse every line of ${mb} MB (baseline)`, parse.toFixed(0), "ms");
  ok =
    report(`coach export, ${sessions} sessions, 256 MB heap`, exported.toFixed(0), "ms", {
      ok: exported <= 3 * parse,
      text: `${(exported / parse).toFixed(1)}x the parse, target <= 3x`,
    }) && ok;
  rmSync(big);
  rmSync(out);

  const env = (file) => ({ ...process.env, NO_COLOR: "1", COACH_HISTORY: file, XDG_CACHE_HOME: join(dir, "cache") });
  const few = join(dir, "few.jsonl");
  const many = join(dir, "many.jsonl");
  smallSessions(few, 1_400);
  smallSessions(many, 140_000);
  const historyFew = medianOf(5, () => timeCommand(process.execPath, [bin, "history"], { env: env(few) }));
  const historyMany = medianOf(5, () => timeCommand(process.execPath, [bin, "history"], { env: env(many) }));
  report("coach history, 1,400 sessions (baseline)", historyFew.toFixed(0), "ms");
  ok =
    report("coach history, 140,000 sessions", historyMany.toFixed(0), "ms", {
      ok: historyMany <= 20 * historyFew,
      text: `${(historyMany / historyFew).toFixed(1)}x the 1,400-session time, target <= 20x`,
    }) && ok;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exitCode = ok ? 0 : 1;
