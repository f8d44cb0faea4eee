import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../support/test-app.js';
import { MODES, openTestDatabase, type TestDatabase } from '../support/test-database.js';

/** Reads a response's body as bytes (supertest undoes the Content-Encoding, as a browser does). */
function raw(req: request.Test): request.Test {
  return req.buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  });
}

// The build (vite-plugin-compression2) writes brotli and gzip copies beside each asset; the server
// must send the copy the browser accepts, marked as such, and the plain file to one that takes neither.
describe.each(MODES)('client assets on %s', (mode) => {
  let t: TestDatabase;
  let dist: string;
  const script = `export const words = ${JSON.stringify('service point '.repeat(400))};\n`;
  const style = `.finder { color: #111; }\n`.repeat(200);

  beforeAll(async () => {
    t = await openTestDatabase(mode);
    dist = fs.mkdtempSync(path.join(os.tmpdir(), 'finder-dist-'));
    fs.mkdirSync(path.join(dist, 'assets'));
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Finder</title>');
    fs.writeFileSync(path.join(dist, 'assets', 'app.js'), script);
    fs.writeFileSync(path.join(dist, 'assets', 'app.js.br'), zlib.brotliCompressSync(script));
    fs.writeFileSync(path.join(dist, 'assets', 'app.js.gz'), zlib.gzipSync(script));
    // A file the build left uncompressed still reaches the browser compressed, as before.
    fs.writeFileSync(path.join(dist, 'assets', 'app.css'), style);
  });
  afterAll(async () => {
    await t.cleanup();
    fs.rmSync(dist, { recursive: true, force: true });
  });

  it('sends the brotli copy to a browser that accepts it', async () => {
    const res = await raw(request(testApp(t.db, dist)).get('/assets/app.js').set('Accept-Encoding', 'gzip, br'));
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/^text\/javascript/);
    expect(res.headers['vary']).toMatch(/Accept-Encoding/i);
    expect(res.headers['cache-control']).toBe('public, max-age=3600');
    expect((res.body as Buffer).toString()).toBe(script);
  });

  it('sends the gzip copy to one that accepts only gzip, the plain file to one that accepts neither', async () => {
    const gz = await raw(request(testApp(t.db, dist)).get('/assets/app.js').set('Accept-Encoding', 'gzip'));
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect((gz.body as Buffer).toString()).toBe(script);
    const plain = await raw(request(testApp(t.db, dist)).get('/assets/app.js').set('Accept-Encoding', 'identity'));
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect((plain.body as Buffer).toString()).toBe(script);
  });

  it('compresses a file that has no copy, and still serves the page for client routes', async () => {
    const css = await raw(request(testApp(t.db, dist)).get('/assets/app.css').set('Accept-Encoding', 'gzip'));
    expect(css.headers['content-encoding']).toBe('gzip');
    expect((css.body as Buffer).toString()).toBe(style);
    const page = await request(testApp(t.db, dist)).get('/fr/').expect(200);
    expect(page.text).toContain('<title>Finder</title>');
  });
});
