/**
 * Checks content as a set, after each file passed its schema: ids defined twice, references to
 * rubrics, criteria, rules, flags and turns that do not exist, turns nobody reaches or that never
 * reach the end, weights that do not add up, rules without feedback or that match everything,
 * and criteria whose levels have no example replies. A list of small rule functions.
 */

import type { Catalog, Loaded } from "../content/catalog.js";
import { type Diagnostic, didYouMean, MAX_REPEATS, nameList } from "../content/diagnostics.js";
import { parseLevelRange } from "../content/expectations.js";
import { diagnosticAt, type Path } from "../content/load.js";
import type { ConditionSpec, RubricSpec, ScenarioSpec } from "../content/schema.js";
import { afterSkip, startClock } from "../engine/clock.js";
import { type CompileProblem, compileModel } from "../engine/model.js";
import { scenarioOutline } from "./lexicon-outline.js";
import { rubricPatterns, scenarioPatterns, slashPhrases } from "./pattern-texts.js";
import { PLACEHOLDERS } from "./templates.js";

type Scenario = Loaded<ScenarioSpec>;
type Rubric = Loaded<RubricSpec>;

/** Flags the engine raises by itself, whatever the rubric. */
export const BUILT_IN_FLAGS = ["stuffing", "empty"];

/** Diagnostics so far per file and code, so hints are worked out only for those that are listed. */
const repeats = new WeakMap<object, Map<string, number>>();

/**
 * A diagnostic at a path. A hint given as a function is worked out only for the first
 * MAX_REPEATS of a code in a file: the report counts the rest without listing them, and a "did
 * you mean" over 16,000 turn ids for each of 16,000 broken branches was quadratic.
 */
function at(
  loaded: Loaded<unknown>,
  path: Path,
  code: string,
  message: string,
  hint?: string | (() => string | undefined),
  severity: "error" | "warning" = "error",
  offset?: number,
): Diagnostic {
  let counts = repeats.get(loaded.parsed);
  if (counts === undefined) {
    counts = new Map();
    repeats.set(loaded.parsed, counts);
  }
  const count = (counts.get(code) ?? 0) + 1;
  counts.set(code, count);
  const options: Parameters<typeof diagnosticAt>[4] = {
    hint: typeof hint === "function" ? (count <= MAX_REPEATS ? hint() : undefined) : hint,
    severity,
  };
  if (offset !== undefined) options.offset = offset;
  return diagnosticAt(loaded.parsed, path, code, message, options);
}

function unique<T extends { data: { id: string } }>(items: T[], kind: string, out: Diagnostic[]): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) {
    const first = map.get(item.data.id);
    if (first === undefined) {
      map.set(item.data.id, item);
      continue;
    }
    const loaded = item as unknown as Loaded<unknown>;
    const firstFile = (first as unknown as Loaded<unknown>).file.display;
    out.push(
      at(
        loaded,
        ["id"],
        "duplicate-id",
        `${kind} id \`${item.data.id}\` is defined twice: in ${firstFile} and in ${loaded.file.display}`,
        "give one of them another id; ids must be unique across all content folders",
      ),
    );
  }
  return map;
}

function flagIds(rubric: RubricSpec): Set<string> {
  const ids = new Set<string>([...BUILT_IN_FLAGS, ...Object.keys(rubric.flags ?? {})]);
  for (const c of rubric.criteria) for (const r of c.rules) if (r.flag !== undefined) ids.add(r.flag);
  return ids;
}

