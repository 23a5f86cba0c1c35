/**
 * `coach test --update`: rewrites the expectations of failing examples from the current scores,
 * as edits to the file's own text. yaml's Document API finds each expectation's node and its source
 * range; only those characters change, so comments, folded text, blank lines and quoting stay
 * exactly as the trainer wrote them (re-stringifying the document would re-fold every paragraph).
 * Each edited file is parsed again and every new value checked before it is handed back.
 *
 * The rule for a new expectation keeps the trainer's form: an exact value becomes the current one;
 * a bound (">=2", "<35") moves just enough to include the current value; a range ("1-2") widens to
 * include it. A bound that would then allow everything (">=0") becomes the exact value instead.
 * An expected flag that is no longer raised is removed from the list.
 */
import { isMap, isScalar, isSeq, type Node, parseDocument, type Scalar } from "yaml";
import { describeRange } from "../content/expectations.js";
import { type ParsedFile, type Path, positionAt } from "../content/load.js";
import type { ExampleResult } from "./examples.js";

export interface ExpectationChange {
  file: string;
  line: number;
  column: number;
  example: string;
  /** The criterion, "score" or "flags". */
  what: string;
  from: string;
  to: string;
}

export interface FileUpdate {
  file: string;
  text: string;
  changes: ExpectationChange[];
}

interface Edit {
  start: number;
  end: number;
  text: string;
  path: Path;
  value: unknown;
}

/** The smallest change of the expectation's form that includes the current value. */
export function updatedExpectation(expected: number | string, got: number, top: number): number | string {
  if (typeof expected === "number") return got;
  const text = expected.replace(/\s+/g, "");
  const between = /^(\d+)-(\d+)$/.exec(text);
  if (between) {
    const min = Math.min(Number(between[1]), got);
    const max = Math.max(Number(between[2]), got);
    if (min === max) return got;
    return min === 0 && max === top ? got : `${min}-${max}`;
  }
  if (/^>/.test(text)) return got === 0 ? got : `>=${got}`;
  if (/^</.test(text)) return got === top ? got : `<=${got}`;
  return got;
}

function scalarText(value: number | string, original: Scalar): string {
  if (typeof value === "number") return String(value);
  if (original.type === "QUOTE_SINGLE") return `'${value}'`;
  if (original.type === "PLAIN" && /^\d+-\d+$/.test(value)) return value;
  // A plain scalar cannot start with > or <: quote it.
  return JSON.stringify(value);
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf("\n", offset - 1) + 1;
}

function lineEnd(text: string, offset: number): number {
  const end = text.indexOf("\n", offset);
  return end < 0 ? text.length : end + 1;
}

function flagsEdit(parsed: ParsedFile, path: Path, remove: Set<string>): Edit | undefined {
  const node = parsed.doc?.getIn(path, true) as Node | undefined;
  if (!isSeq(node) || node.range == null || node.items.length === 0) return undefined;
  const text = parsed.text ?? "";
  const items = node.items.map((item) => (isScalar(item) ? String(item.value) : ""));
  const kept = items.filter((flag) => !remove.has(flag));
  const first = node.items[0] as Node;
  const last = node.items[node.items.length - 1] as Node;
  if (first.range == null || last.range == null) return undefined;
  // The end of the list's text: a block list's own range runs on over the comments after it.
  const listEnd = node.flow === true ? node.range[1] : last.range[1];
  if (kept.length === 0) {
    // No flag expected any more: drop the `flags:` field when it has lines of its own ("flags: []"
    // would read as "no flag may be raised").
    const parent = parsed.doc?.getIn(path.slice(0, -1), true) as Node | undefined;
    const pair =
      isMap(parent) && parent.flow !== true ? parent.items.find((p) => isScalar(p.key) && p.key.value === path.at(-1)) : undefined;
    const keyStart = isScalar(pair?.key) ? pair.key.range?.[0] : undefined;
    if (keyStart !== undefined && text.slice(lineStart(text, keyStart), keyStart).trim() === "")
      return { start: lineStart(text, keyStart), end: lineEnd(text, listEnd), text: "", path, value: undefined };
    return { start: node.range[0], end: listEnd, text: "[]", path, value: [] };
  }
  if (node.flow === true) return { start: node.range[0], end: node.range[1], text: `[${kept.join(", ")}]`, path, value: kept };
  // A block list: drop the lines of the removed items, one item per line.
  const lines = node.items.map((item) => {
    const r = (item as Node).range as [number, number, number];
    return text.slice(lineStart(text, r[0]), lineEnd(text, r[1]));
  });
  const block = lines.filter((_, i) => !remove.has(items[i] as string)).join("");
  return { start: lineStart(text, first.range[0]), end: lineEnd(text, listEnd), text: block, path, value: kept };
}

