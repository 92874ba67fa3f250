// Accessibility checks with axe-core itself: its source is evaluated in the page (a script tag would be
// refused by the extension pages' content security policy; evaluation through the DevTools protocol in
// Chromium and WebDriver BiDi in Firefox is not subject to it), then `axe.run` checks the whole document.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ExtensionPage } from './extension-api.js';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** What the tests need of one of axe's results. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

type Evaluate = <R>(fn: string | (() => R | Promise<R>)) => Promise<R>;

/** axe's violations on the page as it is now: rule id, impact, help and the selectors of each element. */
export async function axeViolations(page: ExtensionPage): Promise<AxeViolation[]> {
  // Both playwright's and puppeteer's pages evaluate a string or a function without arguments alike.
  const evaluate = page.evaluate.bind(page) as Evaluate;
  if (!(await evaluate(() => 'axe' in globalThis))) await evaluate(AXE_SOURCE);
  return evaluate(async () => {
    const { axe } = globalThis as unknown as {
      axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> };
    };
    const { violations } = await axe.run(document, { resultTypes: ['violations'] });
    // Only plain data crosses back: axe's results hold DOM references in some fields.
    return violations.map(({ id, impact, help, nodes }) => ({
      id, impact: impact ?? null, help,
      nodes: nodes.map(({ target, failureSummary }) => ({ target, ...(failureSummary && { failureSummary }) })),
    }));
  });
}

/** One line per element in violation, e.g. `color-contrast (serious) .row-id: Elements must meet …`. */
export function formatViolations(violations: AxeViolation[]): string[] {
  return violations.flatMap(({ id, impact, help, nodes }) =>
    nodes.map(({ target, failureSummary }) =>
      `${id} (${impact ?? 'no impact'}) ${JSON.stringify(target)}: ${help}${failureSummary ? ` — ${failureSummary.replace(/\s+/g, ' ')}` : ''}`));
}

/** axe's violations on the page, one readable line each; a test expects `[]`. */
export async function a11yViolations(page: ExtensionPage): Promise<string[]> {
  return formatViolations(await axeViolations(page));
}
