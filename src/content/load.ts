/**
 * The only YAML reader. Every problem becomes a diagnostic with file, line, column, a stable code
 * and a hint, collected rather than thrown: broken YAML, binary or huge files, alias bombs, schema
 * errors (with "did you mean" for unknown fields). Positions come from yaml's node ranges.
 */
import {
  type Document,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  type Pair,
  parseDocument,
  Scalar,
  type YAMLMap,
} from "yaml";
import type { z } from "zod";
import { closest, type Diagnostic, didYouMean } from "./diagnostics.js";
import { MAX_FILE_BYTES } from "./files.js";
import { jsonSchemaFor, type SchemaKind } from "./json-schemas.js";
import { type RubricSpec, rubricSchema, type ScenarioSpec, scenarioSchema } from "./schema.js";
import { yamlErrorDiagnostics, yamlMessage } from "./yaml-errors.js";

export { MAX_FILE_BYTES };
/** Aliases beyond this count are an expansion attack ("billion laughs"), not content. */
export const MAX_ALIASES = 200;

export type ContentKind = SchemaKind;

export interface ParsedFile {
  file: string;
  /** The text, for showing the source line of a diagnostic. */
  text?: string;
  kind: ContentKind | undefined;
  doc: Document | undefined;
  lineCounter: LineCounter;
  data: unknown;
  diagnostics: Diagnostic[];
}

export type Path = ReadonlyArray<string | number>;

export interface Position {
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

function wholeFile(file: string, code: string, message: string, hint?: string): Diagnostic {
  const d: Diagnostic = { file, line: 0, column: 0, code, severity: "error", message };
  if (hint !== undefined) d.hint = hint;
  return d;
}

function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 8000);
  let control = 0;
  // An index loop: iterating a typed array with for...of is ten times slower, and every file passes here.
  for (let i = 0; i < sample.length; i++) {
    const b = sample[i] as number;
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  return sample.length > 0 && control / sample.length > 0.1;
}

/** Which kind a document is, from its folder or, failing that, its fields. */
export function detectKind(file: string, data: unknown): ContentKind | undefined {
  if (/(^|[\\/])rubrics?[\\/][^\\/]+$/.test(file)) return "rubric";
  if (/(^|[\\/])scenarios?[\\/][^\\/]+$/.test(file)) return "scenario";
  if (data !== null && typeof data === "object") {
    if ("criteria" in data) return "rubric";
    if ("turns" in data || "customer" in data || "briefing" in data) return "scenario";
  }
  return undefined;
}

