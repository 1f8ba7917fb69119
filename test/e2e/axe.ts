// axe-core in a real page, for either driver: a Playwright page (Chromium) or a puppeteer page
// (Firefox over WebDriver BiDi). The source is evaluated through the driver, not added as a script
// tag: our extension pages run no inline script (their CSP), and the driver's evaluation is not
// bound by the page's CSP. axe walks open shadow roots by itself (the card's, the overlay layer's).

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Evaluates } from './harness';
import { projectRoot } from './static-server.mjs';

export interface AxeViolation {
  /** The rule, e.g. "color-contrast". */
  id: string;
  /** minor, moderate, serious or critical. */
  impact: string | null;
  /** One selector path per node; a node in a shadow root is "host >>> inner". */
  targets: string[];
  /** axe's own words for the first node (the contrast ratio and colours, the missing id…). */
  summary: string;
}

export interface AxeResult {
  /** Every violation, whatever its impact. */
  violations: AxeViolation[];
  /** How many nodes inside shadow roots axe checked (passes and violations): proves it looked in. */
  shadowNodes: number;
}

export interface AxeOptions {
  /**
   * Nodes to leave out, as axe selector paths (["host", "inner"] for a node in a shadow root). Only
   * for a node that cannot be fixed for a real reason, with a comment saying why at the call.
   */
  exclude?: string[][];
}

let axeSource: string | undefined;

/** The axe run, in the page: a function that is serialised, so it names nothing from this module. */
function runInPage(exclude: string[][]) {
  interface Node {
    target: (string | string[])[];
    failureSummary?: string;
  }
  interface Rule {
    id: string;
    impact?: string | null;
    nodes: Node[];
  }
  const axe = (
    window as unknown as {
      axe: { run(context: object, options: object): Promise<{ violations: Rule[]; passes: Rule[] }> };
    }
  ).axe;
  // A path of more than one selector goes through shadow roots (axe's fromShadowDom).
  const context =
    exclude.length > 0 ? { exclude: exclude.map((steps) => (steps.length > 1 ? { fromShadowDom: steps } : steps[0])) } : document;
  return axe.run(context, { resultTypes: ['violations', 'passes'] }).then(({ violations, passes }) => {
    const selectorPath = (target: (string | string[])[]) =>
      target.map((part) => (Array.isArray(part) ? part.join(' >>> ') : part)).join(' >>> ');
    // A target lists one entry per frame; an entry that is a list of selectors goes through shadow roots.
    const inShadow = (node: Node) => node.target.some((part) => Array.isArray(part));
    return {
      violations: violations.map((rule) => ({
        id: rule.id,
        impact: rule.impact ?? null,
        targets: rule.nodes.map((node) => selectorPath(node.target)),
        summary: (rule.nodes[0]?.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 300),
      })),
      shadowNodes: [...passes, ...violations].reduce((sum, rule) => sum + rule.nodes.filter(inShadow).length, 0),
    };
  });
}

/** Injects axe-core into the page (once per document) and returns every violation, any impact. */
export async function axe(page: Evaluates, options: AxeOptions = {}): Promise<AxeResult> {
  axeSource ??= await readFile(path.join(projectRoot, 'node_modules/axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate(`'axe' in window`))) await page.evaluate(axeSource);
  return (await page.evaluate(`(${runInPage.toString()})(${JSON.stringify(options.exclude ?? [])})`)) as AxeResult;
}

/** The violations alone: `expect(await axeViolations(page)).toEqual([])`. */
export async function axeViolations(page: Evaluates, options: AxeOptions = {}): Promise<AxeViolation[]> {
  return (await axe(page, options)).violations;
}
