/**
 * The HTML report in a real browser: headless Chromium (Debian's `chromium`) opens the file, runs it,
 * and takes a screenshot. It must render (the inline script marks the page), hold the chart, and log
 * nothing to the console (a blocked request or a script error would show there).
 *
 * Chromium is required, not optional: without it this test fails and says how to install it.
 * COACH_CHROMIUM names another binary.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { repoRoot, runCli, tempDir } from "../helpers/cli.js";

function findChromium(): string {
  const candidates = [process.env.COACH_CHROMIUM, "chromium", "chromium-browser", "google-chrome"].filter(
    (c): c is string => c !== undefined && c !== "",
  );
  for (const candidate of candidates) {
    const probe = spawnSync(candidate, ["--version"], { encoding: "utf8", timeout: 30_000 });
    if (probe.status === 0) return candidate;
  }
  throw new Error(
    "Chromium is needed to check the HTML report and was not found (tried chromium, chromium-browser, google-chrome). " +
      "Install it with `apt-get install -y chromium` (.ci/run does), or set COACH_CHROMIUM to a Chromium binary.",
  );
}

function chromium(binary: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const profile = tempDir("coach-chromium-profile-");
  const result = spawnSync(
    binary,
    [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--hide-scrollbars",
      `--user-data-dir=${profile}`,
      "--enable-logging=stderr",
      "--v=0",
      ...args,
    ],
    { encoding: "utf8", timeout: 90_000, maxBuffer: 64 * 1024 * 1024 },
  );
  return { status: result.status, stdout: result.stdout ?? "", stderr: result.stderr ?? "" };
}

/** Console messages, which Chromium logs as `INFO:CONSOLE:12] "message", source: ...`. */
function consoleLines(stderr: string): string[] {
  return stderr.split("\n").filter((line) => /:CONSOLE[(:\]]/.test(line));
}

describe("the HTML report in headless Chromium", () => {
  it("renders with its chart, and logs nothing to the console", { timeout: 180_000 }, () => {
    const binary = findChromium();
    const dir = tempDir("coach-chromium-");
    const history = join(dir, "history.jsonl");
    copyFileSync(join(repoRoot, "test", "history", "fixtures", "bob.jsonl"), history);
    const html = join(dir, "report.html");
    const written = runCli(["report", "20260106-140000", "--html", html], {
      env: { COACH_HISTORY: history, XDG_CACHE_HOME: join(dir, "cache") },
    });
    expect(written.code, written.stderr).toBe(0);
    const url = pathToFileURL(html).href;

    const dom = chromium(binary, ["--dump-dom", url]);
    expect(dom.status, dom.stderr.slice(-2000)).toBe(0);
    expect(consoleLines(dom.stderr)).toEqual([]);
    expect(dom.stdout).toMatch(/<body[^>]*data-rendered="1"/);
    expect(dom.stdout).toMatch(/<svg[^>]*class="chart"/);
    expect(dom.stdout.match(/<g class="criterion"/g)).toHaveLength(4);
    expect(dom.stdout).toContain('<mark class="lost"');

    const png = join(dir, "report.png");
    const shot = chromium(binary, [`--screenshot=${png}`, "--window-size=1200,2000", url]);
    expect(shot.status, shot.stderr.slice(-2000)).toBe(0);
    expect(consoleLines(shot.stderr)).toEqual([]);
    expect(existsSync(png)).toBe(true);
    const bytes = readFileSync(png);
    expect(bytes.subarray(1, 4).toString("latin1")).toBe("PNG");
    expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([1200, 2000]);
    // A blank page compresses to a few kilobytes; a rendered report with text and a chart does not.
    expect(statSync(png).size).toBeGreaterThan(50_000);
  });
});