/** Parses one file's bytes. Never throws. */
export function parseContent(file: string, bytes: Uint8Array | string, kind?: ContentKind): ParsedFile {
  const lineCounter = new LineCounter();
  const result: ParsedFile = { file, kind, doc: undefined, lineCounter, data: undefined, diagnostics: [] };
  const size = typeof bytes === "string" ? Buffer.byteLength(bytes) : bytes.byteLength;
  if (size > MAX_FILE_BYTES) {
    result.diagnostics.push(
      wholeFile(
        file,
        "file-too-large",
        `file is ${(size / 1024 / 1024).toFixed(1)} MB; content files may be at most ${MAX_FILE_BYTES / 1024 / 1024} MB`,
        "split it into several scenario files, or check that this is the file you meant",
      ),
    );
    return result;
  }
  if (typeof bytes !== "string" && looksBinary(bytes)) {
    result.diagnostics.push(
      wholeFile(file, "binary-file", "this is a binary file, not YAML", "content files are YAML text (.yaml or .yml)"),
    );
    return result;
  }
  const text = typeof bytes === "string" ? bytes : new TextDecoder("utf-8").decode(bytes);
  result.text = text;
  // yaml's own duplicate-key check compares each key with every earlier one in its mapping, so a
  // file of 100,000 fields took minutes; duplicateKeys does the same check with one set per mapping.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  result.doc = doc;
  const duplicates = duplicateKeys(doc);
  result.diagnostics.push(...yamlErrorDiagnostics(file, text, doc.errors, lineCounter));
  for (const key of duplicates) {
    const pos = lineCounter.linePos(key.range?.[0] ?? 0);
    result.diagnostics.push({
      file,
      line: pos.line,
      column: pos.col,
      code: "yaml-duplicate-key",
      severity: "error",
      message: "Map keys must be unique",
      hint: "each field may appear once in a mapping",
    });
  }
  for (const warning of doc.warnings) {
    const pos = lineCounter.linePos(warning.pos[0]);
    result.diagnostics.push({
      file,
      line: pos.line,
      column: pos.col,
      code: "yaml-warning",
      severity: "warning",
      message: yamlMessage(warning.message),
    });
  }
  if (doc.errors.length > 0 || duplicates.length > 0) return result;
  try {
    result.data = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (error) {
    result.diagnostics.push(
      wholeFile(
        file,
        "yaml-alias-bomb",
        `the file expands aliases (*name) more than ${MAX_ALIASES} times: ${(error as Error).message}`,
        "use fewer aliases; repeated content is better written out or moved to a lexicon entry",
      ),
    );
    return result;
  }
  result.kind ??= detectKind(file, result.data);
  return result;
}

/**
 * Every key that repeats an earlier key of its mapping (as yaml's uniqueKeys compares them: scalar
 * values), mappings in the order yaml's visit meets them. A walk of its own with a stack: visit builds
 * a path for every node and was a tenth of validate's time over many files, and a stack does not
 * overflow on deep nesting.
 */
function duplicateKeys(doc: Document): Node[] {
  const found: Node[] = [];
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const item of node.items) {
        if (!isScalar(item.key)) continue;
        if (seen.has(item.key.value)) found.push(item.key);
        else seen.add(item.key.value);
      }
      for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]);
    } else if (isSeq(node)) {
      for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]);
    } else if (isPair(node)) {
      stack.push(node.value, node.key);
    }
  }
  return found;
}

/**
 * Each mapping's pairs by key, built on first use: a file with thousands of problems asks for
 * thousands of positions, and looking a key up by scanning its mapping made that quadratic.
 * The first pair wins, as in yaml's own lookup; keys compare as text, as the paths (from the
 * parsed data) name them.
 */
const pairIndex = new WeakMap<YAMLMap, Map<string, Pair>>();

function pairIn(map: YAMLMap, key: string | number): Pair | undefined {
  let index = pairIndex.get(map);
  if (index === undefined) {
    index = new Map();
    for (const item of map.items) {
      if (!isPair(item) || !isScalar(item.key)) continue;
      const name = String(item.key.value);
      if (!index.has(name)) index.set(name, item);
    }
    pairIndex.set(map, index);
  }
  return index.get(String(key));
}

function childAt(node: unknown, step: string | number): unknown {
  if (isMap(node)) return pairIn(node, step)?.value ?? undefined;
  if (isSeq(node)) return typeof step === "number" ? node.items[step] : undefined;
  return undefined;
}

function hasRange(node: unknown): node is Node {
  return node !== undefined && node !== null && typeof node === "object" && "range" in node;
}

/** The node at a path, or the nearest ancestor that exists. */
export function nodeAt(doc: Document, path: Path): { node: Node | undefined; exact: boolean } {
  let current: unknown = doc.contents;
  let found: Node | undefined = hasRange(current) ? current : undefined;
  for (let depth = 0; depth < path.length; depth++) {
    current = childAt(current, path[depth] as string | number);
    if (!hasRange(current)) return { node: found ?? doc.contents ?? undefined, exact: false };
    found = current;
  }
  return { node: found ?? doc.contents ?? undefined, exact: found !== undefined };
}

/** The key node of the last step of a path, for "unknown field" errors that point at the key. */
export function keyAt(doc: Document, path: Path, key: string): Node | undefined {
  const parent = nodeAt(doc, path);
  if (!parent.exact || !isMap(parent.node)) return undefined;
  const pair = pairIn(parent.node, key);
  return pair !== undefined && isScalar(pair.key) ? pair.key : undefined;
}

