import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/** axe-core's browser build, injected into the page (`@axe-core/playwright` 4.14 needs Node 22). */
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** One rule the page breaks, where, and axe's help text. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core on what the page shows now (every rule axe runs by default: WCAG 2.x A and AA and its
 * best practices) and returns the violations, each as `rule: help (targets)` for a readable diff.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const { axe } = window as unknown as {
      axe: {
        run(): Promise<{
          violations: Array<{
            id: string;
            impact: string | null;
            help: string;
            nodes: Array<{ target: unknown[] }>;
          }>;
        }>;
      };
    };
    const results = await axe.run();
    return results.violations.map(
      (violation): AxeViolation => ({
        id: violation.id,
        impact: violation.impact,
        help: violation.help,
        targets: violation.nodes.map((node) => node.target.join(' ')),
      }),
    );
  });
  return violations.map(
    ({ id, impact, help, targets }) => `${id} (${impact}): ${help} — ${targets.join(', ')}`,
  );
}
