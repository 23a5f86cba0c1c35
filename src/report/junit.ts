/**
 * JUnit XML, the format CI servers (GitHub, GitLab, Jenkins) read test results from. Pure: a
 * suite description in, the XML text out.
 */

export interface JunitCase {
  name: string;
  classname: string;
  file?: string;
  /** A failed case: the message shows in the list, the body below it. */
  failure?: { message: string; type: string; body: string };
  systemOut?: string;
}

export interface JunitSuite {
  name: string;
  cases: JunitCase[];
  /** Seconds. */
  time?: number;
}

// XML 1.0 forbids most control characters even when escaped.
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeXml(text: string): string {
  return text
    .replace(INVALID_XML, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

function attrs(values: Record<string, string | number | undefined>): string {
  return Object.entries(values)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join("");
}

export function renderJunit(name: string, suites: JunitSuite[]): string {
  const total = suites.reduce((n, s) => n + s.cases.length, 0);
  const failures = suites.reduce((n, s) => n + s.cases.filter((c) => c.failure !== undefined).length, 0);
  const time = suites.reduce((t, s) => t + (s.time ?? 0), 0);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attrs({ name, tests: total, failures, errors: 0, time: time.toFixed(3) })}>`,
  ];
  for (const suite of suites) {
    const suiteFailures = suite.cases.filter((c) => c.failure !== undefined).length;
    lines.push(
      `  <testsuite${attrs({ name: suite.name, tests: suite.cases.length, failures: suiteFailures, errors: 0, skipped: 0, time: (suite.time ?? 0).toFixed(3) })}>`,
    );
    for (const c of suite.cases) {
      const open = `    <testcase${attrs({ name: c.name, classname: c.classname, file: c.file })}`;
      if (c.failure === undefined && c.systemOut === undefined) {
        lines.push(`${open}/>`);
        continue;
      }
      lines.push(`${open}>`);
      if (c.failure !== undefined)
        lines.push(`      <failure${attrs({ message: c.failure.message, type: c.failure.type })}>${escapeXml(c.failure.body)}</failure>`);
      if (c.systemOut !== undefined) lines.push(`      <system-out>${escapeXml(c.systemOut)}</system-out>`);
      lines.push("    </testcase>");
    }
    lines.push("  </testsuite>");
  }
  lines.push("</testsuites>");
  return `${lines.join("\n")}\n`;
}
