/**
 * A trainer's fresh repository, from the README's steps alone: the package as `npm pack` makes it,
 * installed into a new folder (npm's cache first, the registry only for what it lacks), then each
 * line of the README's trainer block run there. And a built-in scenario copied into it keeps a
 * working `$schema` link once `coach schema` has run.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { repoRoot, tempDir } from "../helpers/cli.js";

function sh(command: string, args: string[], cwd: string): { code: number; stdout: string; stderr: string } {
  const result = spawnSync(command, args, {
    cwd,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", COACH_HISTORY: join(cwd, ".history.jsonl"), npm_config_update_notifier: "false" },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** The README's trainer block: each command, without its comment. */
function readmeSteps(): string[] {
  const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
  const block = /<!-- trainer-steps[^>]*-->\n```sh\n([\s\S]*?)```/.exec(readme)?.[1];
  if (block === undefined) throw new Error("README.md has no trainer-steps block");
  return block
    .split("\n")
    .map((line) => line.replace(/\s+#.*$/, "").trim())
    .filter((line) => line !== "");
}

describe("coach installed in a trainer's repository", () => {
  let tarball = "";
  const repo = tempDir("coach-trainer-repo-");

  beforeAll(() => {
    const packDir = tempDir("coach-pack-");
    // dist/ is built by the test setup; the tarball carries it, as a published package does.
    const pack = sh("npm", ["pack", "--ignore-scripts", "--silent", "--pack-destination", packDir], repoRoot);
    expect(pack.code, pack.stderr).toBe(0);
    tarball = join(packDir, readdirSync(packDir).find((f) => f.endsWith(".tgz")) as string);
  }, 120_000);

  it("the README's steps run there: install, new, schema, validate, test", () => {
    const steps = readmeSteps();
    expect(steps[0]).toBe("npm init -y");
    expect(steps).toContain("npx coach validate");
    expect(steps).toContain("npx coach test");
    for (const step of steps) {
      const [command, ...args] = step.split(/\s+/) as [string, ...string[]];
      // The package is not on the registry from here: the tarball `npm pack` made stands in for it.
      const install = command === "npm" && args[0] === "install";
      const argv = install
        ? ["install", "--prefer-offline", "--no-audit", "--no-fund", ...args.slice(1).map((a) => (a === "complaint-coach" ? tarball : a))]
        : args;
      const result = sh(command, argv, repo);
      expect(result.code, `${step}\n${result.stdout}\n${result.stderr}`).toBe(0);
      if (step === "npx coach validate") expect(result.stdout).toMatch(/✓ 1 file checked: 0 errors, \d+ warnings?\n$/);
      if (step === "npx coach test") expect(result.stdout).toMatch(/✓ \d+ examples: \d+ passed, 0 failed\n$/);
    }
    expect(existsSync(join(repo, "node_modules", ".bin", "coach"))).toBe(true);
    expect(existsSync(join(repo, "scenarios", "scenario.schema.json"))).toBe(true);
  }, 240_000);

  it("a built-in scenario copied in keeps a working $schema link, and validate says when one is broken", () => {
    const copy = join(repo, "scenarios", "my-shifter.yaml");
    copyFileSync(join(repo, "node_modules", "complaint-coach", "scenarios", "bike-shifter.yaml"), copy);
    writeFileSync(copy, readFileSync(copy, "utf8").replace(/^id: bike-shifter$/m, "id: my-shifter"));
    expect(readFileSync(copy, "utf8").split("\n")[0]).toBe("# yaml-language-server: $schema=./scenario.schema.json");
    const clean = sh("npx", ["coach", "validate", "scenarios/my-shifter.yaml"], repo);
    expect(clean.stdout).toMatch(/✓ 1 file checked: (no problems|0 errors, \d+ warnings?)\n$/);
    expect(clean.stdout).not.toContain("schema-link");
    const moved = tempDir("coach-moved-");
    copyFileSync(copy, join(moved, "my-shifter.yaml"));
    const broken = sh("npx", ["--prefix", repo, "coach", "validate", join(moved, "my-shifter.yaml")], repo);
    expect(broken.stdout).toContain("warning[schema-link]: the `$schema` line points at ./scenario.schema.json, which is not there");
    expect(broken.stdout).toContain("hint: run `coach schema` to write the schemas beside your files");
  });
});
