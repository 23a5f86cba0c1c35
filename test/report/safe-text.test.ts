/** Text from outside made safe for a terminal or a CI log: control characters shown as escapes. */
import { describe, expect, it } from "vitest";
import { visible, visibleBlock, visibleDeep } from "../../src/report/safe-text.js";

describe("visible", () => {
  it.each([
    ["plain text stays", "I'll call you by 5.", "I'll call you by 5."],
    ["a title-setting and screen-clearing reply", "a\u001b]0;title\u0007\u001b[2Jb", "a\\x1b]0;title\\x07\\x1b[2Jb"],
    ["a newline in a YAML key", "x\n::error file=a::forged", "x\\n::error file=a::forged"],
    ["CR, CRLF and a tab", "a\rb\r\nc\td", "a\\rb\\r\\nc\\td"],
    ["DEL and a C1 control", "a\u007fb\u009bc", "a\\x7fb\\x9bc"],
    ["a bidirectional override", "abc\u202edcba", "abc\\u{202e}dcba"],
    ["a line separator", "a\u2028b", "a\\u{2028}b"],
    ["a workflow command at the start", "::error::x", "\\x3a:error::x"],
    ["a workflow command after spaces", "  ::warning::x", "  \\x3a:warning::x"],
    ["the older command form anywhere", "say ##[error]x", "say ##\\x5berror]x"],
    ["colons inside a line", "at 9:30: call", "at 9:30: call"],
    ["accents and emoji", "café 🙂", "café 🙂"],
  ])("%s", (_name, text, shown) => {
    expect(visible(text)).toBe(shown);
  });

  it("keeps newlines and tabs in a block, and still stops a line from starting a workflow command", () => {
    expect(visibleBlock("first line\r\nsecond\tline\n::error::x\u001b[2J")).toBe("first line\nsecond\tline\n\\x3a:error::x\\x1b[2J");
  });

  it("is idempotent", () => {
    const once = visible("\u001b[2J\n::error::x");
    expect(visible(once)).toBe(once);
  });

  it("makes every string of a record visible, keys included, leaving the skipped fields to the caller", () => {
    const record = { id: "a\u001b", turns: [{ reply: "r\u001b", customer: "c1\nc2\u0007", levels: { "own\u001b": 1 } }] };
    expect(visibleDeep(record, new Set(["customer"]), new Set(["reply"]))).toEqual({
      id: "a\\x1b",
      turns: [{ reply: "r\u001b", customer: "c1\nc2\\x07", levels: { "own\\x1b": 1 } }],
    });
  });

  it("keeps a `__proto__` key a key", () => {
    const value = JSON.parse('{"__proto__": {"polluted": true}, "a": "b"}') as Record<string, unknown>;
    const out = visibleDeep(value);
    expect(Object.keys(out)).toEqual(["__proto__", "a"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("right-to-left text", () => {
  it("keeps the plain direction marks of Arabic and Hebrew, and escapes the overrides that reorder a line", () => {
    expect(visible("שלום\u200f עולם")).toBe("שלום\u200f עולם");
    expect(visible("\u2067abc\u2069")).toBe("\\u{2067}abc\\u{2069}");
  });
});
