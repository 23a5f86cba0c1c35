import { describe, expect, it } from "vitest";
import { mdEscape, renderMarkdownReport } from "../../src/report/markdown-report.js";
import { fixtureRecords, hostileRecord } from "./report-fixture.js";

describe("mdEscape", () => {
  it.each([
    ["**bold** _it_ `code`", "\\*\\*bold\\*\\* \\_it\\_ \\`code\\`"],
    ["[a](http://x)", "\\[a\\](http://x)"],
    ["<b>&amp;</b>", "&lt;b&gt;&amp;amp;&lt;/b&gt;"],
    ["a | b", "a \\| b"],
    ["# heading", "\\# heading"],
    ["- item\n+ item", "\\- item\n\\+ item"],
    ["1. first", "1\\. first"],
    ["I'm fine, 1. not a list", "I'm fine, 1. not a list"],
  ])("%j -> %j", (text, md) => expect(mdEscape(text)).toBe(md));
});

describe("renderMarkdownReport", () => {
  const records = fixtureRecords();

  it("renders a session for a ticket", async () => {
    const md = renderMarkdownReport(records[2] as never, { models: new Map([["open", "A model answer."]]) });
    expect(md).toContain("## Scorecard");
    expect(md).toContain("| Criterion | Level | Mean | Weight | Evidence |");
    expect(md).toContain("## Transcript");
    expect(md).toContain("**sorry about your bike**");
    expect(md).toContain("## Commitments");
    await expect(md).toMatchFileSnapshot("__golden__/report.md");
  });

  it("marks a partial session", () => {
    expect(renderMarkdownReport(records[3] as never)).toContain("**partial: not finished**");
  });

  it("keeps the trainee's words from turning into markup", () => {
    const md = renderMarkdownReport(hostileRecord());
    expect(md).not.toContain("<script>");
    expect(md).not.toContain("<b>");
    expect(md).not.toContain("[a link](http://evil.test)");
    expect(md).toContain("\\[a link\\](http://evil.test)");
    expect(md).toContain("\\*\\*not bold\\*\\*");
    expect(md).toContain("> \\# not a heading");
    expect(md).toContain("> 1\\. not a list");
    expect(md).toMatch(/~~[^~]+~~/);
    // Table rows stay whole: both tables have five columns, so six unescaped pipes a row.
    const rows = md.split("\n").filter((l) => l.startsWith("|"));
    expect(rows.length).toBeGreaterThan(4);
    for (const row of rows) expect(row.replace(/\\\|/g, "").split("|").length - 1).toBe(6);
  });
});
