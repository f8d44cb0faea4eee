import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFeedFile } from '../../data-loaders/lib/import-feed.js';
import { loadAndPublish } from '../../data-loaders/lib/publish-feed.js';
import { FEDERAL_FEED, FEDERAL_POINTS, reportFor } from '../fixtures/tiny-feeds.js';
import { HAS_CHROMIUM, launchBrowser } from '../support/browser.js';
import { listen } from '../support/listen.js';
import { testApp } from '../support/test-app.js';
import { openTestDatabase, type TestDatabase } from '../support/test-database.js';
import { axeViolations, BUILT, newPage, shot } from './browser-helpers.js';

if (!HAS_CHROMIUM) console.warn('Skipping browser tests: /usr/bin/chromium is not installed.');
if (!BUILT) console.warn('Skipping browser tests: the client is not built (npx vite build).');

/** A made-up New Brunswick feed: its rows carry the province's site and call centre (555 numbers, example.org). */
const NB_CSV = [
  'id,name,name_fr,city,province,lat,lon,categories,online_url,online_url_fr,call_centre_phone,call_centre_tty,call_centre_hours',
  'NB1,Fredericton health card centre (test),Centre carte santé de Fredericton (essai),Fredericton,NB,45.95,-66.65,health_card,https://health.example.org/nb/card,https://sante.example.org/nb/carte,506-555-0199,506-555-0198,Mon-Fri 8:00-17:00',
].join('\n');

/** Presses `key` until the focused element satisfies `test` (at most `max` presses). */
async function tabTo(page: Page, test: string, key = 'Tab', max = 60): Promise<void> {
  for (let i = 0; i < max; i += 1) {
    if (await page.evaluate((src) => Boolean(new Function('el', `return ${src}`)(document.activeElement)), test)) return;
    await page.keyboard.press(key);
  }
  throw new Error(`focus never reached ${test}`);
}

describe.skipIf(!HAS_CHROMIUM || !BUILT)('who handles this? in a real browser', () => {
  let t: TestDatabase;
  let server: { url: string; close: () => Promise<void> };
  let browser: Browser;
  let tmp: string;

  beforeAll(async () => {
    t = await openTestDatabase('pglite');
    await loadAndPublish(t.db, FEDERAL_FEED, { checksum: 'f', sourceName: 'f', records: FEDERAL_POINTS, report: reportFor(FEDERAL_POINTS) });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'channels-e2e-'));
    fs.writeFileSync(path.join(tmp, 'nb.csv'), NB_CSV);
    const nb = { id: 'test-nb-channels', jurisdiction_id: 'ca-nb', name_en: 'Test NB', name_fr: 'NB (essai)', format: 'csv' as const };
    expect((await importFeedFile(t.db, nb, path.join(tmp, 'nb.csv'), { originalName: 'nb.csv', publish: true })).status).toBe('published');
    server = await listen(testApp(t.db));
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await t?.cleanup();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  /** Service, province and channel chosen with the keyboard alone, then the button. */
  async function ask(page: Page, service: string, province: string | null, channelSteps: number): Promise<void> {
    await tabTo(page, `el && el.tagName === 'SELECT' && el.id.endsWith('-category')`, 'Shift+Tab');
    await page.keyboard.type(service);
    if (province) {
      await page.keyboard.press('Tab');
      await page.keyboard.type(province);
    }
    await tabTo(page, `el && el.type === 'radio' && el.checked`);
    for (let i = 0; i < channelSteps; i += 1) await page.keyboard.press('ArrowRight');
    await tabTo(page, `el && el.tagName === 'BUTTON' && el.type === 'submit' && el.closest('.who-handles')`);
    await page.keyboard.press('Enter');
  }

  it('a citizen asks who handles a health card in New Brunswick, then a pension, in English and in French, by keyboard', async () => {
    const { page, errors } = await newPage(browser, `${server.url}/`);
    await page.locator('.who-handles select').first().waitFor();
    // Start from the top of the page; everything after this is the keyboard.
    await page.keyboard.press('Tab');
    await tabTo(page, `el && el.tagName === 'SELECT' && el.id.endsWith('-category')`);
    await ask(page, 'Health card', 'New B', 0);

    const card = page.getByTestId('answer-card');
    await card.waitFor();
    // The answer takes the focus, so a screen reader reads it next.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('answer-health_card');
    let text = await card.innerText();
    expect(text).toMatch(/Health card in New Brunswick/);
    expect(await page.getByTestId('handler').evaluateAll((els) => els.map((e) => e.getAttribute('data-level')))).toEqual(['provincial']);
    expect(text).toContain('506-555-0199');
    expect(text).toContain('TTY: 506-555-0198');
    expect(await card.getByRole('link', { name: /Test NB|Fredericton/ }).first().getAttribute('href')).toBe('https://health.example.org/nb/card');
    expect(new URL(page.url()).searchParams.get('handles')).toBe('health_card');
    expect(await axeViolations(page)).toEqual([]);
    await card.scrollIntoViewIfNeeded();
    await shot(page, 'channels-health-card-en');

    // The same question about a pension, preferring the phone: the federal lines come first.
    await ask(page, 'Pensions', null, 2);
    await page.waitForFunction(() => document.querySelector('[data-testid="answer-card"] h3')?.textContent?.includes('Pensions'));
    text = await card.innerText();
    expect(await page.getByTestId('handler').evaluateAll((els) => els.map((e) => e.getAttribute('data-level')))).toEqual(['federal']);
    expect(text).toContain('1-800-277-9914');
    expect(text).toContain('Government of Canada');
    const firstChannel = await page.locator('[data-testid="handler"] .channel h5').first().innerText();
    expect(firstChannel).toBe('By phone');
    expect(await axeViolations(page)).toEqual([]);

    // Switch to French with the keyboard: the same question, answered in French.
    await tabTo(page, `el && el.classList.contains('lang-switch')`, 'Shift+Tab', 80);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.documentElement.lang === 'fr');
    await page.waitForFunction(() => document.querySelector('[data-testid="answer-card"] h3')?.textContent?.includes('Pensions'));
    text = await card.innerText();
    expect(text).toContain('Gouvernement du Canada');
    expect(text).toContain('1-800-277-9915');
    expect(text).toContain('Par téléphone');
    expect(await axeViolations(page)).toEqual([]);

    // And the health card, in French.
    await tabTo(page, `el && el.tagName === 'SELECT' && el.id.endsWith('-category')`);
    // Typed without its accent: a select's type-ahead matches the first letters.
    await ask(page, 'Carte sant', null, 0);
    await page.waitForFunction(() => document.querySelector('[data-testid="answer-card"] h3')?.textContent?.includes('Carte santé'));
    text = await card.innerText();
    expect(text).toContain('Carte santé : Nouveau-Brunswick');
    expect(text).toContain('ATS : 506-555-0198');
    // Phone first (still the chosen channel), then the French page of the province's online service.
    expect(await page.locator('[data-testid="handler"] .channel h5').first().innerText()).toBe('Par téléphone');
    expect(await card.locator('[data-testid="online-option"] a').first().getAttribute('href')).toBe('https://sante.example.org/nb/carte');
    expect(await axeViolations(page)).toEqual([]);
    await card.scrollIntoViewIfNeeded();
    await shot(page, 'channels-health-card-fr');
    expect(await page.locator('input[role="combobox"]').inputValue()).toBe('');
    expect(errors).toEqual([]);
  });
});
