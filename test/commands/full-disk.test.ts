/**
 * Files a command writes for the user, on a disk that is full (a real tmpfs, filled): a plain
 * message, exit 2 (or the file listed as not updated), and no half-written file left behind that
 * looks finished.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { binPath, repoRoot, runCli, tempDir } from "../helpers/cli.js";
import { inMountNamespace } from "../helpers/tmpfs.js";

const THREE = join(repoRoot, "test", "history", "fixtures", "three-and-partial.jsonl");
const SESSION = "20260102-090000-bike-shifter-0001";

describe("writing files on a full disk", () => {
  it("new, report, export and test --update fail plainly and leave no partial file", { timeout: 120_000 }, () => {
    const dir = tempDir("coach-fulldisk-");
    const disk = join(dir, "disk");
    const coach = `'${process.execPath}' '${binPath}'`;
    // A scenario whose example expects a level it does not get, so --update has something to write.
    const scenario = readFileSync(join(repoRoot, "scenarios", "bike-shifter.yaml"), "utf8")
      .replace(/^id: bike-shifter$/m, "id: full-one")
      .replace(/^examples:\n/m, 'examples:\n  - reply: "The producer is slow, not our fault."\n    expect: { ownership: 3 }\n');
    writeFileSync(join(dir, "scenario.yaml"), scenario);
    const script = `
      mkdir -p '${disk}' && mount -t tmpfs -o size=64k tmpfs '${disk}'
      mkdir '${disk}/scenarios' && cp '${dir}/scenario.yaml' '${disk}/scenarios/full-one.yaml'
      cp '${disk}/scenarios/full-one.yaml' '${dir}/before.yaml'
      cat /dev/zero > '${disk}/filler' 2>/dev/null || true
      export COACH_HISTORY='${THREE}' XDG_CACHE_HOME='${dir}/cache' NO_COLOR=1 HOME='${dir}'
      set +e
      ${coach} new scenario --yes --id full-new --out '${disk}/new.yaml' > '${dir}/new.out' 2>&1; echo "new=$?"
      ${coach} report ${SESSION} --md '${disk}/report.md' > '${dir}/report.out' 2>&1; echo "report=$?"
      ${coach} export --out '${disk}/export.jsonl' > '${dir}/export.out' 2>&1; echo "export=$?"
      cd '${disk}' && ${coach} test --update > '${dir}/test.out' 2>&1; echo "test=$?"
      ls -A '${disk}' | tr '\\n' ' ' | sed 's/^/files=/'; echo
      cmp -s '${disk}/scenarios/full-one.yaml' '${dir}/before.yaml' && echo "scenario=unchanged"
    `;
    const run = inMountNamespace(script);
    if (run === undefined) {
      // No tmpfs to be had: the same ENOSPC for the one writer that writes in place.
      const exported = runCli(["export", "--out", "/dev/full", "--force"], { env: { COACH_HISTORY: THREE } });
      expect(exported).toMatchObject({ code: 2, stderr: expect.stringContaining("the disk is full") });
      return;
    }
    expect(run.stderr).toBe("");
    const out = (name: string) => readFileSync(join(dir, `${name}.out`), "utf8");
    for (const name of ["new", "report", "export"]) {
      expect(run.stdout).toContain(`${name}=2`);
      expect(out(name)).toContain("the disk is full");
      expect(out(name)).not.toMatch(/internal error|\n\s+at /);
    }
    expect(run.stdout).toContain("test=1");
    expect(out("test")).toContain("could not be written: the disk is full");
    expect(out("test")).not.toMatch(/internal error|\n\s+at /);
    expect(run.stdout).toContain("files=filler scenarios \n");
    expect(run.stdout).toContain("scenario=unchanged");
  });
});
