/**
 * Scoring is a pure function of the reply, the scenario, the turn and the rubric (SPEC): the same
 * corpus scored in one process in several orders, and replies scored alone in a fresh process, give
 * identical results, evidence and feedback included.
 *
 * The corpus is every labelled reply in test/calibration/*.jsonl, every shipped model answer at its
 * own turn, and a few probes for a leak once found: after a reply that ends a phrase with a
 * possessive ("it's still at the producer's."), a later "it's the producer's fault" was not read as
 * blame, because wink-nlp's lexicon had learned "producer's" as one word (see src/engine/normalise.ts).
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { RubricSpec, ScenarioSpec } from "../../src/content/schema.js";
import { type ReplyScore, scoreReply } from "../../src/engine/score.js";
import { repoRoot } from "../helpers/cli.js";
import { shipped } from "../helpers/content.js";
import { type CorpusReply, labelledReplies, modelAnswers } from "../helpers/corpus.js";
import { seeded, shuffled } from "../helpers/random.js";

/** Replies whose words once changed how later replies were read; one scenario each way. */
const PROBES: CorpusReply[] = [
  ["bike-shifter", "I've checked, and it's still at the producer's."],
  ["bike-shifter", "Honestly, it's the producer's fault, not the shop's."],
  ["double-charge", "The second payment is sitting at the bank's. It's the bank's mistake, not ours."],
  ["double-charge", "That's the bank's fault, not ours."],
  ["missed-bin", "Your bin was left at the neighbour's, it's the crew's fault."],
  ["missed-bin", "It's the crew's fault, I'm afraid."],
].map(([scenario, reply], i) => ({ scenario: scenario as string, turn: undefined, reply: reply as string, source: `probe ${i + 1}` }));

const corpus: CorpusReply[] = [...labelledReplies(), ...modelAnswers(), ...PROBES];

function contentFor(item: CorpusReply): { scenario: ScenarioSpec; rubric: RubricSpec } {
  const scenario = shipped.scenarios.get(item.scenario)?.data;
  if (scenario === undefined) throw new Error(`${item.source}: unknown scenario ${item.scenario}`);
  const rubric = shipped.rubrics.get(scenario.rubric)?.data;
  if (rubric === undefined) throw new Error(`${item.source}: unknown rubric ${scenario.rubric}`);
  return { scenario, rubric };
}

/** Scores the items in the given order; results by corpus index, as JSON (every field compared). */
function scoreInOrder(order: readonly number[]): Map<number, string> {
  const out = new Map<number, string>();
  for (const i of order) {
    const item = corpus[i] as CorpusReply;
    const { scenario, rubric } = contentFor(item);
    out.set(i, JSON.stringify(scoreReply(item.reply, scenario, item.turn, rubric)));
  }
  return out;
}

/** What differs, reply by reply: the reply and the first field that is not the same. */
function differences(expected: Map<number, string>, got: Map<number, string>): string[] {
  const out: string[] = [];
  for (const [i, want] of expected) {
    const have = got.get(i);
    if (have === want) continue;
    const item = corpus[i] as CorpusReply;
    out.push(`${item.source} ${JSON.stringify(item.reply.slice(0, 80))}: ${firstDifference(JSON.parse(want), JSON.parse(have ?? "null"))}`);
  }
  return out;
}

function firstDifference(a: unknown, b: unknown, path = "result"): string {
  if (JSON.stringify(a) === JSON.stringify(b)) return "";
  if (a !== null && b !== null && typeof a === "object" && typeof b === "object") {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const found = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}.${key}`);
      if (found !== "") return found;
    }
  }
  return `${path}: ${JSON.stringify(a)} then ${JSON.stringify(b)}`;
}

const indices = corpus.map((_, i) => i);
const orders: Array<[string, number[]]> = [
  ["reverse", [...indices].reverse()],
  ["a shuffle (seed 1)", shuffled(indices, seeded(1))],
  ["a shuffle (seed 2)", shuffled(indices, seeded(2))],
  ["forward again", indices],
];

/** Scores one reply in a fresh node process (the built engine, nothing scored before it). */
function scoreAlone(item: CorpusReply): Promise<string> {
  const { scenario, rubric } = contentFor(item);
  const script = [
    "const { scoreReply } = await import(process.argv[1]);",
    'let input = "";',
    "for await (const chunk of process.stdin) input += chunk;",
    "const { reply, scenario, turn, rubric } = JSON.parse(input);",
    "process.stdout.write(JSON.stringify(scoreReply(reply, scenario, turn ?? undefined, rubric)));",
  ].join("\n");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--input-type=module", "-e", script, join(repoRoot, "dist", "engine", "score.js")], {
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
    });
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(stdout) : reject(new Error(`${item.source}: exit ${code}: ${stderr}`))));
    child.stdin.end(JSON.stringify({ reply: item.reply, scenario, turn: item.turn ?? null, rubric }));
  });
}

/**
 * A fresh process costs a third of a second (wink-nlp's model loads each time), so replies are scored
 * alone on a seeded sample, the probes and a model answer of each scenario always among them.
 */
const ALONE_SAMPLE = 12;

describe("scoring is a pure function: the same results in any order and in any process", () => {
  const forward = scoreInOrder(indices);

  it("covers the labelled sets, every model answer and the probes", () => {
    expect(corpus.length).toBeGreaterThan(350);
    expect(corpus.filter((c) => c.turn !== undefined).length).toBeGreaterThanOrEqual(shipped.scenarios.size * 2);
  });

  it.each(orders)("scored in %s order after a forward pass, every result is identical", (_name, order) => {
    expect(differences(forward, scoreInOrder(order))).toEqual([]);
  });

  it("each reply of a sample scored alone in a fresh process gives the same result", { timeout: 60_000 }, async () => {
    const models = new Map<string, number>();
    corpus.forEach((c, i) => {
      if (c.source.includes(" model ") && !models.has(c.scenario)) models.set(c.scenario, i);
    });
    const probes = corpus.flatMap((c, i) => (c.source.startsWith("probe") ? [i] : []));
    const rest = shuffled(
      indices.filter((i) => !probes.includes(i) && ![...models.values()].includes(i)),
      seeded(3),
    ).slice(0, ALONE_SAMPLE);
    const sample = [...probes, ...models.values(), ...rest];
    const alone = new Map<number, string>();
    // Two at a time: the machine has two cores and other test files run beside this one.
    for (let k = 0; k < sample.length; k += 2) {
      const batch = sample.slice(k, k + 2);
      const results = await Promise.all(batch.map((i) => scoreAlone(corpus[i] as CorpusReply)));
      batch.forEach((i, j) => {
        alone.set(i, results[j] as string);
      });
    }
    const expected = new Map(sample.map((i) => [i, forward.get(i) as string]));
    expect(differences(expected, alone)).toEqual([]);
  });

  it("a possessive at the end of a phrase does not change how later replies are read", () => {
    // The leak itself, in the smallest form: both orders, one process.
    const { scenario, rubric } = contentFor({ scenario: "bike-shifter", turn: undefined, reply: "", source: "" });
    const blame = (): ReplyScore => scoreReply("it's the producer's fault", scenario, undefined, rubric);
    const before = blame();
    scoreReply("I checked and it's still at the producer's.", scenario, undefined, rubric);
    const after = blame();
    expect(before.flags).toContain("blame");
    expect(after).toEqual(before);
  });
});
