/**
 * A standalone HTML report of one session, for a trainer to open or attach: the scorecard with an
 * inline SVG chart of the criteria, the changes that would help most, the transcript with the evidence
 * highlighted in every reply, the model answers, and the commitments ledger.
 *
 * One file, nothing fetched: inline CSS, inline SVG, system fonts, and a Content-Security-Policy that
 * forbids every network request. The only script marks the page as rendered (tests look for it); its
 * hash is in the policy, so no other script could run. Every piece of session text is escaped. Pure.
 */
import { createHash } from "node:crypto";
import type { SessionRecord } from "../history/record.js";
import { criteriaChartSvg, levelColour } from "./chart-svg.js";
import { escapeHtml as e } from "./html-escape.js";
import { moodName, type SessionView, sessionView, type ViewTurn, who } from "./session-view.js";
import { decimal, levelName, utcMinute } from "./text.js";

const SCRIPT = 'document.body.dataset.rendered = "1";';

const CSS = `
:root { --ink: #1d232b; --muted: #5b6470; --line: #d9dde3; --paper: #ffffff; --wash: #f5f7f9;
  --earned: #d7f0de; --earned-ink: #0f5a2e; --lost: #fbdcd9; --lost-ink: #8c1d18; --accent: #1f6fb2; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--wash); color: var(--ink);
  font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main, header.top { max-width: 980px; margin: 0 auto; padding: 0 24px; }
header.top { padding-top: 28px; padding-bottom: 8px; display: flex; gap: 24px; align-items: center; justify-content: space-between; }
h1 { font-size: 26px; line-height: 1.25; margin: 0 0 6px; }
h2 { font-size: 19px; margin: 0 0 14px; }
h3 { font-size: 16px; margin: 0; }
.meta { color: var(--muted); margin: 0; }
.meta code { font-size: 13px; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 600; vertical-align: 2px; }
.badge.partial { background: #fff1c2; color: #6b4e00; }
.badge.flag { background: var(--lost); color: var(--lost-ink); }
.score { flex: none; width: 112px; height: 112px; border-radius: 50%; display: grid; place-content: center; text-align: center;
  background: var(--paper); border: 6px solid var(--score-colour); }
.score b { font-size: 34px; line-height: 1; }
.score span { color: var(--muted); font-size: 12px; }
section.card { background: var(--paper); border: 1px solid var(--line); border-radius: 10px; padding: 20px 22px; margin: 18px 0; }
figure { margin: 0 0 12px; overflow-x: auto; }
figcaption { color: var(--muted); font-size: 13px; margin-top: 4px; }
svg.chart { max-width: 100%; height: auto; font-family: inherit; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 7px 10px; border-bottom: 1px solid var(--line); }
thead th { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); font-weight: 600; }
tbody th { font-weight: 600; white-space: nowrap; }
td.num { white-space: nowrap; font-variant-numeric: tabular-nums; }
.level { display: inline-block; min-width: 92px; padding: 1px 8px; border-radius: 4px; color: #fff; font-size: 13px; font-weight: 600; }
.rule { color: var(--muted); font-size: 13px; }
ol.changes li { margin: 6px 0; }
.turn { border-top: 1px solid var(--line); padding: 16px 0 6px; }
.turn:first-of-type { border-top: 0; padding-top: 0; }
.turn header { display: flex; gap: 10px; align-items: baseline; flex-wrap: wrap; margin-bottom: 8px; }
.skip { background: #e8eefc; color: #243b6b; padding: 1px 8px; border-radius: 10px; font-size: 13px; }
.narration { font-style: italic; color: var(--muted); margin: 0 0 8px; }
.who { font-size: 12px; font-weight: 600; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; margin-bottom: 2px; }
.bubble { border-radius: 10px; padding: 10px 14px; margin: 0 0 10px; white-space: pre-wrap; overflow-wrap: anywhere; }
.customer .bubble { background: var(--wash); border: 1px solid var(--line); margin-right: 12%; }
.reply .bubble { background: #fff; border: 1px solid #b9c7d8; margin-left: 12%; }
.reply .who { margin-left: 12%; }
mark { border-radius: 3px; padding: 0 2px; }
mark.earned { background: var(--earned); color: var(--earned-ink); box-shadow: inset 0 -2px 0 #6fc08b; }
mark.lost { background: var(--lost); color: var(--lost-ink); box-shadow: inset 0 -2px 0 #e0766d; text-decoration: underline wavy #c0392b; }
ul.levels { list-style: none; padding: 0; margin: 0 0 8px 12%; display: flex; flex-wrap: wrap; gap: 6px; }
ul.levels li { font-size: 12px; padding: 2px 8px; border-radius: 10px; color: #fff; }
details { margin: 0 0 10px 12%; }
summary { cursor: pointer; color: var(--accent); font-size: 14px; }
dl.feedback { margin: 8px 0 0; display: grid; grid-template-columns: max-content 1fr; gap: 4px 14px; font-size: 14px; }
dl.feedback dt { font-weight: 600; }
dl.feedback dd { margin: 0; }
.model { margin: 0 0 10px 12%; border-left: 4px solid #6fc08b; background: #f3faf5; padding: 8px 14px; border-radius: 0 8px 8px 0; }
.model .who { color: var(--earned-ink); }
.model p { margin: 0; white-space: pre-wrap; }
.legend { color: var(--muted); font-size: 13px; margin: 0 0 14px; }
.ending { font-style: italic; }
footer { max-width: 980px; margin: 0 auto; padding: 6px 24px 40px; color: var(--muted); font-size: 12px; }
@media print { body { background: #fff; } section.card { break-inside: avoid-page; border-color: #bbb; } details { display: none; } }
`;

