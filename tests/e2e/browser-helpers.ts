import fs from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';

export const BUILT = fs.existsSync('dist/client/index.html');

/** WCAG 2.1 A and AA violations on the page as it is now, one line each. */
export async function axeViolations(page: Page): Promise<string[]> {
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** A fresh context and page at a desktop size, collecting uncaught page errors. */
export async function newPage(browser: Browser, url: string, viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  return { context, page, errors };
}

/** The screenshot a journey ends with, in test-output/ for a person to look at. */
export async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  fs.mkdirSync('test-output', { recursive: true });
  await page.waitForTimeout(300);
  await page.screenshot({ path: `test-output/${name}.png`, fullPage });
}
