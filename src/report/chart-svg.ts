/**
 * An inline SVG bar chart of a session's criteria: one bar per criterion at its mean level (0 to 3),
 * with a dot per reply at that reply's level, gridlines at the named levels and the value as text,
 * so it reads without colour and in print. No fonts, scripts or links: it renders offline. Pure.
 */
import { escapeHtml } from "./html-escape.js";
import { decimal, levelName } from "./text.js";

export interface ChartCriterion {
  id: string;
  title: string;
  mean: number;
  level: number;
  max: number;
  /** The level of each reply, in order. */
  replies?: number[];
}

export const LEVEL_COLOURS = ["#b3261e", "#c26a00", "#1f6fb2", "#1e7d45"] as const;

export function levelColour(level: number): string {
  return LEVEL_COLOURS[Math.max(0, Math.min(3, Math.round(level)))] as string;
}

export function criteriaChartSvg(criteria: readonly ChartCriterion[], options: { title?: string } = {}): string {
  const label = 180;
  const plot = 360;
  const value = 90;
  const top = 34;
  const row = 46;
  const bar = 22;
  const width = label + plot + value;
  const height = top + row * Math.max(1, criteria.length) + 8;
  const max = Math.max(1, ...criteria.map((c) => c.max));
  const x = (level: number) => label + (Math.max(0, Math.min(max, level)) / max) * plot;
  const title = options.title ?? "Level per criterion";
  const summary = criteria.map((c) => `${c.title} ${decimal(c.mean)} of ${c.max}`).join(", ");
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="chart-title chart-desc">`,
    `<title id="chart-title">${escapeHtml(title)}</title>`,
    `<desc id="chart-desc">${escapeHtml(summary)}</desc>`,
  );
  for (let level = 0; level <= max; level++) {
    const gx = x(level).toFixed(1);
    parts.push(
      `<line x1="${gx}" y1="${top - 6}" x2="${gx}" y2="${height - 8}" stroke="#d0d4da" stroke-width="1"${level === 0 ? "" : ' stroke-dasharray="3 3"'}/>`,
      `<text x="${gx}" y="${top - 14}" text-anchor="middle" font-size="11" fill="#5b6470">${level} ${escapeHtml(levelName(level))}</text>`,
    );
  }
  criteria.forEach((c, i) => {
    const y = top + i * row + (row - bar) / 2;
    const cy = (y + bar / 2).toFixed(1);
    const w = Math.max(2, x(c.mean) - label);
    parts.push(
      `<g class="criterion" data-criterion="${escapeHtml(c.id)}">`,
      `<text x="${label - 12}" y="${cy}" dy="0.35em" text-anchor="end" font-size="14" fill="#1d232b">${escapeHtml(c.title)}</text>`,
      `<rect x="${label}" y="${y.toFixed(1)}" width="${plot}" height="${bar}" rx="4" fill="#eef1f4"/>`,
      `<rect x="${label}" y="${y.toFixed(1)}" width="${w.toFixed(1)}" height="${bar}" rx="4" fill="${levelColour(c.level)}"><title>${escapeHtml(`${c.title}: mean ${decimal(c.mean)}, level ${c.level} (${levelName(c.level)})`)}</title></rect>`,
    );
    (c.replies ?? []).forEach((level, n) => {
      const spread = (c.replies?.length ?? 1) > 1 ? ((n / ((c.replies?.length ?? 1) - 1)) * 2 - 1) * 5 : 0;
      parts.push(
        `<circle cx="${x(level).toFixed(1)}" cy="${(y + bar / 2 + spread).toFixed(1)}" r="3.5" fill="#ffffff" stroke="#1d232b" stroke-width="1.5"><title>${escapeHtml(`reply ${n + 1}: level ${level}`)}</title></circle>`,
      );
    });
    parts.push(
      `<text x="${label + plot + 12}" y="${cy}" dy="0.35em" font-size="14" font-weight="600" fill="#1d232b">${decimal(c.mean)} / ${c.max}</text>`,
      "</g>",
    );
  });
  parts.push("</svg>");
  return parts.join("\n");
}
