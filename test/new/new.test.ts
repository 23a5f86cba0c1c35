/** `coach new`: the wizard, the scripted form, the schema line, and files that pass validate and test. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PassThrough, Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import type { Io } from "../../src/cli/io.js";
import { runNew, schemaReference } from "../../src/commands/new.js";
import { repoRoot, runCli, tempDir } from "../helpers/cli.js";

describe("coach new --yes", () => {
  it("writes a scenario and a rubric that pass validate and test, with their schemas beside them", () => {
    const dir = tempDir();
    const scenario = runCli(["new", "scenario", "--yes", "--id", "late-parcel", "--title", "A late parcel: where is it?"], { cwd: dir });
    expect(scenario.code).toBe(0);
    expect(scenario.stdout).toBe(
      [
        "wrote scenarios/late-parcel.yaml",
        "wrote scenarios/scenario.schema.json (the JSON Schema your editor completes and checks fields with)",
        "next: edit it, then run  coach validate scenarios/late-parcel.yaml && coach test scenarios/late-parcel.yaml",
        "",
      ].join("\n"),
    );
    const rubric = runCli(["new", "rubric", "--yes", "--id", "my-rubric"], { cwd: dir });
    expect(rubric.code).toBe(0);

    const text = readFileSync(join(dir, "scenarios", "late-parcel.yaml"), "utf8");
    expect(text.split("\n")[0]).toBe("# yaml-language-server: $schema=./scenario.schema.json");
    expect(text).toContain('title: "A late parcel: where is it?"');
    expect(readFileSync(join(dir, "scenarios", "scenario.schema.json"), "utf8")).toBe(
      readFileSync(join(repoRoot, "scenarios", "scenario.schema.json"), "utf8"),
    );
    expect(readFileSync(join(dir, "rubrics", "my-rubric.yaml"), "utf8")).toMatch(
      /^# yaml-language-server: \$schema=\.\/rubric\.schema\.json\n/,
    );
    expect(readFileSync(join(dir, "rubrics", "my-rubric.yaml"), "utf8")).toContain("title: My rubric");

    // Valid as written; the warnings point at the placeholder text left to replace, so --strict fails until it is.
    const validate = runCli(["validate"], { cwd: dir });
    expect(validate.stdout.match(/warning\[[a-z-]+\]/g)).toEqual(Array(4).fill("warning[placeholder-text]"));
    expect(validate.stdout).toContain(
      "scenarios/late-parcel.yaml:24:12: warning[placeholder-text]: `persona` still holds the placeholder text `coach new` wrote",
    );
    expect(validate.stdout).toMatch(/✓ 2 files checked: 0 errors, 4 warnings\n$/);
    expect(validate.code).toBe(0);
    expect(runCli(["validate", "--strict"], { cwd: dir }).code).toBe(1);
    const test = runCli(["test"], { cwd: dir });
    expect(test.stdout).toMatch(/✓ \d+ examples: \d+ passed, 0 failed\n$/);
    expect(test.code).toBe(0);
  });

  it("--out writes where it is told, and an existing file is never overwritten without --force", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "mine.yaml"), "keep me\n");
    const refused = runCli(["new", "scenario", "--yes", "--id", "x", "--out", "mine.yaml"], { cwd: dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe("coach: mine.yaml already exists\nhint: pass --force to overwrite it, or --out to write somewhere else\n");
    expect(readFileSync(join(dir, "mine.yaml"), "utf8")).toBe("keep me\n");
    const forced = runCli(["new", "scenario", "--yes", "--id", "x", "--out", "mine.yaml", "--force"], { cwd: dir });
    expect(forced.code).toBe(0);
    expect(readFileSync(join(dir, "mine.yaml"), "utf8")).toContain("id: x\n");
    expect(runCli(["validate", "mine.yaml"], { cwd: dir }).code).toBe(0);
  });

  it.each([
    { args: ["new", "scenario", "--yes"], stderr: "coach: --yes needs --id\n" },
    { args: ["new", "scenario", "--yes", "--id", "Late Parcel"], stderr: "coach: `Late Parcel` is not a valid id" },
    { args: ["new", "scenario", "--id", "late"], stderr: "coach: `coach new` asks its questions in a terminal, and this is not one\n" },
    { args: ["new", "lesson", "--yes", "--id", "x"], stderr: "value 'lesson' is invalid" },
  ])("usage errors exit 2: $args", ({ args, stderr }) => {
    const dir = tempDir();
    const result = runCli(args, { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(stderr);
    expect(existsSync(join(dir, "scenarios"))).toBe(false);
  });

  it("refuses an id the built-in content already uses", () => {
    const result = runCli(["new", "scenario", "--yes", "--id", "bike-shifter"], { cwd: tempDir() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^coach: a scenario with id `bike-shifter` exists already: .*bike-shifter\.yaml\nhint: pick another --id/,
    );
  });

  it("suggests an id when the one given is not valid", () => {
    const result = runCli(["new", "scenario", "--yes", "--id", "Late Parcel!"], { cwd: tempDir() });
    expect(result.stderr).toContain("hint: for example: --id late-parcel");
  });
});

describe("schemaReference", () => {
  const pkg = "/project/node_modules/complaint-coach";
  const has = (paths: string[]) => (p: string) => paths.includes(p);

  it("uses a schema already beside the file", () => {
    expect(
      schemaReference("/project/scenarios/x.yaml", "scenario", "/project", pkg, has(["/project/scenarios/scenario.schema.json"])),
    ).toEqual({
      ref: "./scenario.schema.json",
      copyFrom: `${pkg}/scenarios/scenario.schema.json`,
    });
  });

  it("points into node_modules when the package is installed in the project", () => {
    const exists = has([`${pkg}/scenarios/scenario.schema.json`, `${pkg}/rubrics/rubric.schema.json`]);
    expect(schemaReference("/project/scenarios/x.yaml", "scenario", "/project", pkg, exists).ref).toBe(
      "../node_modules/complaint-coach/scenarios/scenario.schema.json",
    );
    expect(schemaReference("/project/content/rubrics/y.yaml", "rubric", "/project", pkg, exists).ref).toBe(
      "../../node_modules/complaint-coach/rubrics/rubric.schema.json",
    );
  });

  it("writes a copy beside the file when the package lives elsewhere (global install, npx)", () => {
    const global = "/usr/lib/node_modules/complaint-coach";
    expect(
      schemaReference("/project/scenarios/x.yaml", "scenario", "/project", global, has([`${global}/scenarios/scenario.schema.json`])),
    ).toEqual({
      ref: "./scenario.schema.json",
      copyTo: "/project/scenarios/scenario.schema.json",
      copyFrom: `${global}/scenarios/scenario.schema.json`,
    });
  });

  it("in this repository, a new scenario uses the shipped schema beside it", () => {
    expect(schemaReference(join(repoRoot, "scenarios", "new-one.yaml"), "scenario", repoRoot).ref).toBe("./scenario.schema.json");
  });
});

/** A terminal in memory: keystrokes in, the screen out. */
function terminalIo(cwd: string): { io: Io; type: (text: string) => void; screen: () => string } {
  const stdin = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => stdin });
  let screen = "";
  const stdout = Object.assign(
    new Writable({
      write(chunk, _encoding, done) {
        screen += String(chunk);
        done();
      },
    }),
    // Like process.stdout, the screen outlives each prompt: the prompt library pipes into it and
    // would otherwise end it when the first question is answered.
    { isTTY: true, columns: 100, rows: 40, end: () => undefined },
  );
  const io: Io = { stdin, stdout, stderr: stdout, env: {}, cwd, now: () => new Date(0), color: false };
  return { io, type: (text) => stdin.write(text), screen: () => screen };
}

