/**
 * In the rule notation "call/ring/phone" is one word of several and "(right) now" an optional word, so
 * "(it/that/the bill)" reads as "(it or that or the) bill": a slash group followed by more words inside
 * parentheses is a sequence, not a choice of phrases. The shipped content writes such choices as
 * "([it / that / the bill])"; this keeps it so (the gesture lexicon once read "voucher/discount/gift/refund
 * the delivery" as "... the delivery", and a voucher was never a gesture).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "../..");
const files = [
  ...readdirSync(join(root, "rubrics"))
    .filter((f) => f.endsWith(".yaml"))
    .map((f) => join(root, "rubrics", f)),
  ...readdirSync(join(root, "scenarios"))
    .filter((f) => f.endsWith(".yaml"))
    .map((f) => join(root, "scenarios", f)),
];

/** Parenthesised slash groups that hold a space: "(it/that/the bill)", "(a / b c)". */
function ambiguousGroups(line: string): string[] {
  const code = line.replace(/^\s*#.*$/, "");
  return [...code.matchAll(/\(([^()[\]{}"\n]*)\)/g)]
    .map((m) => m[1] as string)
    .filter((inner) => inner.includes("/") && /\S\s+\S/.test(inner));
}

/** A lexicon line whose slash group runs on into more words: "- voucher/discount/refund the delivery". */
function runOnLexiconLine(line: string): boolean {
  return /^\s*- [a-z'-]+(\/[a-z'-]+)+ [a-z]/.test(line);
}

// Lines where a slash group followed by a word is meant: "(duplicate or double or second) charge".
const MEANT = [
  /by\/before\/until\/at noon/,
  /duplicate\/double\/second charge/,
  /payment\/payments provider/,
  /download\/downloads\/downloaded fine/,
];

describe.each(files.map((f) => [f.slice(root.length + 1), f]))("%s", (_name, file) => {
  const lines = readFileSync(file, "utf8").split("\n");

  it("writes a choice of phrases inside ( ) with brackets", () => {
    const found = lines.flatMap((line, i) => ambiguousGroups(line).map((g) => `${i + 1}: (${g})`));
    expect(found).toEqual([]);
  });

  it("has no slash group running on into more words, unless meant", () => {
    const found = lines
      .map((line, i) => [i + 1, line] as const)
      .filter(([, line]) => runOnLexiconLine(line) && !MEANT.some((re) => re.test(line)));
    expect(found.map(([n, line]) => `${n}: ${line.trim()}`)).toEqual([]);
  });
});
