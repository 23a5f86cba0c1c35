/**
 * `coach progress` for the terminal: a sparkline per criterion (readable without colour: the marks are
 * the chart, the numbers beside them say the same), best and latest per scenario, what to work on next;
 * and the team view of `--from`. Pure.
 */
import type { Direction, NextBehaviour, Progress, Trend } from "../history/progress.js";
import type { TeamProgress } from "../history/team.js";
import { scoreColour } from "./history.js";
import { visibleDeep } from "./safe-text.js";
import type { Style } from "./style.js";
import { decimal, plural, sparkline, utcDay, utcMinute, widest, wrap } from "./text.js";

const WIDTH = 88;

/** JSON with means rounded to two decimals, so output is stable and readable. */
export function progressJsonText(value: Progress | TeamProgress): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === "number" && !Number.isInteger(v) ? Math.round(v * 100) / 100 : v));
}

const ARROW: Record<Direction, string> = { up: "↑ up", down: "↓ down", steady: "→ steady", new: "· new" };

function directionText(d: Direction, style: Style): string {
  const text = ARROW[d];
  if (style.level === 0) return text;
  return d === "up" ? style.green(text) : d === "down" ? style.red(text) : style.dim(text);
}

function levelColour(share: number, style: Style): (text: string) => string {
  if (style.level === 0) return (text) => text;
  return share >= 2 / 3 ? style.green : share >= 1 / 3 ? style.yellow : style.red;
}

function trendLine(t: Trend, width: number, points: number, style: Style): string {
  const fmt = (v: number) => (t.max === 100 ? String(Math.round(v)) : decimal(v));
  const spark = sparkline(t.points, t.max).padEnd(points);
  // The arrow compares the two numbers just before it: the last sessions against as many before them.
  const earlier = t.before === undefined ? "-" : fmt(t.before);
  const numbers = `latest ${fmt(t.latest).padStart(3)}  best ${fmt(t.best).padStart(3)}  earlier ${earlier.padStart(3)}  recent ${fmt(t.now).padStart(3)}/${t.max}`;
  return `  ${t.title.padEnd(width)}  ${levelColour(t.recent / t.max, style)(spark)}  ${numbers}  ${directionText(t.direction, style)}`;
}

function trendHeading(trends: readonly Trend[]): string {
  const perPoint = trends[0]?.perPoint ?? 1;
  const marks = perPoint <= 1 ? "one mark per session" : `each mark is about ${Math.round(perPoint)} sessions`;
  return `Trend per criterion, oldest to newest (level 0-3, ▁ to █; ${marks})`;
}

/** What "recent" and "earlier" are, in words: the arrow compares them. */
function windowNote(trends: readonly Trend[]): string | undefined {
  const k = trends.find((t) => t.window > 0)?.window;
  if (k === undefined) return "  the arrows need two finished sessions or more";
  if (k === 1) return "  recent: your last session; earlier: the one before it; the arrow compares the two";
  return `  recent: your last ${k} sessions; earlier: the ${k} before them; the arrow compares the two`;
}

export function renderNext(next: NextBehaviour | undefined, style: Style, who = "your"): string[] {
  if (next === undefined)
    return [style.bold("Work on next"), "  Nothing stands out: no reply fell short on any criterion. Try a harder scenario."];
  const rule = next.rule === undefined ? "" : ` is "${next.rule}"`;
  return [
    `${style.bold("Work on next:")} ${style.bold(next.title)}`,
    wrap(
      `It is ${who} weakest criterion: a mean of ${decimal(next.mean)} of ${next.max} over ${who} last ${plural(next.sessions, "session")}. ` +
        `What held it back most often${rule}, in ${next.count} of the ${plural(next.shortfalls, "reply", "replies")} where it fell short:`,
      WIDTH,
      "  ",
    ),
    style.cyan(wrap(next.feedback, WIDTH - 4, "    ")),
  ];
}

