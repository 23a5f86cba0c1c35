/** Records for the report tests: the frozen fixtures, and one whose words try to break out of the markup. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { SessionRecord } from "../../src/history/record.js";
import { repoRoot } from "../helpers/cli.js";
import { play } from "../history/sessions-fixture.js";

export function fixtureRecords(name = "three-and-partial.jsonl"): SessionRecord[] {
  return readFileSync(join(repoRoot, "test", "history", "fixtures", name), "utf8")
    .trimEnd()
    .split("\n")
    .map((line) => JSON.parse(line) as SessionRecord);
}

export const HOSTILE_REPLY =
  "I'm so sorry about your bike <script>alert(\"x\")</script> & <b>Sander</b> **not bold** [a link](http://evil.test) | cell. I'll call the producer at 8:30 tomorrow and ring you by 10.\n# not a heading\n1. not a list";

export function hostileRecord(): SessionRecord {
  const record = play({
    scenario: "bike-shifter",
    replies: [HOSTILE_REPLY, "It's not our fault, the producer is slow."],
    at: "2026-01-07T10:00:00.000Z",
  });
  return { ...record, scenarioTitle: 'Title <img src=x onerror="alert(1)">', trainee: "</td><script>bad()</script>" };
}
