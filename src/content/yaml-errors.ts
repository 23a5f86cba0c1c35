/**
 * yaml's errors, told the way a trainer can act on them: one error per mistake, at the character
 * that caused it, with a hint for that mistake. yaml reports where its parser gave up, which is
 * often a line later (an unclosed `[` or quote is reported where the file ends) and often with
 * follow-on errors at the same spot (a tab, or a line indented one space too far, brings two
 * more, one of them with a hint about colons in values).
 */
import { CST, type LineCounter, Parser, type YAMLError } from "yaml";
import type { Diagnostic } from "./diagnostics.js";

interface Explained {
  offset: number;
  message: string;
  hint?: string | undefined;
}

/** Diagnostics for yaml's errors: explained, and one per line a mistake is on. */
export function yamlErrorDiagnostics(file: string, text: string, errors: readonly YAMLError[], lineCounter: LineCounter): Diagnostic[] {
  const out: Diagnostic[] = [];
  const covered = new Set<number>();
  let found: Openers | undefined;
  const openers = () => {
    found ??= findOpeners(text);
    return found;
  };
  for (const error of errors) {
    if (error.code === "DUPLICATE_KEY") continue; // found by load.ts's own check
    const at = lineCounter.linePos(error.pos[0]).line;
    if (covered.has(at)) continue;
    const explained = explain(error, text, openers);
    // A follow-on of a mistake already reported (a line that no longer fits the broken structure).
    if (explained === undefined) {
      if (out.length > 0) continue;
      const pos = lineCounter.linePos(offsetOf(error));
      out.push({
        file,
        line: pos.line,
        column: pos.col,
        code: "yaml-syntax",
        severity: "error",
        message: firstLine(error.message),
        ...hintOf(error.code),
      });
      covered.add(at);
      continue;
    }
    const pos = lineCounter.linePos(explained.offset);
    covered.add(at);
    if (covered.has(pos.line) && pos.line !== at) continue;
    covered.add(pos.line);
    const d: Diagnostic = { file, line: pos.line, column: pos.col, code: "yaml-syntax", severity: "error", message: explained.message };
    if (explained.hint !== undefined) d.hint = explained.hint;
    out.push(d);
  }
  return out;
}

function offsetOf(error: YAMLError): number {
  return error.pos[0];
}

function hintOf(code: string): { hint?: string } {
  const hint = hintFor(code);
  return hint === undefined ? {} : { hint };
}

/** What the mistake is and where; undefined for a follow-on of another mistake. */
function explain(error: YAMLError, text: string, openers: () => Openers): Explained | undefined {
  const offset = error.pos[0];
  const generic: Explained = { offset, message: firstLine(error.message), hint: hintFor(error.code) };
  switch (error.code) {
    case "MISSING_CHAR": {
      if (/without - indicator/.test(error.message)) return misaligned(text, offset) ?? generic;
      // Reported where the file ends; the trainer needs the quote that opened.
      const quote = /quote/i.test(error.message) ? openers().quote : undefined;
      if (quote === undefined) return generic;
      const { offset: at, char } = quote;
      return {
        offset: at,
        message: `this quote (${char}) is never closed`,
        hint: `close it with ${char} at the end of the value, or leave the quotes out`,
      };
    }
    case "BAD_INDENT": {
      const flow = /^Flow (sequence|map)/.exec(error.message);
      if (flow !== null) {
        const opener = flow[1] === "sequence" ? openers().list : openers().map;
        if (opener === undefined) return generic;
        const [open, close] = flow[1] === "sequence" ? ["[", "]"] : ["{", "}"];
        return {
          offset: opener,
          message: `this \`${open}\` is never closed`,
          hint: `close it with \`${close}\`${flow[1] === "sequence" ? ", or write the list as lines that start with `- `" : ""}`,
        };
      }
      if (/same column/.test(error.message)) return misaligned(text, offset) ?? generic;
      return generic;
    }
    case "BLOCK_AS_IMPLICIT_KEY": {
      // "Nested mappings are not allowed": a colon in a value on this line, or a line below
      // indented further than the field it follows (yaml reads it as part of the value).
      const lineEnd = endOfLine(text, offset);
      if (/:(\s|$)/.test(text.slice(offset, lineEnd))) return generic;
      return overIndented(text, offset);
    }
    case "MULTILINE_IMPLICIT_KEY":
      // Always beside a "nested mappings" error at the same spot, which says it better.
      return undefined;
    case "UNEXPECTED_TOKEN":
      return apostrophe(text, offset) ?? generic;
    default:
      return generic;
  }
}

/** `title: 'You're right'`: the apostrophe closes the single quotes, and the rest is unexpected. */
function apostrophe(text: string, offset: number): Explained | undefined {
  if (text[offset - 1] !== "'" || !/\w/.test(text[offset - 2] ?? "") || !/\w/.test(text[offset] ?? "")) return undefined;
  const lineStart = startOfLine(text, offset);
  const open = text.lastIndexOf("'", offset - 2);
  if (open < lineStart) return undefined;
  const value = text.slice(open, endOfLine(text, offset)).trim();
  const inner = value.endsWith("'") && value.length > 1 ? value.slice(1, -1) : value.slice(1);
  const word = `${/\w+$/.exec(text.slice(lineStart, offset - 1))?.[0] ?? ""}'${/^\w+/.exec(text.slice(offset))?.[0] ?? ""}`;
  const doubled = `'${inner.replace(/'/g, "''")}'`;
  return {
    offset: offset - 1,
    message: `the apostrophe in \`${word}\` ends the text in single quotes`,
    hint: inner.includes('"')
      ? `inside single quotes write an apostrophe twice: ${doubled}`
      : `use double quotes: "${inner}", or inside single quotes write an apostrophe twice: ${doubled}`,
  };
}

