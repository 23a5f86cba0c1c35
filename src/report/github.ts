/**
 * GitHub Actions workflow commands: `::error file=F,line=L,col=C,title=T::message` lines become
 * annotations on the pull request's diff. Pure: returns the lines; the command prints them.
 */
import { visible } from "./safe-text.js";

export interface Annotation {
  level: "error" | "warning" | "notice";
  file: string;
  /** 1-based; 0 or missing for the whole file. */
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  title?: string;
  message: string;
}

/**
 * The message part: %, CR and LF are escaped so a multi-line message stays one command, and every
 * other control character is made visible (a log viewer would act on ESC).
 */
export function escapeData(text: string): string {
  return visible(text, { newlines: true, tabs: true, returns: true }).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** A property value: on one line, and additionally `:` and `,`, which separate properties. */
export function escapeProperty(text: string): string {
  return escapeData(visible(text)).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

export function annotation(a: Annotation): string {
  const props: string[] = [`file=${escapeProperty(a.file)}`];
  if (a.line !== undefined && a.line > 0) {
    props.push(`line=${a.line}`);
    if (a.endLine !== undefined && a.endLine >= a.line) props.push(`endLine=${a.endLine}`);
    if (a.column !== undefined && a.column > 0) {
      props.push(`col=${a.column}`);
      // GitHub only takes endColumn on a single-line annotation.
      if (a.endColumn !== undefined && a.endLine === a.line && a.endColumn > a.column) props.push(`endColumn=${a.endColumn}`);
    }
  }
  if (a.title !== undefined) props.push(`title=${escapeProperty(a.title)}`);
  return `::${a.level} ${props.join(",")}::${escapeData(a.message)}`;
}