function valueAt(path: Path, text: string): unknown {
  const node = parseDocument(text).getIn(path, true) as { toJSON?: () => unknown } | undefined;
  return node !== null && typeof node === "object" && typeof node.toJSON === "function" ? node.toJSON() : node;
}

/** Plans the edits for every failing example; files whose edits cannot be verified are reported, not returned. */
export function planUpdates(
  results: readonly ExampleResult[],
  files: ReadonlyMap<string, ParsedFile>,
): { updates: FileUpdate[]; problems: Array<{ file: string; message: string }> } {
  const byFile = new Map<string, { edits: Edit[]; changes: ExpectationChange[] }>();
  const problems: Array<{ file: string; message: string }> = [];
  for (const result of results) {
    if (result.passed) continue;
    const parsed = files.get(result.file);
    if (parsed?.doc === undefined || parsed.text === undefined) {
      problems.push({ file: result.file, message: "the file's text is not available" });
      continue;
    }
    const entry = byFile.get(result.file) ?? { edits: [], changes: [] };
    byFile.set(result.file, entry);
    const removeFlags = new Set<string>();
    let flagsPath: Path | undefined;
    for (const check of result.checks) {
      if (check.passed) continue;
      if (check.kind === "flag") {
        removeFlags.add(check.flag);
        flagsPath = check.path.slice(0, -1);
        continue;
      }
      if (check.kind === "level" && check.got === null) {
        problems.push({ file: result.file, message: `${result.name}: no criterion \`${check.criterion}\` to take a level from` });
        continue;
      }
      const got = check.got as number;
      const node = parsed.doc.getIn(check.path, true) as Node | undefined;
      if (!isScalar(node) || node.range == null) {
        problems.push({ file: result.file, message: `${result.name}: cannot find the expectation at ${check.path.join(".")}` });
        continue;
      }
      const value = updatedExpectation(check.expected, got, check.kind === "score" ? 100 : 3);
      entry.edits.push({ start: node.range[0], end: node.range[1], text: scalarText(value, node), path: check.path, value });
      entry.changes.push({
        file: result.file,
        line: check.position.line,
        column: check.position.column,
        example: result.name,
        what: check.kind === "score" ? "score" : check.criterion,
        from: describeRange(check.expected),
        to: describeRange(value),
      });
    }
    if (flagsPath !== undefined) {
      const edit = flagsEdit(parsed, flagsPath, removeFlags);
      if (edit === undefined) {
        problems.push({ file: result.file, message: `${result.name}: cannot find the flags list at ${flagsPath.join(".")}` });
        continue;
      }
      const before = (valueAt(flagsPath, parsed.text) as string[] | undefined) ?? [];
      const position = positionAt(parsed, flagsPath);
      entry.edits.push(edit);
      entry.changes.push({
        file: result.file,
        line: position.line,
        column: position.column,
        example: result.name,
        what: "flags",
        from: `[${before.join(", ")}]`,
        to: edit.value === undefined ? "(none)" : `[${(edit.value as string[]).join(", ")}]`,
      });
    }
  }

  const updates: FileUpdate[] = [];
  for (const [file, { edits, changes }] of byFile) {
    if (edits.length === 0) continue;
    let text = (files.get(file) as ParsedFile).text as string;
    for (const edit of [...edits].sort((a, b) => b.start - a.start)) text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
    const wrong = edits.find((edit) => JSON.stringify(valueAt(edit.path, text)) !== JSON.stringify(edit.value));
    if (wrong !== undefined) {
      problems.push({ file, message: `could not rewrite ${wrong.path.join(".")} safely; the file is left as it was` });
      continue;
    }
    updates.push({ file, text, changes });
  }
  return { updates, problems };
}