export function rangePosition(parsed: ParsedFile, range: readonly number[] | null | undefined, offset = 0): Position {
  if (range === undefined || range === null) return { line: 1, column: 1 };
  const start = parsed.lineCounter.linePos((range[0] ?? 0) + offset);
  const end = parsed.lineCounter.linePos(range[1] ?? range[0] ?? 0);
  return { line: start.line, column: start.col, endLine: end.line, endColumn: end.col };
}

/** Position of a path in the file; with an offset, a position inside the string value there. */
export function positionAt(parsed: ParsedFile, path: Path, offset?: number): Position {
  if (parsed.doc === undefined) return { line: 1, column: 1 };
  const { node, exact } = nodeAt(parsed.doc, path);
  if (node === undefined) return { line: 1, column: 1 };
  let shift = 0;
  if (exact && offset !== undefined && isScalar(node)) {
    const quoted = node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE;
    const block = node.type === Scalar.BLOCK_FOLDED || node.type === Scalar.BLOCK_LITERAL;
    shift = block ? 0 : offset + (quoted ? 1 : 0);
  }
  return rangePosition(parsed, node.range, shift);
}

export function diagnosticAt(
  parsed: ParsedFile,
  path: Path,
  code: string,
  message: string,
  options: { hint?: string | undefined; severity?: "error" | "warning"; offset?: number } = {},
): Diagnostic {
  const pos = positionAt(parsed, path, options.offset);
  const d: Diagnostic = { file: parsed.file, ...pos, code, severity: options.severity ?? "error", message };
  if (options.hint !== undefined) d.hint = options.hint;
  return d;
}

type JsonSchema = {
  type?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  $ref?: string;
  definitions?: Record<string, JsonSchema>;
  enum?: unknown[];
};