function checkRubric(rubric: Rubric, out: Diagnostic[]): void {
  const spec = rubric.data;
  const total = spec.criteria.reduce((sum, c) => sum + c.weight, 0);
  if (Math.abs(total - 100) > 1e-9) {
    out.push(
      at(
        rubric,
        ["criteria"],
        "weights-sum",
        `criterion weights add up to ${total}, not 100`,
        "weights are relative, but adding up to 100 makes them read as percentages",
        "warning",
      ),
    );
  }
  const criterionIds = new Set<string>();
  const ruleIds = new Map<string, string>();
  // `{example:RULE}` in feedback may name any rule of the rubric.
  const allRules = new Set<string>([
    ...spec.criteria.flatMap((c) => c.rules.map((r) => r.id)),
    ...(spec["ruled-out"] ?? []).map((r) => r.id),
  ]);
  spec.criteria.forEach((criterion, ci) => {
    if (criterionIds.has(criterion.id))
      out.push(at(rubric, ["criteria", ci, "id"], "duplicate-criterion", `criterion \`${criterion.id}\` is defined twice`));
    criterionIds.add(criterion.id);
    const own = new Set(criterion.rules.map((r) => r.id));
    criterion.rules.forEach((rule, ri) => {
      const path = ["criteria", ci, "rules", ri];
      if (ruleIds.has(rule.id))
        out.push(
          at(
            rubric,
            [...path, "id"],
            "duplicate-rule",
            `rule \`${rule.id}\` is defined twice (also in \`${ruleIds.get(rule.id)}\`)`,
            "rule ids are unique across the rubric",
          ),
        );
      ruleIds.set(rule.id, criterion.id);
      checkRule(rubric, rule, path, own, out, allRules);
    });
  });
  for (const [flag, def] of Object.entries(spec.flags ?? {})) {
    checkPlaceholders(rubric, def.feedback, ["flags", flag, "feedback"], allRules, out);
    for (const criterion of Object.keys(def.caps ?? {})) {
      if (!criterionIds.has(criterion)) {
        out.push(
          at(
            rubric,
            ["flags", flag, "caps", criterion],
            "unknown-criterion",
            `flag \`${flag}\` caps unknown criterion \`${criterion}\``,
            didYouMean(criterion, criterionIds),
          ),
        );
      }
    }
  }
  const flags = new Set(Object.keys(spec.flags ?? {}));
  for (const [ci, criterion] of spec.criteria.entries()) {
    for (const [ri, rule] of criterion.rules.entries()) {
      if (rule.flag !== undefined && !flags.has(rule.flag) && !BUILT_IN_FLAGS.includes(rule.flag)) {
        out.push(
          at(
            rubric,
            ["criteria", ci, "rules", ri, "flag"],
            "undefined-flag",
            `flag \`${rule.flag}\` has no entry under \`flags:\``,
            "add it with a title and the feedback the trainee sees",
            "warning",
          ),
        );
      }
    }
  }
}

function checkRule(
  owner: Loaded<unknown>,
  rule: RubricSpec["criteria"][number]["rules"][number],
  path: Path,
  siblings: Set<string>,
  out: Diagnostic[],
  known?: Set<string>,
): void {
  if (rule.gives === undefined && rule.caps === undefined && rule.flag === undefined) {
    out.push(
      at(
        owner,
        [...path, "id"],
        "rule-no-effect",
        `rule \`${rule.id}\` has no effect: give it \`gives\`, \`caps\` or \`flag\``,
        undefined,
        "warning",
      ),
    );
  }
  if (rule.caps === 3)
    out.push(
      at(
        owner,
        [...path, "caps"],
        "never-matches",
        `rule \`${rule.id}\` caps at 3, the highest level: it can never change a level`,
        undefined,
        "warning",
      ),
    );
  if (rule.feedback?.hit === undefined && rule.feedback?.miss === undefined) {
    out.push(
      at(
        owner,
        [...path, "id"],
        "empty-feedback",
        `rule \`${rule.id}\` has no feedback for the trainee`,
        "add feedback.hit (shown when it fires) or feedback.miss (shown when it would raise the level)",
        "warning",
      ),
    );
  }
  for (const kind of ["hit", "miss"] as const) {
    const text = rule.feedback?.[kind];
    if (text !== undefined) checkPlaceholders(owner, text, [...path, "feedback", kind], known, out);
  }
  (rule.requires ?? []).forEach((req, i) => {
    if (req === rule.id) out.push(at(owner, [...path, "requires", i], "never-matches", `rule \`${rule.id}\` requires itself`));
    else if (!siblings.has(req))
      out.push(
        at(
          owner,
          [...path, "requires", i],
          "unknown-rule",
          `rule \`${rule.id}\` requires unknown rule \`${req}\``,
          () => didYouMean(req, siblings) ?? "requires names rules of the same criterion",
        ),
      );
  });
  (rule.unless ?? []).forEach((other, i) => {
    if (known !== undefined && !known.has(other))
      out.push(
        at(
          owner,
          [...path, "unless", i],
          "unknown-rule",
          `rule \`${rule.id}\` names unknown rule \`${other}\` in unless`,
          didYouMean(other, known) ?? "unless names rules of the rubric or the scenario",
        ),
      );
  });
}