function markedReply(turn: ViewTurn): string {
  let out = "";
  let at = 0;
  for (const m of turn.marks) {
    if (m.start < at) continue;
    out += e(turn.reply.slice(at, m.start));
    const cls = m.lost ? "lost" : "earned";
    const label = `${m.lost ? "cost a level" : "earned"}: ${m.reasons.join("; ")}`;
    out += `<mark class="${cls}" title="${e(label)}">${e(turn.reply.slice(m.start, m.end))}</mark>`;
    at = m.end;
  }
  return out + e(turn.reply.slice(at));
}

function levelChip(level: number, max: number, text: string): string {
  return `<span class="level" style="background:${levelColour((level / max) * 3)}">${e(text)}</span>`;
}

function scorecard(view: SessionView): string {
  const rows = view.criteria.map((c) => {
    const evidence =
      c.shown === undefined
        ? '<span class="rule">no evidence in the replies</span>'
        : `${c.shown.lost ? '<mark class="lost">' : '<mark class="earned">'}${e(c.shown.quote)}</mark> <span class="rule">${e(c.shown.rule)}, ${e(c.shown.turn)}</span>`;
    return `<tr><th scope="row">${e(c.title)}</th><td class="num">${levelChip(c.level, c.max, `${c.level}/${c.max} ${levelName((c.level / c.max) * 3)}`)}</td><td class="num">${decimal(c.mean)}</td><td class="num">${c.weight}</td><td>${evidence}${c.feedback === undefined ? "" : `<div class="rule">${e(c.feedback)}</div>`}</td></tr>`;
  });
  const chart = criteriaChartSvg(view.criteria, { title: `Level per criterion, ${view.title}` });
  return `<section class="card" id="scorecard">
<h2>Scorecard</h2>
<figure>${chart}<figcaption>Bars: the mean level over the session's replies (0 absent, 1 weak, 2 solid, 3 exemplary). Dots: each reply.</figcaption></figure>
<table><thead><tr><th>Criterion</th><th>Level</th><th>Mean</th><th>Weight</th><th>Evidence</th></tr></thead>
<tbody>${rows.join("\n")}</tbody></table>
${view.flags.length === 0 ? "" : `<p>Flags: ${view.flags.map((f) => `<span class="badge flag">${e(f)}</span>`).join(" ")}</p>`}
</section>`;
}

function changes(view: SessionView): string {
  if (view.changes.length === 0) return "";
  return `<section class="card" id="changes">
<h2>The changes that would help most</h2>
<ol class="changes">${view.changes.map((c) => `<li>${e(c.feedback)} <span class="rule">(${e(c.criterion === "flag" ? "flag" : c.criterion)}: ${e(c.rule)})</span></li>`).join("\n")}</ol>
</section>`;
}

function turnHtml(turn: ViewTurn): string {
  const parts: string[] = [];
  parts.push(`<article class="turn" id="turn-${turn.n}">`);
  parts.push(
    `<header><h3>${turn.n}. ${e(turn.turn)}</h3>${turn.skip === undefined ? "" : `<span class="skip">${e(turn.skip)}</span>`}<span class="rule">score ${turn.score}/100${turn.moodAfter === undefined ? "" : `, the customer is now ${moodName(turn.moodAfter)}`}</span></header>`,
  );
  if (turn.narration !== undefined) parts.push(`<p class="narration">${e(turn.narration)}</p>`);
  parts.push(`<div class="customer"><div class="who">Customer</div><p class="bubble">${e(turn.customer)}</p></div>`);
  const reply = turn.reply.trim() === "" ? '<span class="rule">(empty reply)</span>' : markedReply(turn);
  parts.push(`<div class="reply"><div class="who">Trainee</div><p class="bubble">${reply}</p></div>`);
  const chips = turn.levels.map(
    (l) => `<li style="background:${levelColour((l.level / l.max) * 3)}">${e(l.title)} ${l.level}/${l.max}</li>`,
  );
  for (const f of turn.flags) chips.push(`<li style="background:#8c1d18">flag: ${e(f)}</li>`);
  if (chips.length > 0) parts.push(`<ul class="levels">${chips.join("")}</ul>`);
  if (turn.feedback.length > 0) {
    parts.push(
      `<details><summary>Feedback on this reply</summary><dl class="feedback">${turn.feedback.map((f) => `<dt>${e(f.title)} ${f.level}/${f.max}</dt><dd>${e(f.text)}</dd>`).join("")}</dl></details>`,
    );
  }
  if (turn.model !== undefined) parts.push(`<div class="model"><div class="who">Model answer</div><p>${e(turn.model)}</p></div>`);
  parts.push("</article>");
  return parts.join("\n");
}