/** A schema with its `$ref` and single `allOf` followed (conditions nest: `any`, `all`, `not`). */
function resolved(schema: JsonSchema | undefined, root: JsonSchema): JsonSchema | undefined {
  let current = schema;
  for (let depth = 0; current !== undefined && depth < 10; depth++) {
    if (current.$ref !== undefined) current = root.definitions?.[current.$ref.replace(/^#\/definitions\//, "")];
    else if (current.allOf?.length === 1 && current.properties === undefined) current = current.allOf[0];
    else break;
  }
  return current;
}

function schemaAt(schema: JsonSchema, path: Path): JsonSchema | undefined {
  let current: JsonSchema | undefined = schema;
  for (const step of path) {
    current = resolved(current, schema);
    if (current === undefined) return undefined;
    const options: JsonSchema[] = (current.anyOf ?? [current]).map((o) => resolved(o, schema) ?? o);
    let next: JsonSchema | undefined;
    for (const option of options) {
      if (typeof step === "number" && option.items !== undefined) next = option.items;
      else if (typeof step === "string" && option.properties?.[step] !== undefined) next = option.properties[step];
      else if (typeof step === "string" && typeof option.additionalProperties === "object") next = option.additionalProperties;
      if (next !== undefined) break;
    }
    current = next;
  }
  return current;
}

const jsonSchemas = new Map<ContentKind, JsonSchema>();

function jsonSchemaOf(kind: ContentKind): JsonSchema {
  // Generating a JSON Schema from zod takes a while; a file with many unknown fields asks often.
  let schema = jsonSchemas.get(kind);
  if (schema === undefined) {
    schema = jsonSchemaFor(kind) as JsonSchema;
    jsonSchemas.set(kind, schema);
  }
  return schema;
}

/** The schema at a path, with `$ref`s followed, as the list of its alternatives. */
function optionsAt(kind: ContentKind, path: Path): JsonSchema[] {
  const schema = jsonSchemaOf(kind);
  const at = resolved(schemaAt(schema, path), schema);
  return (at?.anyOf ?? (at === undefined ? [] : [at])).map((o) => resolved(o, schema) ?? o);
}

function allowedKeys(kind: ContentKind, path: Path): string[] {
  const options = optionsAt(kind, path);
  return options.flatMap((o) => Object.keys(o.properties ?? {})).filter((k) => k !== "$schema");
}

/** The number the schema allows at a path, both ends, for a message a trainer reads. */
function numberRange(kind: ContentKind, path: Path): string | undefined {
  const number = optionsAt(kind, path).find((o) => o.type === "integer" || o.type === "number");
  if (number === undefined) return undefined;
  const whole = number.type === "integer" ? "a whole number " : "";
  if (number.minimum !== undefined && number.maximum !== undefined) return `${whole}from ${number.minimum} to ${number.maximum}`;
  if (number.exclusiveMinimum !== undefined) return `${whole || "a number "}above ${number.exclusiveMinimum}`;
  if (number.minimum !== undefined) return `${whole || "a number "}of at least ${number.minimum}`;
  if (number.maximum !== undefined) return `${whole || "a number "}of at most ${number.maximum}`;
  return undefined;
}

/** The field a path ends in, as the trainer wrote it: `mood`, or `ownership` under `min`. */
function fieldName(path: Path): string {
  const names = path.filter((step): step is string => typeof step === "string");
  const last = names.at(-1);
  if (last === undefined) return "the document";
  const parent = names.at(-2);
  // Keys the trainer chose (criterion ids under min/max/caps/expect) read better with their field.
  return parent !== undefined && RECORD_FIELDS.has(parent) && path.at(-1) === last ? `\`${parent}: ${last}\`` : `\`${last}\``;
}

const RECORD_FIELDS = new Set(["min", "max", "caps", "spares", "expect", "lexicon", "signals", "flags"]);

const FIELD_NAMES: Record<string, string> = {
  int: "a whole number",
  string: "text",
  number: "a number",
  array: "a list",
  object: "a mapping",
  boolean: "true or false",
};

function describeIssue(issue: z.core.$ZodIssue, value: unknown, kind: ContentKind): { code: string; message: string; hint?: string } {
  const field = issue.path.length > 0 ? `\`${issue.path.join(".")}\`` : "the document";
  switch (issue.code) {
    case "invalid_type":
      if (value === undefined) return { code: "missing-field", message: `missing required field \`${String(issue.path.at(-1))}\`` };
      if (issue.expected === "int" && typeof value === "number") {
        const range = numberRange(kind, issue.path as Path);
        return { code: "wrong-type", message: `${fieldName(issue.path as Path)} is ${value}; it must be ${range ?? "a whole number"}` };
      }
      return {
        code: "wrong-type",
        message: `${field} should be ${FIELD_NAMES[issue.expected] ?? issue.expected}, not ${describeValue(value)}`,
      };
    case "invalid_value": {
      const options = issue.values.map((v) => String(v));
      const suggestion = typeof value === "string" ? didYouMean(value, options) : undefined;
      return {
        code: "invalid-value",
        message: `${field} is ${JSON.stringify(value)}; expected one of ${options.join(", ")}`,
        ...(suggestion === undefined ? {} : { hint: suggestion }),
      };
    }
    case "invalid_union":
      return { code: "wrong-type", message: `${field} has the wrong form: ${unionMessage(issue)}` };
    case "too_small":
    case "too_big":
      return { code: issue.code === "too_small" ? "too-small" : "too-big", message: outOfRange(issue, value, kind) };
    case "invalid_format":
      return { code: "invalid-format", message: `${field}: ${issue.message}` };
    default:
      return { code: "invalid", message: `${field}: ${issue.message}` };
  }
}

/** "`mood` is 9; it must be a whole number from -5 to 5", "`turns` is empty": what a trainer can act on. */
function outOfRange(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig, value: unknown, kind: ContentKind): string {
  const name = fieldName(issue.path as Path);
  const small = issue.code === "too_small";
  const bound = Number(small ? (issue as z.core.$ZodIssueTooSmall).minimum : (issue as z.core.$ZodIssueTooBig).maximum);
  switch (issue.origin) {
    case "number":
    case "int": {
      const range = numberRange(kind, issue.path as Path);
      if (range !== undefined) return `${name} is ${String(value)}; it must be ${range}`;
      return `${name} is ${String(value)}; it must be ${small ? "at least" : "at most"} ${bound}`;
    }
    case "array":
      if (small && Array.isArray(value) && value.length === 0)
        return `${name} is an empty list; give it at least ${bound === 1 ? "one item" : `${bound} items`}`;
      return `${name} has ${Array.isArray(value) ? value.length : "too many"} items; it may have ${small ? "at least" : "at most"} ${bound}`;
    case "string":
      if (small && value === "") return `${name} is empty; write something here`;
      return `${name} is too ${small ? "short" : "long"}: ${small ? "at least" : "at most"} ${bound} characters`;
    default:
      return `${name}: ${issue.message.replace(/^Too (small|big): /, "")}`;
  }
}

function unionMessage(issue: z.core.$ZodIssueInvalidUnion): string {
  const expected = new Set<string>();
  for (const branch of issue.errors)
    for (const inner of branch) if (inner.code === "invalid_type") expected.add(FIELD_NAMES[inner.expected] ?? inner.expected);
  if (expected.size > 0) return `expected ${[...expected].join(" or ")}`;
  const first = issue.errors[0]?.[0];
  return first?.message ?? issue.message;
}

function describeValue(value: unknown): string {
  if (value === null) return "empty";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") return `text (${JSON.stringify(value.length > 30 ? `${value.slice(0, 30)}…` : value)})`;
  return `${typeof value} ${JSON.stringify(value)}`;
}

function valueAt(data: unknown, path: Path): unknown {
  let current = data;
  for (const step of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string | number, unknown>)[step];
  }
  return current;
}

/** Schema-checks a parsed file; on success returns the typed document. */
export function validateParsed<K extends ContentKind>(
  parsed: ParsedFile,
  kind: K,
): { data: (K extends "scenario" ? ScenarioSpec : RubricSpec) | undefined; diagnostics: Diagnostic[] } {
  const schema = kind === "scenario" ? scenarioSchema : rubricSchema;
  const result = schema.safeParse(parsed.data);
  if (result.success) return { data: result.data as K extends "scenario" ? ScenarioSpec : RubricSpec, diagnostics: [] };
  const diagnostics: Diagnostic[] = [];
  // A misspelt field is also a missing one (`custmer` for `customer`): the unknown field with its
  // "did you mean" says both, so the missing-field report for the intended name is left out.
  const misspelt = new Set<string>();
  // The closest known field of each unknown key, found once: both loops need it.
  const intended = new Map<z.core.$ZodIssue, Array<string | undefined>>();
  for (const issue of result.error.issues) {
    if (issue.code !== "unrecognized_keys") continue;
    const known = allowedKeys(kind, issue.path as Path);
    const guesses = issue.keys.map((key) => closest(key, known));
    intended.set(issue, guesses);
    for (const guess of guesses) if (guess !== undefined) misspelt.add([...issue.path, guess].join("."));
  }
  for (const issue of result.error.issues) {
    const path = issue.path as Array<string | number>;
    if (issue.code === "invalid_type" && misspelt.has(path.join(".")) && valueAt(parsed.data, path) === undefined) continue;
    if (issue.code === "unrecognized_keys") {
      const known = allowedKeys(kind, path);
      const guesses = intended.get(issue) ?? [];
      const where = path.length > 0 ? ` in \`${path.join(".")}\`` : "";
      const knownHint = `known fields here: ${known.join(", ")}`;
      issue.keys.forEach((key, k) => {
        const node = parsed.doc === undefined ? undefined : keyAt(parsed.doc, path, key);
        const pos = node === undefined ? positionAt(parsed, path) : rangePosition(parsed, node.range);
        const guess = guesses[k];
        diagnostics.push({
          file: parsed.file,
          ...pos,
          code: "unknown-field",
          severity: "error",
          message: `unknown field \`${key}\`${where}`,
          hint: guess === undefined ? knownHint : `did you mean \`${guess}\`?`,
        });
      });
      continue;
    }
    const value = valueAt(parsed.data, path);
    const described = describeIssue(issue, value, kind);
    diagnostics.push(diagnosticAt(parsed, path, described.code, described.message, { hint: described.hint }));
  }
  return { data: undefined, diagnostics };
}