/** The placeholders feedback may use, filled from the scenario (see src/engine/coaching.ts). */
export const FEEDBACK_PLACEHOLDERS = ["customer", "want", "wants", "example"];

function checkPlaceholders(owner: Loaded<unknown>, text: string, path: Path, rules: Set<string> | undefined, out: Diagnostic[]): void {
  for (const m of text.matchAll(/\{([a-z][a-z0-9-]*)(?::([a-z0-9-]+))?(?:\|[^}]*)?\}/g)) {
    const [whole, name = "", rule] = m;
    if (!FEEDBACK_PLACEHOLDERS.includes(name))
      out.push(
        at(
          owner,
          path,
          "unknown-placeholder",
          `unknown placeholder \`${whole}\` in feedback`,
          didYouMean(name, FEEDBACK_PLACEHOLDERS) ??
            `placeholders: ${FEEDBACK_PLACEHOLDERS.map((p) => `{${p}}`).join(", ")}, {example:RULE}`,
          "warning",
        ),
      );
    else if (rule !== undefined && rules !== undefined && !rules.has(rule))
      out.push(at(owner, path, "unknown-rule", `\`${whole}\` names unknown rule \`${rule}\``, didYouMean(rule, rules)));
  }
}

/** Lexicon cycles a rubric has on its own, so a cycle that appears only with a scenario is the scenario's. */
const rubricCycles = new WeakMap<RubricSpec, Set<string>>();

/**
 * A scenario's pattern problems, by rubric and by the scenario's content without its id. A scenario
 * compiles against the rubric's outline (same entries and shapes, no words, only the entries its
 * patterns reach), which reports the same scenario problems in a fraction of the time; copies and
 * generated variants that differ only in their id compile once.
 */
const scenarioProblemsBy = new WeakMap<RubricSpec, Map<string, CompileProblem[]>>();

function scenarioProblems(rubric: RubricSpec, scenario: ScenarioSpec): CompileProblem[] {
  let byContent = scenarioProblemsBy.get(rubric);
  if (byContent === undefined) {
    byContent = new Map();
    scenarioProblemsBy.set(rubric, byContent);
  }
  const key = JSON.stringify({ ...scenario, id: "" });
  let problems = byContent.get(key);
  if (problems === undefined) {
    const outline = scenarioOutline(rubric, scenario);
    problems = compileModel(outline, scenario).problems;
    // A turn's own signals compile only with that turn: their problems are the ones under `turns`.
    for (const turn of scenario.turns) {
      if (turn.signals === undefined) continue;
      for (const problem of compileModel(outline, scenario, turn.id).problems)
        if (problem.document === "scenario" && problem.path[0] === "turns") problems.push(problem);
    }
    byContent.set(key, problems);
  }
  return problems;
}

