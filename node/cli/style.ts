import type { TrustLevel } from '../../core/index.js';

/** ANSI styling for one output stream: only on a terminal, and never when NO_COLOR is set. */
/** Functions, not methods: they are passed around on their own (`ctx.style.bold` as a header style). */
export interface Style {
  bold: (text: string) => string;
  dim: (text: string) => string;
  red: (text: string) => string;
  green: (text: string) => string;
  yellow: (text: string) => string;
  level: (text: string, level: TrustLevel) => string;
}

export function styleFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): Style {
  const on = stream.isTTY === true && !env.NO_COLOR;
  const wrap = (open: number, close: number) => (text: string) => (on ? `\u001b[${open}m${text}\u001b[${close}m` : text);
  const style = {
    bold: wrap(1, 22),
    dim: wrap(2, 22),
    red: wrap(31, 39),
    green: wrap(32, 39),
    yellow: wrap(33, 39),
    level(text: string, level: TrustLevel) {
      if (level === 'high' || level === 'medium-high') return style.green(text);
      if (level === 'medium') return style.yellow(text);
      return style.red(text);
    },
  };
  return style;
}
