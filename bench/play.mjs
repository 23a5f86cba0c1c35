/**
 * `coach play bike-shifter --answers FILE`: time from start to the customer's first line on standard
 * output, against `node -e 0` measured in the same run: within 4x. Also shows the whole scripted
 * session, for information (it includes loading the NLP model and scoring every reply).
 */
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../", import.meta.url));
const bin = join(root, "dist", "cli", "main.js");
const runs = 11;
const dir = mkdtempSync(join(tmpdir(), "coach-bench-play-"));
const answers = join(dir, "answers.txt");
writeFileSync(answers, "I'm sorry. I will call the producer tomorrow at 8:30 and call you by 10.\n/quit\n");
const env = { ...process.env, NO_COLOR: "1", COACH_HISTORY: join(dir, "history.jsonl") };

/** Milliseconds until `marker` appears on standard output (or until exit, without a marker). */
function timeTo(args, marker) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let seen = false;
    child.stdout.on("data", (chunk) => {
      out += chunk;
      if (!seen && marker !== undefined && out.includes(marker)) {
        seen = true;
        resolve(Number(process.hrtime.bigint() - start) / 1e6);
      }
    });
    child.on("exit", (code) => {
      if (seen) return;
      if (marker === undefined) resolve(Number(process.hrtime.bigint() - start) / 1e6);
      else reject(new Error(`${args.join(" ")} exited ${code} without printing ${JSON.stringify(marker)}`));
    });
  });
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 0 ? (sorted[mid - 1] + sorted[mid]) / 2 : sorted[mid];
};

const play = [bin, "play", "bike-shifter", "--answers", answers, "--no-save"];
const times = { baseline: [], first: [], session: [] };
await timeTo(play, "Sander: "); // warm the file cache
for (let i = 0; i < runs; i++) {
  // Interleaved, so a busy moment on the machine weighs on both sides alike.
  times.baseline.push(await timeTo(["-e", "0"]));
  times.first.push(await timeTo(play, "Sander: "));
  times.session.push(await timeTo(play));
}
const baseline = median(times.baseline);
const first = median(times.first);
const ok = first <= 4 * baseline;
const line = (name, ms, verdict = "") => console.log(`${name.padEnd(52)} ${ms.toFixed(1).padStart(10)} ms${verdict}`);
line("node -e 0 (baseline)", baseline);
line(
  "coach play: start to the first customer line",
  first,
  `  ${ok ? "ok" : "OVER"} (${(first / baseline).toFixed(2)}x baseline, target <= 4x)`,
);
line("coach play: a scripted session of one reply", median(times.session));
process.exitCode = ok ? 0 : 1;