/** Pattern problems: bad notation, unknown lexicon entries, cycles, patterns that match everything. */
function checkPatterns(rubric: Rubric, scenario: Scenario | undefined, out: Diagnostic[]): void {
  // The rubric's own patterns are checked once, in full; each scenario's against its outline.
  const problems = scenario === undefined ? compileModel(rubric.data).problems : scenarioProblems(rubric.data, scenario.data);
  if (scenario === undefined)
    rubricCycles.set(rubric.data, new Set(problems.filter((p) => p.code === "lexicon-cycle").map((p) => p.message)));
  // A pattern nested too deep stops the parser, which then reports every open bracket as never
  // closed: the one pattern-too-complex says it all.
  const tooComplex = new Set(problems.filter((p) => p.code === "pattern-too-complex").map((p) => `${p.document}:${p.path.join(".")}`));
  const seen = new Set<string>();
  for (const problem of problems) {
    if (problem.code !== "pattern-too-complex" && tooComplex.has(`${problem.document}:${problem.path.join(".")}`)) continue;
    if (scenario !== undefined && problem.document === "rubric") {
      // A cycle through the rubric's entries that the rubric alone does not have comes from the
      // scenario's additions: report it there, at the scenario's phrase on the cycle.
      if (problem.code !== "lexicon-cycle" || rubricCycles.get(rubric.data)?.has(problem.message) === true) continue;
      const d = scenarioCycle(scenario, problem);
      const key = d === undefined ? "" : `${d.line}:${d.column}`;
      if (d !== undefined && !seen.has(key)) out.push(d);
      seen.add(key);
      continue;
    }
    const target = problem.document === "scenario" ? scenario : rubric;
    if (target === undefined) continue;
    out.push(at(target, problem.path, problem.code, problem.message, problem.hint, "error", problem.offset));
  }
}

/** Points a cycle the scenario's lexicon closes at the scenario phrase that names the next entry. */
function scenarioCycle(scenario: Scenario, problem: { code: string; message: string; hint?: string }): Diagnostic | undefined {
  const names = [...problem.message.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string);
  for (let k = 0; k + 1 < names.length; k++) {
    const name = names[k] as string;
    const phrases = scenario.data.lexicon?.[name];
    if (phrases === undefined) continue;
    const ref = `{${names[k + 1]}}`;
    const i = phrases.findIndex((p) => p.includes(ref));
    if (i >= 0) return at(scenario, ["lexicon", name, i], problem.code, problem.message, problem.hint, "error", phrases[i]?.indexOf(ref));
  }
  return undefined;
}

