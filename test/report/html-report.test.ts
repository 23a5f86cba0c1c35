import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { criteriaChartSvg } from "../../src/report/chart-svg.js";
import { escapeHtml } from "../../src/report/html-escape.js";
import { renderHtmlReport } from "../../src/report/html-report.js";
import { fixtureRecords, hostileRecord } from "./report-fixture.js";

describe("escapeHtml", () => {
  it.each([
    ["<script>", "&lt;script&gt;"],
    ["\"quoted\" & 'single'", "&quot;quoted&quot; &amp; &#39;single&#39;"],
    ["plain", "plain"],
  ])("%j -> %j", (text, html) => expect(escapeHtml(text)).toBe(html));
});

describe("criteriaChartSvg", () => {
  const svg = criteriaChartSvg([
    { id: "ownership", title: "Ownership", mean: 2.5, level: 3, max: 3, replies: [2, 3] },
    { id: "empathy", title: "Empathy <&>", mean: 0, level: 0, max: 3 },
  ]);
  it("draws one bar group per criterion with its value as text", () => {
    expect(svg.match(/<g class="criterion"/g)).toHaveLength(2);
    expect(svg).toContain("2.5 / 3");
    expect(svg.match(/<circle /g)).toHaveLength(2);
  });
  it("is accessible and escapes titles", () => {
    expect(svg).toContain('role="img"');
    expect(svg).toContain("Empathy &lt;&amp;&gt;");
    expect(svg).not.toContain("Empathy <&>");
  });
});

describe("renderHtmlReport", () => {
  const record = fixtureRecords()[2] as NonNullable<ReturnType<typeof fixtureRecords>[number]>;
  const html = renderHtmlReport(record, { models: new Map([["open", "A model answer for the opening."]]) });

  it("is one standalone document: inline style and chart, nothing fetched", () => {
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).toContain("<style>");
    expect(html).toContain('<svg xmlns="http://www.w3.org/2000/svg" class="chart"');
    // The SVG namespace is the only URL, and it is never fetched.
    expect(html.replaceAll("http://www.w3.org/2000/svg", "")).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<link|<img|src=|@import|url\(/);
  });

  it("forbids network requests and allows only its own script, by hash", () => {
    const script = /<script>([^<]*)<\/script>/.exec(html)?.[1] ?? "";
    const hash = createHash("sha256").update(script).digest("base64");
    expect(html).toContain(`default-src 'none'`);
    expect(html).toContain(`script-src 'sha256-${hash}'`);
    expect(html.match(/<script/g)).toHaveLength(1);
  });

  it("shows the scorecard, the transcript with evidence per reply, the ledger and model answers", () => {
    for (const id of ["scorecard", "transcript", "ledger", "ending"]) expect(html).toContain(`id="${id}"`);
    expect(html.match(/<article class="turn"/g)).toHaveLength(record.turns.length);
    expect(html).toMatch(/<mark class="earned" title="earned: [^"]+">sorry about your bike<\/mark>/);
    expect(html).toContain("A model answer for the opening.");
    // The record's own model answer (for its weakest turn) shows where the scenario gave none.
    const weakest = record.result.weakest;
    if (weakest !== undefined && weakest.turn !== "open") expect(html).toContain(escapeHtml(weakest.model));
    expect(html).toContain("call the producer");
  });

  it("omits model answers gracefully without the scenario", () => {
    const plain = renderHtmlReport({ ...record, result: { ...record.result, weakest: undefined } } as typeof record);
    expect(plain).not.toContain('class="model"');
  });

  it("escapes every piece of the trainee's and the content's text", () => {
    const hostile = renderHtmlReport(hostileRecord());
    expect(hostile.match(/<script/g)).toHaveLength(1);
    expect(hostile).not.toContain("<b>Sander</b>");
    expect(hostile).not.toContain("<img src=x");
    expect(hostile).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(hostile).toContain("&lt;/td&gt;&lt;script&gt;bad()&lt;/script&gt;");
    expect(hostile).toContain("Title &lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(hostile).toMatch(/<mark class="lost"/);
  });

  it("survives a hand-edited record with missing pieces", () => {
    const broken = {
      ...record,
      turns: [null, { turn: "x" }],
      ledger: undefined,
      result: { score: 12, criteria: [{ id: "ownership" }, null] },
    };
    const text = renderHtmlReport(broken as never);
    expect(text).toContain("</html>");
    expect(text).toContain('data-criterion="ownership"');
  });
});