/** Types each answer once its question is on the screen, as a person would. */
async function answer(screen: () => string, type: (text: string) => void, steps: Array<[question: string, keys: string]>): Promise<void> {
  let seen = 0;
  for (const [question, keys] of steps) {
    for (let waited = 0; !screen().slice(seen).includes(question); waited += 10) {
      if (waited > 10_000) throw new Error(`never asked ${JSON.stringify(question)}; the screen shows:\n${screen()}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    seen = screen().length;
    type(keys);
  }
}

describe("coach new in a terminal", () => {
  it("asks for the essentials and writes a scenario with the answers", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, "scenarios"));
    const { io, type, screen } = terminalIo(dir);
    const done = runNew({ kind: "scenario" }, io);
    // The title keeps its default; the rubric is not asked when there is only one.
    await answer(screen, type, [
      ["Scenario id", "missed-pickup\r"],
      ["Title", "\r"],
      ["name", "David\r"],
      ["want", "His bins emptied, and a date he can trust\r"],
      ["opening line", "Five days in a row I've been told tomorrow.\r"],
      ["Difficulty", "\u001b[B\r"],
    ]);
    expect(await done).toBe(0);
    const text = readFileSync(join(dir, "scenarios", "missed-pickup.yaml"), "utf8");
    expect(text).toContain("id: missed-pickup\n");
    expect(text).toContain("title: Missed pickup\n");
    expect(text).toContain("  name: David\n");
    expect(text).toContain("  wants: His bins emptied, and a date he can trust\n");
    expect(text).toContain("    customer: Five days in a row I've been told tomorrow.\n");
    expect(text).toContain("difficulty: hard\n");
    expect(screen()).toContain("Scenario id");
    expect(screen()).toContain("wrote scenarios/missed-pickup.yaml");
    expect(runCli(["validate", "scenarios/missed-pickup.yaml"], { cwd: dir }).code).toBe(0);
  });

  it("Ctrl-C leaves without writing anything (exit 130)", async () => {
    const dir = tempDir();
    const { io, type, screen } = terminalIo(dir);
    const done = runNew({ kind: "rubric" }, io);
    await answer(screen, type, [["Rubric id", "\u0003"]]);
    await expect(done).rejects.toMatchObject({ exitCode: 130, message: "cancelled; nothing was written" });
    expect(existsSync(join(dir, "rubrics"))).toBe(false);
  });
});