function checkScenario(scenario: Scenario, rubrics: Map<string, Rubric>, out: Diagnostic[]): void {
  const spec = scenario.data;
  const rubric = rubrics.get(spec.rubric);
  if (rubric === undefined) {
    out.push(
      at(
        scenario,
        ["rubric"],
        "unknown-rubric",
        `rubric \`${spec.rubric}\` is not defined`,
        () => didYouMean(spec.rubric, rubrics.keys()) ?? `known rubrics: ${nameList(rubrics.keys()) || "none"}`,
      ),
    );
  }
  const criteria = new Set(rubric?.data.criteria.map((c) => c.id) ?? []);
  const flags = rubric === undefined ? new Set<string>() : flagIds(rubric.data);
  // A scenario may raise flags of its own from its signals, and branch on them.
  const ownRules = [...Object.values(spec.signals ?? {}), ...spec.turns.flatMap((t) => Object.values(t.signals ?? {}))].flat();
  for (const r of ownRules) if (r.flag !== undefined) flags.add(r.flag);
  if ((spec["ruled-out"] ?? []).length > 0) flags.add("over-promise");
  const checkCriterion = (id: string, path: Path) => {
    if (rubric !== undefined && !criteria.has(id))
      out.push(
        at(
          scenario,
          path,
          "unknown-criterion",
          `unknown criterion \`${id}\` (rubric \`${rubric.data.id}\`)`,
          () => didYouMean(id, criteria) ?? `criteria: ${nameList(criteria)}`,
        ),
      );
  };
  const checkFlag = (id: string, path: Path) => {
    if (rubric !== undefined && !flags.has(id))
      out.push(
        at(scenario, path, "unknown-flag", `unknown flag \`${id}\``, () => didYouMean(id, flags) ?? `flags: ${nameList(flags)}`, "warning"),
      );
  };

  // Turns: unique ids, targets that exist, every turn reachable and able to reach the end.
  const turnIds = new Map<string, number>();
  spec.turns.forEach((turn, ti) => {
    if (turnIds.has(turn.id)) out.push(at(scenario, ["turns", ti, "id"], "duplicate-turn", `turn \`${turn.id}\` is defined twice`));
    else turnIds.set(turn.id, ti);
  });

  // What a condition may name: rules, signals, ruled-out promises and flags (`said`), things, turns.
  const sayable = new Set<string>(flags);
  for (const c of rubric?.data.criteria ?? []) for (const r of c.rules) sayable.add(r.id);
  for (const r of rubric?.data["ruled-out"] ?? []) sayable.add(r.id);
  for (const r of ownRules) sayable.add(r.id);
  for (const r of spec["ruled-out"] ?? []) sayable.add(r.id);
  const things = new Set(Object.keys(spec.things ?? {}));
  const checkNames = (
    value: string | string[] | undefined,
    path: Path,
    known: Set<string>,
    code: string,
    what: string,
    fallback: string,
  ) => {
    if (value === undefined) return;
    const list = Array.isArray(value) ? value : [value];
    list.forEach((name, i) => {
      if (known.has(name)) return;
      const where = Array.isArray(value) ? [...path, i] : path;
      out.push(at(scenario, where, code, `unknown ${what} \`${name}\``, didYouMean(name, known) ?? fallback));
    });
  };
  const saidHint = "`said` names a rule or signal id (of the rubric or this scenario), a ruled-out promise or a flag";
  const thingHint =
    things.size === 0 ? "define it under `things:` with the rules that offer and deliver it" : `things: ${[...things].join(", ")}`;
  const checkCondition = (condition: ConditionSpec | undefined, path: Path): boolean => {
    // Returns whether the condition asks about a promise (so {promise} has one to quote).
    if (condition === undefined) return false;
    for (const key of ["min", "max"] as const) for (const id of Object.keys(condition[key] ?? {})) checkCriterion(id, [...path, key, id]);
    if (condition.flag !== undefined) checkFlag(condition.flag, [...path, "flag"]);
    if (rubric !== undefined) {
      checkNames(condition.said, [...path, "said"], sayable, "unknown-rule", "rule or flag", saidHint);
      checkNames(condition["said-before"], [...path, "said-before"], sayable, "unknown-rule", "rule or flag", saidHint);
    }
    for (const stage of ["offered", "promised", "delivered"] as const)
      checkNames(condition[stage], [...path, stage], things, "unknown-thing", "thing", thingHint);
    checkNames(
      condition.visited,
      [...path, "visited"],
      new Set(turnIds.keys()),
      "unknown-turn",
      "turn",
      `turns: ${[...turnIds.keys()].join(", ")}`,
    );
    let promise =
      condition.promise === "timed" ||
      condition.promise === "vague" ||
      (["open", "due", "kept", "missed"] as const).some((k) => condition[k] !== undefined);
    condition.all?.forEach((part, i) => {
      if (checkCondition(part, [...path, "all", i])) promise = true;
    });
    const anyPromise = (condition.any ?? []).map((part, i) => checkCondition(part, [...path, "any", i]));
    if (anyPromise.length > 0 && anyPromise.every(Boolean)) promise = true;
    if (condition.not !== undefined) checkCondition(condition.not, [...path, "not"]);
    return promise;
  };
  /** Variants of a line: each `if` checked; {promise} only where a promise was asked for. */
  const checkVariants = (variants: unknown, path: Path) => {
    if (!Array.isArray(variants)) return;
    (variants as Array<{ if?: ConditionSpec; text: string }>).forEach((variant, vi) => {
      const asks = checkCondition(variant.if, [...path, vi, "if"]);
      if (!asks && /\{(promise|due|when|When)\}/.test(variant.text))
        out.push(
          at(
            scenario,
            [...path, vi, "text"],
            "placeholder-without-promise",
            "this line says {promise} or {due}, but its `if` does not ask for a promise: with none made, the customer would say the braces",
            "add a ledger condition (open:, due:, kept:, missed:, or promise: timed) to its `if`, or leave the placeholder out",
            "warning",
          ),
        );
    });
  };
  spec.turns.forEach((turn, ti) => {
    checkVariants(turn.customer, ["turns", ti, "customer"]);
    checkVariants(turn.narration, ["turns", ti, "narration"]);
    if (turn.promises !== undefined && turn.skip === undefined)
      out.push(
        at(
          scenario,
          ["turns", ti, "promises"],
          "promises-without-skip",
          `turn \`${turn.id}\` says what became of the promises that came due, but no time passes before it`,
          "add a `skip:` (promises come due only at a time skip), or remove `promises:`",
          "warning",
        ),
      );
    if (spec.clock !== undefined && turn.skip !== undefined && afterSkip(turn.skip, startClock(spec.clock)) === undefined)
      out.push(
        at(
          scenario,
          ["turns", ti, "skip"],
          "unreadable-skip",
          `the story clock cannot read \`${turn.skip}\`: every promise comes due here`,
          'write it as people do: "The next day, 12:15", "Twenty minutes later", "The following Monday, 9:40"',
          "warning",
        ),
      );
  });
  spec.endings.forEach((ending, ei) => {
    checkCondition(ending.if, ["endings", ei, "if"]);
  });
  for (const [name, thing] of Object.entries(spec.things ?? {})) {
    if (rubric === undefined) continue;
    for (const key of ["offered", "delivered"] as const)
      checkNames(
        thing[key],
        ["things", name, key],
        sayable,
        "unknown-rule",
        "rule",
        "name the rules or signals whose firing offers or delivers it",
      );
  }
  for (const [id, texts] of Object.entries(spec.feedback ?? {})) {
    if (rubric !== undefined && !sayable.has(id))
      out.push(
        at(
          scenario,
          ["feedback", id],
          "unknown-rule",
          `feedback for unknown rule or flag \`${id}\``,
          didYouMean(id, sayable) ?? "`feedback:` overrides a rubric rule's or flag's feedback, by its id",
        ),
      );
    for (const kind of ["hit", "miss"] as const) {
      const text = texts[kind];
      if (text !== undefined) checkPlaceholders(scenario, text, ["feedback", id, kind], sayable, out);
    }
  }
  const edges = new Map<string, string[]>();
  spec.turns.forEach((turn, ti) => {
    const targets: string[] = [];
    turn.branches.forEach((branch, bi) => {
      const path = ["turns", ti, "branches", bi];
      if (branch.next !== "end" && !turnIds.has(branch.next)) {
        out.push(
          at(
            scenario,
            [...path, "next"],
            "unknown-turn",
            `branch goes to unknown turn \`${branch.next}\``,
            () => didYouMean(branch.next, [...turnIds.keys(), "end"]) ?? `turns: ${nameList(turnIds.keys())}, or end`,
          ),
        );
      } else targets.push(branch.next);
      checkCondition(branch.if, [...path, "if"]);
    });
    if (!turn.branches.some((b) => b.if === undefined)) {
      out.push(
        at(
          scenario,
          ["turns", ti, "branches"],
          "no-default-branch",
          `turn \`${turn.id}\` has no branch without \`if\`: when none matches, the conversation ends here`,
          "end the list with a branch without `if`",
          "warning",
        ),
      );
    }
    edges.set(turn.id, targets);
  });
  const first = spec.turns[0]?.id;
  const reachable = new Set<string>();
  const stack = first === undefined ? [] : [first];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (reachable.has(id) || id === "end") continue;
    reachable.add(id);
    stack.push(...(edges.get(id) ?? []));
  }
  const reachesEnd = new Set<string>();
  let changed = true;
  while (changed) {
    changed = false;
    for (const [id, targets] of edges) {
      if (reachesEnd.has(id)) continue;
      const noDefault = !(spec.turns[turnIds.get(id) ?? 0]?.branches.some((b) => b.if === undefined) ?? true);
      if (noDefault || targets.some((t) => t === "end" || reachesEnd.has(t))) {
        reachesEnd.add(id);
        changed = true;
      }
    }
  }
  spec.turns.forEach((turn, ti) => {
    if (turnIds.get(turn.id) !== ti) return;
    if (!reachable.has(turn.id))
      out.push(
        at(
          scenario,
          ["turns", ti, "id"],
          "unreachable-turn",
          `turn \`${turn.id}\` is never reached: no branch leads to it`,
          `add a branch with next: ${turn.id}, or remove the turn`,
          "warning",
        ),
      );
    else if (!reachesEnd.has(turn.id))
      out.push(
        at(
          scenario,
          ["turns", ti, "id"],
          "dead-end",
          `from turn \`${turn.id}\` the conversation can never reach the end`,
          "give one of the turns on this loop a branch with next: end",
        ),
      );
  });

  const last = spec.endings.at(-1);
  if (last?.mood !== undefined || last?.if !== undefined) {
    out.push(
      at(
        scenario,
        ["endings", spec.endings.length - 1],
        "no-fallback-ending",
        "the last ending has a mood or an `if`: when it does not hold, no ending fits",
        "end the list with an ending without `mood` or `if`",
        "warning",
      ),
    );
  }

  for (const [criterion, rules] of Object.entries(spec.signals ?? {})) {
    checkCriterion(criterion, ["signals", criterion]);
    const own = new Set(rules.map((r) => r.id));
    const rubricRules = new Set(rubric?.data.criteria.flatMap((c) => c.rules.map((r) => r.id)) ?? []);
    rules.forEach((rule, ri) => {
      const path = ["signals", criterion, ri];
      if (rubricRules.has(rule.id))
        out.push(
          at(
            scenario,
            [...path, "id"],
            "duplicate-rule",
            `signal \`${rule.id}\` has the id of a rubric rule`,
            "give scenario signals their own ids",
          ),
        );
      const siblings = new Set([...own, ...(rubric?.data.criteria.find((c) => c.id === criterion)?.rules.map((r) => r.id) ?? [])]);
      checkRule(scenario, rule, path, siblings, out, sayable);
    });
  }

  (spec.examples ?? []).forEach((example, ei) => {
    const path = ["examples", ei];
    if (example.turn !== undefined && !turnIds.has(example.turn))
      out.push(
        at(scenario, [...path, "turn"], "unknown-turn", `example answers unknown turn \`${example.turn}\``, () =>
          didYouMean(example.turn as string, turnIds.keys()),
        ),
      );
    for (const id of Object.keys(example.expect ?? {})) checkCriterion(id, [...path, "expect", id]);
    for (const [fi, flag] of (example.flags ?? []).entries()) checkFlag(flag, [...path, "flags", fi]);
    if (example.expect === undefined && example.score === undefined && example.flags === undefined) {
      out.push(
        at(
          scenario,
          path,
          "example-expects-nothing",
          "this example expects nothing, so it can never fail",
          "add expect:, score: or flags:",
          "warning",
        ),
      );
    }
  });
  if (rubric !== undefined) checkPatterns(rubric, scenario, out);
}