interface KeyLine {
  indent: number;
  key: string;
}

/** The field a line starts with, and its column (after a `- ` when it is a list item). */
function keyLine(text: string, start: number): KeyLine | undefined {
  const line = text.slice(start, endOfLine(text, start));
  const m = /^(\s*(?:-\s+)?)([^\s:#'"][^:#]*?):(\s|$)/.exec(line);
  if (m === null) return undefined;
  return { indent: (m[1] as string).length, key: (m[2] as string).trim() };
}

function spaces(n: number): string {
  return `${n} space${n === 1 ? "" : "s"}`;
}

/** `  name: A` then `   mood: calm`: the second line belongs to no field; yaml reads it as part of A. */
function overIndented(text: string, offset: number): Explained | undefined {
  const above = keyLine(text, startOfLine(text, offset));
  if (above === undefined) return undefined;
  let start = endOfLine(text, offset) + 1;
  while (start < text.length) {
    const line = text.slice(start, endOfLine(text, start));
    if (line.trim() !== "" && !line.trim().startsWith("#")) {
      const below = keyLine(text, start);
      if (below === undefined) return undefined;
      if (below.indent <= above.indent) return undefined;
      return {
        offset: start + below.indent,
        message: `\`${below.key}:\` is indented more than \`${above.key}:\` above it`,
        hint: `line it up with \`${above.key}:\` (${spaces(above.indent)} from the left); only a field with nothing after its colon can have fields under it`,
      };
    }
    start = endOfLine(text, start) + 1;
  }
  return undefined;
}

/** `  name: A` then ` mood: calm`: a field indented less than the one before it, but not back to its parent. */
function misaligned(text: string, offset: number): Explained | undefined {
  const lineStart = startOfLine(text, offset);
  const here = keyLine(text, lineStart);
  if (here === undefined) return undefined;
  // The nearest line above with something on it.
  let end = lineStart - 1;
  while (end > 0) {
    const start = startOfLine(text, end);
    const line = text.slice(start, end);
    end = start - 1;
    if (line.trim() === "" || line.trim().startsWith("#")) continue;
    const above = keyLine(text, start);
    if (above === undefined || above.indent === here.indent) return undefined;
    return {
      offset: lineStart + here.indent,
      message: `\`${here.key}:\` is not lined up with \`${above.key}:\` above it`,
      hint: `fields of one mapping start in the same column: line it up with \`${above.key}:\` (${spaces(above.indent)} from the left)`,
    };
  }
  return undefined;
}

/** The first unclosed quote, `[` and `{` in the file, from yaml's syntax tree. */
interface Openers {
  quote?: { offset: number; char: string };
  list?: number;
  map?: number;
}

function findOpeners(text: string): Openers {
  const found: Openers = {};
  try {
    walkOpeners(text, found);
  } catch {
    // A file nested thousands deep overflows the walk; yaml reports that on its own.
  }
  return found;
}

function walkOpeners(text: string, found: Openers): void {
  const check = (token: CST.Token | undefined) => {
    if (token === undefined) return;
    if (token.type === "double-quoted-scalar" || token.type === "single-quoted-scalar") {
      if (found.quote !== undefined) return;
      const char = token.source[0] as string;
      const trailing = token.source.length - token.source.replace(char === '"' ? /\\*"$/ : /'+$/, "").length;
      // Closed: `"..."` with an unescaped last quote; `'...'` ends in an odd run of quotes ('' escapes one).
      const closed = token.source.length >= 2 && (trailing % 2 === 1 || token.source === "''");
      if (!closed) found.quote = { offset: token.offset, char };
    } else if (token.type === "flow-collection") {
      const list = token.start.source === "[";
      const closer = list ? "flow-seq-end" : "flow-map-end";
      if (!token.end.some((t) => t.type === closer)) {
        if (list) found.list ??= token.start.offset;
        else found.map ??= token.start.offset;
      }
    }
  };
  for (const token of new Parser().parse(text)) {
    if (token.type !== "document") continue;
    check(token.value);
    CST.visit(token, (item) => {
      check(item.key ?? undefined);
      check(item.value);
    });
  }
}

function startOfLine(text: string, offset: number): number {
  return text.lastIndexOf("\n", offset - 1) + 1;
}

function endOfLine(text: string, offset: number): number {
  const end = text.indexOf("\n", offset);
  return end < 0 ? text.length : end;
}

function firstLine(message: string): string {
  return (message.split("\n")[0] ?? message).replace(/ at line \d+, column \d+:?$/, "");
}

function hintFor(code: string): string | undefined {
  switch (code) {
    case "BLOCK_AS_IMPLICIT_KEY":
      return 'a value with a colon in it needs quotes: hit: "You asked: why?"';
    case "TAB_AS_INDENT":
      return "indent with spaces, not tabs";
    case "RESOURCE_EXHAUSTION":
      return "the file nests brackets or collections far deeper than any scenario needs; look for runaway [ or {";
    case "BAD_INDENT":
    case "MISSING_CHAR":
      return "check the indentation of this line against the lines above it";
    default:
      return undefined;
  }
}

/** yaml's own wording for warnings, without the position it repeats. */
export function yamlMessage(message: string): string {
  return firstLine(message);
}