export function renderProgress(computed: Progress, style: Style): string {
  // Titles, ids, rules and feedback come from a history that can be edited by hand.
  const progress = visibleDeep(computed, new Set(["feedback"]));
  if (progress.counted === 0) {
    const none =
      progress.sessions === 0
        ? "No sessions yet. Play one with `coach play`, and your progress shows here."
        : progress.partial > 0
          ? `${plural(progress.sessions, "session")} in the history, none of them finished yet (${progress.partial} left part-way). Play one to the end with \`coach play\`.`
          : `${plural(progress.sessions, "session")} in the history, but none with a reply yet. Play one with \`coach play\`.`;
    return `${none}\n`;
  }
  const lines: string[] = [];
  const span =
    progress.from === undefined || progress.to === undefined ? "" : ` from ${utcDay(progress.from)} to ${utcDay(progress.to)} (UTC)`;
  lines.push(style.bold(`Progress over ${plural(progress.counted, "finished session")}${span}`));
  if (progress.partial > 0)
    lines.push(
      style.dim(
        `  ${plural(progress.partial, "session")} left part-way ${progress.partial === 1 ? "is" : "are"} not in the trends and bests`,
      ),
    );
  lines.push("");

  const trends = [...progress.criteria, ...(progress.overall === undefined ? [] : [progress.overall])];
  const width = Math.max(...trends.map((t) => t.title.length));
  const points = Math.max(...trends.map((t) => t.points.length));
  lines.push(style.bold(trendHeading(progress.criteria)));
  for (const t of progress.criteria) lines.push(trendLine(t, width, points, style));
  if (progress.overall !== undefined) lines.push(trendLine(progress.overall, width, points, style));
  const note = windowNote(trends);
  if (note !== undefined) lines.push(style.dim(note));

  lines.push("", style.bold("Best and latest per scenario"));
  const header = ["SCENARIO", "FINISHED", "BEST", "LATEST", "PLAYED (UTC)"];
  const rows = progress.scenarios.map((s) => [
    s.id,
    String(s.sessions),
    s.best === undefined ? "-" : String(s.best),
    `${s.latest}${s.latestPartial ? "*" : ""}`,
    utcMinute(s.latestAt),
  ]);
  const widths = header.map((h, i) =>
    widest(
      rows.map((r) => r[i] as string),
      h.length,
    ),
  );
  const row = (cells: string[]) =>
    `  ${cells.map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join("  ")}`.trimEnd();
  lines.push(style.dim(row(header)));
  progress.scenarios.forEach((s, i) => {
    const cells = rows[i] as string[];
    if (style.level === 0) lines.push(row(cells));
    else
      lines.push(
        row(cells).replace(/(\s)(\d+\*?)(\s+\d{4}-)/, (_m, a: string, b: string, c: string) => a + scoreColour(s.latest, style)(b) + c),
      );
  });
  if (progress.scenarios.some((s) => s.latestPartial))
    lines.push(style.dim("  * the latest session was not finished (it counts for no best and no trend)"));
  lines.push("", ...renderNext(progress.next, style));
  return `${lines.join("\n")}\n`;
}

export function renderTeam(computed: TeamProgress, style: Style, files: number): string {
  const team = visibleDeep(computed, new Set(["feedback"]));
  if (team.trainees.every((t) => t.progress.counted === 0)) {
    return `No sessions with replies in ${plural(files, "file")}. Each trainee runs \`coach export --out NAME.jsonl\` and sends you the file.\n`;
  }
  const lines: string[] = [];
  lines.push(
    style.bold(
      `Team progress: ${plural(team.trainees.length, "trainee")}, ${plural(team.sessions, "session")} from ${plural(files, "file")}`,
    ),
    "",
  );

  const criteria = team.criteria;
  lines.push(
    style.bold("Per trainee"),
    style.dim("  criteria: mean level over each trainee's last 10 sessions; trend: overall score, oldest to newest"),
  );
  const header = ["TRAINEE", "FINISHED", "LATEST", "BEST", ...criteria.map((c) => c.id.toUpperCase()), "TREND", "WORK ON NEXT"];
  const rows = team.trainees.map(({ trainee, progress }) => {
    const overall = progress.overall;
    const latest = overall === undefined ? "-" : String(Math.round(overall.latest));
    const best = overall === undefined ? "-" : String(Math.round(overall.best));
    const means = criteria.map((c) => {
      const own = progress.criteria.find((x) => x.id === c.id);
      return own === undefined || own.sessions === 0 ? "-" : decimal(own.recent);
    });
    const next =
      progress.next === undefined ? "-" : `${progress.next.title}${progress.next.rule === undefined ? "" : `: ${progress.next.rule}`}`;
    return [trainee, String(progress.counted), latest, best, ...means, sparkline((overall?.points ?? []).slice(-12), 100), next];
  });
  const widths = header.map((h, i) =>
    widest(
      rows.map((r) => r[i] as string),
      h.length,
    ),
  );
  const left = new Set([0, header.length - 2, header.length - 1]);
  const row = (cells: string[]) =>
    `  ${cells.map((c, i) => (left.has(i) ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join("  ")}`.trimEnd();
  lines.push(style.dim(row(header)));
  for (const r of rows) lines.push(row(r));

  lines.push(
    "",
    style.bold("Per criterion"),
    style.dim("  team mean: each trainee's recent mean, every trainee counting the same; trend: all sessions in time order"),
  );
  const width = Math.max(...criteria.map((c) => c.title.length));
  const points = Math.max(...criteria.map((c) => c.trend.points.length));
  for (const c of criteria) {
    const spark = levelColour(c.mean / c.max, style)(sparkline(c.trend.points, c.max).padEnd(points));
    let spread = "";
    if (c.lowest !== undefined && c.highest !== undefined && team.trainees.length > 1) {
      spread =
        decimal(c.lowest.mean) === decimal(c.highest.mean)
          ? "  every trainee about the same"
          : `  lowest ${c.lowest.trainee} ${decimal(c.lowest.mean)}, highest ${c.highest.trainee} ${decimal(c.highest.mean)}`;
    }
    lines.push(`  ${c.title.padEnd(width)}  ${spark}  team ${decimal(c.mean)}/${c.max}${spread}`);
    if (c.missing !== undefined) {
      const rule = c.missing.rule === undefined ? "" : `"${c.missing.rule}", `;
      lines.push(
        style.dim(
          wrap(
            `most often missing: ${rule}${c.missing.count} of ${c.missing.shortfalls} short replies: ${c.missing.feedback}`,
            WIDTH,
            "    ",
          ),
        ),
      );
    }
  }
  return `${lines.join("\n")}\n`;
}
