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
    if (await page.evaluate((src) => Boolean(new Function('el', `return ${src}`)(document.activeElement)), test))
      return;
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
    await loadAndPublish(t.db, FEDERAL_FEED, {
      checksum: 'f',
      sourceName: 'f',
      records: FEDERAL_POINTS,
      report: reportFor(FEDERAL_POINTS),
    });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'channels-e2e-'));
    fs.writeFileSync(path.join(tmp, 'nb.csv'), NB_CSV);
    const nb = {
      id: 'test-nb-channels',
      jurisdiction_id: 'ca-nb',
      name_en: 'Test NB',
      name_fr: 'NB (essai)',
      format: 'csv' as const,
    };
    expect(
      (await importFeedFile(t.db, nb, path.join(tmp, 'nb.csv'), { originalName: 'nb.csv', publish: true })).status,
    ).toBe('published');
    server = await listen(testApp(t.db));
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await t?.cleanup();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  /** Service, province and channel chosen with the keyboard alone, then the button. */
  /**
   * Moves the focused select to the first option whose text starts with `prefix`, with the arrow
   * keys as a keyboard user would. Typing the name instead depends on the browser's type-ahead
   * timeout, so a slow machine turns "New B" into "B" (British Columbia).
   */
  async function chooseByArrows(page: Page, prefix: string): Promise<void> {
    const selected = () =>
      page.evaluate(
        () => (document.activeElement as HTMLSelectElement | null)?.selectedOptions?.[0]?.textContent ?? '',
      );
    await page.keyboard.press('Home');
    for (let i = 0; i < 120 && !(await selected()).startsWith(prefix); i += 1) await page.keyboard.press('ArrowDown');
    expect(await selected()).toMatch(new RegExp(`^${prefix}`));
  }

  async function ask(page: Page, service: string, province: string | null, channelSteps: number): Promise<void> {
    await tabTo(page, `el && el.tagName === 'SELECT' && el.id.endsWith('-category')`, 'Shift+Tab');
    await chooseByArrows(page, service);
    if (province) {
      await page.keyboard.press('Tab');
      await chooseByArrows(page, province);
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
    expect(
      await page.getByTestId('handler').evaluateAll((els) => els.map((e) => e.getAttribute('data-level'))),
    ).toEqual(['provincial']);
    expect(text).toContain('506-555-0199');
    expect(text).toContain('TTY: 506-555-0198');
    expect(
      await card
        .getByRole('link', { name: /Test NB|Fredericton/ })
        .first()
        .getAttribute('href'),
    ).toBe('https://health.example.org/nb/card');
    expect(new URL(page.url()).searchParams.get('handles')).toBe('health_card');
    expect(await axeViolations(page)).toEqual([]);
    await card.scrollIntoViewIfNeeded();
    await shot(page, 'channels-health-card-en');

    // The same question about a pension, preferring the phone: the federal lines come first.
    await ask(page, 'Pensions', null, 2);
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="answer-card"] h3')?.textContent?.includes('Pensions'),
    );
    text = await card.innerText();
    expect(
      await page.getByTestId('handler').evaluateAll((els) => els.map((e) => e.getAttribute('data-level'))),
    ).toEqual(['federal']);
    expect(text).toContain('1-800-277-9914');
    expect(text).toContain('Government of Canada');
    const firstChannel = await page.locator('[data-testid="handler"] .channel h5').first().innerText();
    expect(firstChannel).toBe('By phone');
    expect(await axeViolations(page)).toEqual([]);

    // Switch to French with the keyboard: the same question, answered in French.
    await tabTo(page, `el && el.classList.contains('lang-switch')`, 'Shift+Tab', 80);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.documentElement.lang === 'fr');
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="answer-card"] h3')?.textContent?.includes('Pensions'),
    );
    text = await card.innerText();
    expect(text).toContain('Gouvernement du Canada');
    expect(text).toContain('1-800-277-9915');
    expect(text).toContain('Par téléphone');
    expect(await axeViolations(page)).toEqual([]);

    // And the health card, in French.
    await tabTo(page, `el && el.tagName === 'SELECT' && el.id.endsWith('-category')`);
    // Typed without its accent: a select's type-ahead matches the first letters.
    await ask(page, 'Carte sant', null, 0);
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="answer-card"] h3')?.textContent?.includes('Carte santé'),
    );
    text = await card.innerText();
    expect(text).toContain('Carte santé : Nouveau-Brunswick');
    expect(text).toContain('ATS : 506-555-0198');
    // Phone first (still the chosen channel), then the French page of the province's online service.
    expect(await page.locator('[data-testid="handler"] .channel h5').first().innerText()).toBe('Par téléphone');
    expect(await card.locator('[data-testid="online-option"] a').first().getAttribute('href')).toBe(
      'https://sante.example.org/nb/carte',
    );
    expect(await axeViolations(page)).toEqual([]);
    await card.scrollIntoViewIfNeeded();
    await shot(page, 'channels-health-card-fr');
    expect(await page.locator('input[role="combobox"]').inputValue()).toBe('');
    expect(errors).toEqual([]);
  });

  it('says why each government handles the service: the official page and the day it was read, or plainly that no source is recorded, in English and in French', async () => {
    const { page, errors, context } = await newPage(browser, `${server.url}/en/?handles=health_card&prov=NB`);
    const card = page.getByTestId('answer-card');
    await card.waitFor();
    const source = card.getByTestId('handler-source').first();
    // Health Canada's page: each province and territory issues health cards to its residents (0120).
    expect(await source.locator('p').first().innerText()).toBe(
      'Why this government: official source, www.canada.ca (checked 2026-12-06)',
    );
    expect(await source.locator('a').getAttribute('href')).toMatch(
      /^https:\/\/www\.canada\.ca\/en\/health-canada\/services\/health-care-system\//,
    );
    // What the page says, behind a disclosure opened with the keyboard; marked as English.
    const summary = source.locator('summary');
    expect(await summary.innerText()).toBe('What the source says (in English)');
    await summary.focus();
    await page.keyboard.press('Enter');
    expect(await source.locator('details').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    const note = source.locator('details p');
    expect(await note.getAttribute('lang')).toBe('en');
    expect(await note.innerText()).toContain('issues health cards to its residents');
    expect(await axeViolations(page)).toEqual([]);
    await card.scrollIntoViewIfNeeded();
    await shot(page, 'channels-source-en');

    // A row no official page could be found for says so, instead of saying nothing.
    await page.goto(`${server.url}/en/?handles=land_registry&prov=NB`);
    await page.getByTestId('handler-source-none').waitFor();
    expect(await page.getByTestId('handler-source-none').innerText()).toBe('No source recorded for this answer yet.');
    expect(await page.getByTestId('handler-source').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);

    // French: the same answers, the same page, the labels in French.
    await page.goto(`${server.url}/fr/?handles=health_card&prov=NB`);
    await page.getByTestId('handler-source').first().waitFor();
    const fr = page.getByTestId('handler-source').first();
    expect(await fr.locator('p').first().innerText()).toBe(
      'Pourquoi ce gouvernement : source officielle, www.canada.ca (vérifiée le 2026-12-06)',
    );
    expect(await fr.locator('summary').innerText()).toBe('Ce que dit la source (en anglais)');
    expect(await axeViolations(page)).toEqual([]);
    await page.goto(`${server.url}/fr/?handles=land_registry&prov=NB`);
    await page.getByTestId('handler-source-none').waitFor();
    expect(await page.getByTestId('handler-source-none').innerText()).toBe(
      'Aucune source n’est encore consignée pour cette réponse.',
    );
    expect(await axeViolations(page)).toEqual([]);
    await page.getByTestId('answer-card').scrollIntoViewIfNeeded();
    await shot(page, 'channels-no-source-fr');
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  /** Per answer card: its service and the order of government to go to first, in the life event's order. */
  async function firstHandlers(page: Page): Promise<[string | null, string | null, string][]> {
    return page.locator('[data-testid="life-event-answer"] [data-testid="answer-card"]').evaluateAll((cards) =>
      cards.map((c) => {
        const first = c.querySelector('[data-testid="handler"]');
        return [
          c.getAttribute('data-category'),
          first?.getAttribute('data-level') ?? null,
          first?.querySelector('.badge')?.textContent ?? '',
        ];
      }),
    );
  }

  it('a citizen picks a life event in New Brunswick and sees who handles each service it needs, in English and in French, by keyboard', async () => {
    // A tall window, so the screenshots show the cards and not only the form.
    const { page, errors, context } = await newPage(browser, `${server.url}/en/`, { width: 1280, height: 1300 });
    await page.locator('.who-handles optgroup').nth(1).waitFor({ state: 'attached' });
    await page.keyboard.press('Tab');
    await tabTo(page, `el && el.tagName === 'SELECT' && el.id.endsWith('-category')`);
    // Life events sit in their own group of the same list, after the services.
    expect(
      await page.locator('.who-handles optgroup').evaluateAll((gs) => gs.map((g) => g.getAttribute('label'))),
    ).toEqual(['Services', 'Life events']);
    await ask(page, 'Turning', 'New B', 0);

    const answer = page.getByTestId('life-event-answer');
    await answer.waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('answer-event-turning_65');
    expect(await answer.locator('h3').innerText()).toBe('Turning 65 in New Brunswick: who handles each service');
    const url = new URL(page.url()).searchParams;
    expect([url.get('handles_event'), url.get('handles'), url.get('prov')]).toEqual(['turning_65', null, 'NB']);
    // One card per service of the life event, in its order, each naming the government to go to first.
    expect(await firstHandlers(page)).toEqual([
      ['pensions', 'federal', 'Federal'],
      ['tax_services', 'federal', 'Federal'],
      ['health_card', 'provincial', 'Provincial'],
      ['drivers_licence', 'provincial', 'Provincial'],
    ]);
    const pensions = answer.locator('[data-category="pensions"]');
    expect(await pensions.locator('h4').innerText()).toBe('Pensions (CPP and OAS)');
    expect(await pensions.innerText()).toContain('Government of Canada');
    expect(await pensions.innerText()).toContain('1-800-277-9914');
    const health = answer.locator('[data-category="health_card"]');
    expect(await health.innerText()).toContain('New Brunswick');
    expect(await health.innerText()).toContain('506-555-0199');
    // Tax help: outside Quebec the CRA administers provincial income tax too (0053, sourced), so the
    // federal government comes first and the province also; the answer shows the official page.
    expect(
      await answer
        .locator('[data-category="tax_services"] [data-testid="handler"]')
        .evaluateAll((hs) => hs.map((h) => h.getAttribute('data-level'))),
    ).toEqual(['federal', 'provincial']);
    const taxSource = answer.locator('[data-category="tax_services"] [data-testid="handler-source"]').first();
    expect(await taxSource.innerText()).toContain('www.canada.ca');
    expect(await taxSource.locator('a').getAttribute('href')).toMatch(/^https:\/\/www\.canada\.ca\//);
    expect(await page.locator('.who-handles [aria-live="polite"]').innerText()).toBe(
      'Turning 65: 4 services, each with the government that handles it.',
    );
    expect(await axeViolations(page)).toEqual([]);
    await answer.locator('h3').evaluate((h) => h.scrollIntoView({ block: 'start' }));
    await shot(page, 'channels-life-event-turning-65-en');

    // Another life event, from the same list, by keyboard: having a baby.
    await tabTo(page, `el && el.tagName === 'SELECT' && el.id.endsWith('-category')`, 'Shift+Tab', 120);
    await ask(page, 'Having', null, 0);
    await page.waitForFunction(() => document.activeElement?.id === 'answer-event-having_baby');
    expect(await firstHandlers(page)).toEqual([
      ['vital_statistics', 'provincial', 'Provincial'],
      ['health_card', 'provincial', 'Provincial'],
      ['social_insurance_number', 'federal', 'Federal'],
      ['child_benefits', 'federal', 'Federal'],
      ['employment_insurance', 'federal', 'Federal'],
      ['passport', 'federal', 'Federal'],
    ]);
    expect(await axeViolations(page)).toEqual([]);

    // French, with the keyboard: the same question, answered in French.
    await tabTo(page, `el && el.classList.contains('lang-switch')`, 'Shift+Tab', 200);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.documentElement.lang === 'fr');
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="life-event-answer"] h3')?.textContent?.startsWith('J’attends un enfant'),
    );
    expect(await answer.locator('h3').innerText()).toBe(
      'J’attends un enfant (Nouveau-Brunswick)\u00a0: qui s’occupe de chaque service',
    );
    expect(
      await page.locator('.who-handles optgroup').evaluateAll((gs) => gs.map((g) => g.getAttribute('label'))),
    ).toEqual(['Services', 'Événements de la vie']);
    expect(
      await page
        .locator('.who-handles select')
        .first()
        .evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent),
    ).toBe('J’attends un enfant');
    expect((await firstHandlers(page)).map(([c, , badge]) => [c, badge])).toEqual([
      ['vital_statistics', 'Provincial'],
      ['health_card', 'Provincial'],
      ['social_insurance_number', 'Fédéral'],
      ['child_benefits', 'Fédéral'],
      ['employment_insurance', 'Fédéral'],
      ['passport', 'Fédéral'],
    ]);
    const text = await answer.innerText();
    expect(text).toContain('Carte santé');
    expect(text).toContain('Numéro d’assurance sociale');
    expect(text).toContain('Gouvernement du Canada');
    expect(text).toContain('Adressez-vous d’abord ici.');
    expect(await axeViolations(page)).toEqual([]);
    await answer.locator('h3').evaluate((h) => h.scrollIntoView({ block: 'start' }));
    await shot(page, 'channels-life-event-baby-fr');
    expect(errors).toEqual([]);

    // The shared link on a phone: the same answer, nothing wider than the screen.
    const phone = await newPage(browser, page.url(), { width: 390, height: 844 });
    const phoneAnswer = phone.page.getByTestId('life-event-answer');
    await phoneAnswer.locator('[data-testid="answer-card"]').nth(5).waitFor();
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await phoneAnswer.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    await phoneAnswer
      .locator('[data-category="social_insurance_number"]')
      .evaluate((c) => c.scrollIntoView({ block: 'start' }));
    await shot(phone.page, 'channels-life-event-baby-fr-phone');
    expect(phone.errors).toEqual([]);
    await phone.context.close();
    await context.close();
    // Keyboard journeys through two answers with their sources' disclosures: slow on a shared machine.
  }, 150_000);
});