function transcript(view: SessionView): string {
  const note =
    view.models === "scenario"
      ? " Model answers are from the scenario file as it is now."
      : view.models === "record"
        ? " The model answer is shown for the weakest reply (the scenario file was not available for the others)."
        : "";
  return `<section class="card" id="transcript">
<h2>Transcript</h2>
<p class="legend"><mark class="earned">Highlighted</mark> words earned a level; <mark class="lost">marked</mark> words cost one. Hover for the rule.${e(note)}</p>
${view.turns.length === 0 ? '<p class="rule">No replies: the session ended before the first one.</p>' : view.turns.map(turnHtml).join("\n")}
</section>`;
}

function ledger(view: SessionView): string {
  const rows = view.ledger.map(
    (c) =>
      `<tr><td>${e(c.turn)}</td><td>${e(who(c))}</td><td>${e(c.what)}</td><td>${c.due === undefined ? '<span class="badge partial">no time given</span>' : e(c.due)}</td><td>${e(c.status)}${c.status === "vague" || c.calledOut === true ? " (called out)" : ""}</td><td class="rule">“${e(c.quote)}”</td></tr>`,
  );
  return `<section class="card" id="ledger">
<h2>Commitments ledger</h2>
${rows.length === 0 ? '<p class="rule">No commitments were made in this session.</p>' : `<table><thead><tr><th>Turn</th><th>Who</th><th>What</th><th>By when</th><th>Status</th><th>In the trainee's words</th></tr></thead><tbody>${rows.join("\n")}</tbody></table>`}
</section>`;
}

function ending(view: SessionView): string {
  if (view.ending === undefined && view.finalMood === undefined) return "";
  const mood = view.finalMood === undefined ? "" : `<p>The customer ended ${moodName(view.finalMood)}.</p>`;
  return `<section class="card" id="ending">
<h2>How it ended</h2>
${view.ending === undefined ? "" : `<p class="ending">${e(view.ending)}</p>`}${mood}
</section>`;
}

export function renderHtmlReport(
  record: SessionRecord,
  options: { models?: ReadonlyMap<string, string>; generator?: string } = {},
): string {
  const view = sessionView(record, options.models);
  const scriptHash = createHash("sha256").update(SCRIPT).digest("base64");
  const csp = `default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-${scriptHash}'; base-uri 'none'; form-action 'none'`;
  const facts = [
    `<code>${e(view.scenario)}</code>`,
    `${e(utcMinute(view.startedAt))} UTC`,
    e(view.mode),
    `${view.turns.length} repl${view.turns.length === 1 ? "y" : "ies"}`,
  ];
  if (view.trainee !== undefined) facts.push(`trainee ${e(view.trainee)}`);
  const scoreColour = levelColour(view.score >= 67 ? 3 : view.score >= 34 ? 1 : 0);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="generator" content="${e(options.generator ?? "complaint coach")}">
<title>${e(`${view.title}: session report (${utcMinute(view.startedAt)} UTC)`)}</title>
<style>${CSS}</style>
</head>
<body>
<header class="top">
<div>
<h1>${e(view.title)}${view.partial ? ' <span class="badge partial">partial: not finished</span>' : ""}</h1>
<p class="meta">${facts.join(" · ")}</p>
<p class="meta">session <code>${e(view.id)}</code>${view.rubric === "" ? "" : ` · rubric <code>${e(view.rubric)}</code>`}</p>
</div>
<div class="score" style="--score-colour:${scoreColour}" aria-label="overall score ${view.score} of 100"><b>${view.score}</b><span>of 100</span></div>
</header>
<main>
${scorecard(view)}
${changes(view)}
${transcript(view)}
${ledger(view)}
${ending(view)}
</main>
<footer>Made by ${e(options.generator ?? "complaint coach")} from session ${e(view.id)}. Levels: 0 absent or violated, 1 weak, 2 solid, 3 exemplary.</footer>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