/** Each criterion should have example replies at a low level (0-1) and a high one (2-3). */
function checkExampleCoverage(rubric: Rubric, scenarios: Scenario[], out: Diagnostic[]): void {
  const levels = new Map<string, Set<"low" | "high">>();
  const note = (criterion: string, expectation: number | string) => {
    const range = parseLevelRange(expectation);
    if (range === undefined) return;
    const set = levels.get(criterion) ?? new Set();
    if (range.max <= 1) set.add("low");
    if (range.min >= 2) set.add("high");
    levels.set(criterion, set);
  };
  for (const c of rubric.data.criteria) for (const e of c.examples ?? []) note(c.id, e.level);
  for (const s of scenarios) {
    if (s.data.rubric !== rubric.data.id) continue;
    for (const e of s.data.examples ?? []) for (const [c, level] of Object.entries(e.expect ?? {})) note(c, level);
  }
  rubric.data.criteria.forEach((criterion, ci) => {
    const have = levels.get(criterion.id) ?? new Set();
    const lacking = (["low", "high"] as const).filter((l) => !have.has(l));
    if (lacking.length > 0) {
      out.push(
        at(
          rubric,
          ["criteria", ci, "id"],
          "examples-missing",
          `criterion \`${criterion.id}\` has no example reply at a ${lacking.map((l) => (l === "low" ? "low level (0-1)" : "high level (2-3)")).join(" or ")}`,
          "add examples (here or in a scenario) so `coach test` checks the rules both ways",
          "warning",
        ),
      );
    }
  });
}

