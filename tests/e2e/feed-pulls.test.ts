import http from 'node:http';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPrivateAddress } from '../../data-loaders/lib/public-address.js';
import { createApiKey } from '../../server/auth/api-keys.js';
import { HAS_CHROMIUM, launchBrowser } from '../support/browser.js';
import { listen } from '../support/listen.js';
import { testApp } from '../support/test-app.js';
import { openTestDatabase, type TestDatabase } from '../support/test-database.js';
import { axeViolations, BUILT, newPage, shot } from './browser-helpers.js';

const CSV = 'id,name,address,city,province,lat,lon\nP1,Fredericton centre,1 King St,Fredericton,NB,45.9636,-66.6431\n';

async function useKey(page: Page, key: string): Promise<void> {
  await page.evaluate((k) => sessionStorage.setItem('finder.api_key', k), key);
}

describe.skipIf(!HAS_CHROMIUM || !BUILT)('a steward schedules pulls of a feed and reads their history', () => {
  let t: TestDatabase;
  let server: { url: string; close: () => Promise<void> };
  let publisher: http.Server;
  let browser: Browser;
  let key: string;
  /** What the publisher answers: its file, or an error status. */
  const source = { status: 200 };

  beforeAll(async () => {
    t = await openTestDatabase('pglite');
    key = (await createApiKey(t.db, 'ca-nb', 'steward')).key;
    publisher = http.createServer((_req, res) => {
      if (source.status !== 200) return res.writeHead(source.status).end();
      res.writeHead(200, { 'Content-Type': 'text/csv', ETag: '"v1"' }).end(CSV);
    });
    await new Promise<void>((r) => publisher.listen(0, '127.0.0.1', r));
    const port = (publisher.address() as { port: number }).port;
    // The publisher stands for a public server: its name resolves to loopback, which only this test lets through.
    const app = testApp(
      t.db,
      undefined,
      undefined,
      {},
      {
        pulls: {
          fetch: {
            resolve: async () => [{ address: '127.0.0.1', family: 4 }],
            isRefused: (a) => a !== '127.0.0.1' && isPrivateAddress(a),
          },
        },
      },
    );
    // Each test pulls a feed of its own, so either can run first or alone.
    for (const id of ['ca-nb-pulled', 'ca-nb-pulled-fr'])
      await request(app)
        .post('/api/feeds')
        .set('Authorization', `Bearer ${key}`)
        .send({
          id,
          name_en: 'Service New Brunswick centres',
          name_fr: 'Centres de Services Nouveau-Brunswick',
          source_url: `http://open.example:${port}/centres.csv`,
        })
        .expect(201);
    server = await listen(app);
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    publisher?.closeAllConnections();
    await new Promise((r) => publisher?.close(r));
    await t?.cleanup();
  });

  it('in English, with the keyboard: sets an hourly schedule, pulls now, sees a new version and then a failure', async () => {
    const { page, errors, context } = await newPage(browser, `${server.url}/feeds?feed=ca-nb-pulled`);
    await useKey(page, key);
    await page.reload();
    const panel = page.getByTestId('pull-schedule');
    await panel.getByRole('heading', { name: 'Scheduled pulls' }).waitFor();
    await panel.getByText('No schedule yet').waitFor();
    expect(await panel.innerText()).toContain('/centres.csv');

    // Keyboard only: the radio group, the check box and the button.
    await panel.getByLabel('Every day').focus();
    await page.keyboard.press('ArrowUp');
    expect(await panel.getByLabel('Every hour').isChecked()).toBe(true);
    await panel.getByLabel(/Publish each new version at once/).focus();
    await page.keyboard.press('Space');
    await panel.getByRole('button', { name: 'Save the schedule' }).focus();
    await page.keyboard.press('Enter');
    await panel.getByText('The schedule is saved.').waitFor();
    await panel.getByText(/^Next pull:/).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await panel.getByRole('button', { name: 'Pull now' }).focus();
    await page.keyboard.press('Enter');
    await panel.getByText('Pull finished: new version published.').waitFor();
    const row = panel.getByTestId('pull').first();
    await row.waitFor();
    expect(await row.getAttribute('data-outcome')).toBe('published');
    expect(await row.innerText()).toContain('steward');
    expect(await row.innerText()).toContain('200');
    // The feed's own version history shows the version the pull made.
    await page.getByTestId('history').getByTestId('version').first().waitFor();
    expect(await page.getByTestId('history').getByTestId('version').first().getAttribute('data-status')).toBe(
      'published',
    );
    expect(await axeViolations(page)).toEqual([]);

    // The source breaks: the failure is in the history and above it, in words and with its code.
    source.status = 503;
    await panel.getByRole('button', { name: 'Pull now' }).click();
    await panel.getByTestId('pull-last-failed').waitFor();
    expect(await panel.getByTestId('pull-last-failed').innerText()).toContain('HTTP 503');
    const failed = panel.locator('[data-testid="pull"][data-outcome="failed"]');
    expect(await failed.innerText()).toContain('Failed (source_http_status): The source answered HTTP 503');
    expect(await panel.getByTestId('pull').count()).toBe(2);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'feed-pulls-en', true);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('in French: the history reads in French, and a schedule in minutes is saved (at least 15)', async () => {
    // The history the French page reads: an hourly schedule, one pull that published, one the source refused.
    const feedPath = '/api/feeds/ca-nb-pulled-fr';
    const auth = `Bearer ${key}`;
    await request(server.url)
      .put(`${feedPath}/pull-schedule`)
      .set('Authorization', auth)
      .send({ interval: 'hourly', enabled: true, publish: true })
      .expect((r) => expect(r.status).toBeLessThan(300));
    source.status = 200;
    await request(server.url).post(`${feedPath}/pulls`).set('Authorization', auth).expect(201);
    source.status = 503;
    await request(server.url).post(`${feedPath}/pulls`).set('Authorization', auth);
    source.status = 200;
    const { page, errors, context } = await newPage(browser, `${server.url}/fr/feeds?feed=ca-nb-pulled-fr`);
    await useKey(page, key);
    await page.reload();
    const panel = page.getByTestId('pull-schedule');
    await panel.getByRole('heading', { name: 'Récupérations programmées' }).waitFor();
    await panel.getByTestId('pull').first().waitFor();
    expect(await panel.getByLabel('Toutes les heures').isChecked()).toBe(true);
    const text = await panel.innerText();
    expect(text).toContain('nouvelle version publiée');
    expect(text).toContain('Échec (source_http_status) : La source a répondu HTTP 503');
    expect(text).toContain('La dernière récupération a échoué');
    expect(await axeViolations(page)).toEqual([]);

    await panel.getByLabel('Selon un nombre de minutes').check();
    const minutes = panel.getByLabel('Minutes entre deux récupérations (au moins 15)');
    await minutes.fill('30');
    await panel.getByRole('button', { name: 'Enregistrer le calendrier' }).click();
    await panel.getByText('Le calendrier est enregistré.').waitFor();
    const stored = await request(server.url)
      .get(`${feedPath}/pull-schedule`)
      .set('Authorization', `Bearer ${key}`)
      .expect(200);
    expect(stored.body).toMatchObject({ interval: null, interval_minutes: 30, publish: true, enabled: true });

    // Pulled again, the same file makes no new version.
    await panel.getByRole('button', { name: 'Récupérer maintenant' }).click();
    await panel.getByText('Récupération terminée : inchangé, aucune nouvelle version.').waitFor();
    // The message comes with the answer; the history is read again just after it.
    await panel.locator('[data-testid="pull"][data-outcome="unchanged"]').waitFor();
    expect(await panel.getByTestId('pull').count()).toBe(3);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'feed-pulls-fr', true);
    expect(errors).toEqual([]);
    await context.close();
  });
});
