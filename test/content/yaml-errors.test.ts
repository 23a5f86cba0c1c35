/** yaml's errors as a trainer reads them: one per mistake, at the character that caused it, with the hint for it. */
import { describe, expect, it } from "vitest";
import { parseContent } from "../../src/content/load.js";

function errors(text: string): string[] {
  return parseContent("x.yaml", text, "scenario").diagnostics.map((d) => `${d.line}:${d.column} ${d.message} | ${d.hint ?? ""}`);
}

describe("YAML mistakes", () => {
  it.each([
    [
      "an unclosed [ at its opener",
      "id: a\ntags: [a, b\ndifficulty: easy\n",
      "2:7 this `[` is never closed | close it with `]`, or write the list as lines that start with `- `",
    ],
    [
      "an unclosed { at its opener, not an inner closed one",
      "turns:\n  - id: a\n    if: { min: { ownership: 2 }\n    next: end\n",
      "3:9 this `{` is never closed | close it with `}`",
    ],
    [
      "an unclosed quote at its opener",
      'id: a\ntitle: "abc\ndifficulty: easy\n',
      '2:8 this quote (") is never closed | close it with " at the end of the value, or leave the quotes out',
    ],
    [
      "a field indented too far",
      "id: a\ncustomer:\n  name: A\n   mood: calm\n  wants: x\n",
      "4:4 `mood:` is indented more than `name:` above it | line it up with `name:` (2 spaces from the left); only a field with nothing after its colon can have fields under it",
    ],
    [
      "a field not indented far enough",
      "id: a\ncustomer:\n  name: A\n mood: calm\n  wants: x\n",
      "4:2 `mood:` is not lined up with `name:` above it | fields of one mapping start in the same column: line it up with `name:` (2 spaces from the left)",
    ],
    [
      "a list item's field not indented far enough",
      "turns:\n  - id: a\n    customer: hi\n   model: m\n  - id: b\n",
      "4:4 `model:` is not lined up with `customer:` above it | fields of one mapping start in the same column: line it up with `customer:` (4 spaces from the left)",
    ],
    [
      "a tab, once",
      "id: a\ncustomer:\n\tname: A\n  mood: calm\n",
      "3:1 Tabs are not allowed as indentation | indent with spaces, not tabs",
    ],
    [
      "a colon in a value",
      "id: a\ntitle: You asked: why?\n",
      '2:8 Nested mappings are not allowed in compact mappings | a value with a colon in it needs quotes: hit: "You asked: why?"',
    ],
    [
      "an apostrophe in single quotes",
      "id: a\ntitle: 'You're right'\n",
      `2:12 the apostrophe in \`You're\` ends the text in single quotes | use double quotes: "You're right", or inside single quotes write an apostrophe twice: 'You''re right'`,
    ],
  ])("%s", (_, text, expected) => {
    expect(errors(text)).toEqual([expected]);
  });
});