/** Text the trainer probably did not mean: the `fed up` trap in a pattern, a template's placeholder left in. */
function checkTexts(loaded: Rubric | Scenario, patterns: ReturnType<typeof rubricPatterns>, out: Diagnostic[]): void {
  for (const { text, path } of patterns) {
    for (const found of slashPhrases(text)) {
      const alternatives = found.list.split("/");
      out.push(
        at(
          loaded,
          path,
          "slash-phrase",
          `\`${found.list} ${found.particle}\` reads as ${alternatives.join(" or ")}, then \`${found.particle}\`: a space ends a / list`,
          `if \`${found.last} ${found.particle}\` is one alternative, bracket them: [${[...alternatives.slice(0, -1), `${found.last} ${found.particle}`].join(" / ")}]; if \`${found.particle}\` goes with each, say so: [${alternatives.join(" / ")}] ${found.particle}`,
          "warning",
          found.offset,
        ),
      );
    }
  }
  const visit = (value: unknown, path: Array<string | number>) => {
    if (typeof value === "string") {
      if (PLACEHOLDERS.some((p) => value.includes(p)))
        out.push(
          at(
            loaded,
            path,
            "placeholder-text",
            `\`${String(path.filter((step) => typeof step === "string").at(-1) ?? "this field")}\` still holds the placeholder text \`coach new\` wrote`,
            "replace it with your own words (validate --strict fails until you do)",
            "warning",
          ),
        );
    } else if (Array.isArray(value)) for (const [i, v] of value.entries()) visit(v, [...path, i]);
    else if (value !== null && typeof value === "object") for (const [k, v] of Object.entries(value)) visit(v, [...path, k]);
  };
  visit(loaded.data, []);
}

export function checkContent(scenarios: Scenario[], rubrics: Rubric[]): Pick<Catalog, "scenarios" | "rubrics" | "diagnostics"> {
  const diagnostics: Diagnostic[] = [];
  const rubricMap = unique(rubrics, "rubric", diagnostics);
  const scenarioMap = unique(scenarios, "scenario", diagnostics);
  for (const rubric of rubrics) {
    checkRubric(rubric, diagnostics);
    checkPatterns(rubric, undefined, diagnostics);
    checkTexts(rubric, rubricPatterns(rubric.data), diagnostics);
    checkExampleCoverage(rubric, scenarios, diagnostics);
  }
  for (const scenario of scenarios) {
    checkScenario(scenario, rubricMap, diagnostics);
    checkTexts(scenario, scenarioPatterns(scenario.data), diagnostics);
  }
  return { scenarios: scenarioMap, rubrics: rubricMap, diagnostics };
}
