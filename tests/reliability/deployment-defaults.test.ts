import fs from 'node:fs';
import { describe, expect, it } from 'vitest';

// Issue 12, finding 6: the docker-compose deployment fell back to well-known passwords, ran the
// app as root, had no TLS in front and left TRUST_PROXY unset. No Docker engine runs here, so
// these checks read the files as compose, Docker and Caddy would.
const compose = fs.readFileSync('docker-compose.yml', 'utf8');
const dockerfile = fs.readFileSync('Dockerfile', 'utf8');
const caddyfile = fs.readFileSync('docker/Caddyfile', 'utf8');

/** The lines of one top-level service (two-space indent) in docker-compose.yml. */
function service(name: string): string {
  const lines = compose.split('\n');
  const start = lines.findIndex((l) => l === `  ${name}:`);
  expect(start, `service ${name}`).toBeGreaterThan(-1);
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((l) => /^ {0,2}\S/.test(l));
  return rest.slice(0, end === -1 ? undefined : end).join('\n');
}

describe('the docker-compose deployment has no weak default (finding 6)', () => {
  it('requires every password: no fallback value, and no password written in a URL', () => {
    const uses = [...compose.matchAll(/\$\{([A-Z_]+)(:[?-])?[^}]*\}/g)];
    const secrets = uses.filter(([, name]) => /PASSWORD/.test(name!));
    expect(secrets.length).toBeGreaterThanOrEqual(5);
    for (const [text, , form] of secrets) expect(form, text).toBe(':?');
    for (const [url] of compose.matchAll(/postgres(?:ql)?:\/\/[^\s'"]+/g)) {
      expect(url, url).toMatch(/^postgres(?:ql)?:\/\/\w+:\$\{[A-Z_]+:\?\}@/);
    }
  });

  it('publishes only the TLS proxy; the app is reached through it and believes only its address', () => {
    expect(service('app')).not.toMatch(/^\s+ports:/m);
    expect(service('db')).not.toMatch(/^\s+ports:/m);
    expect(service('proxy')).toMatch(/ports:\s*\n\s+- '80:80'\s*\n\s+- '443:443'/);
    const proxyAddress = /ipv4_address:\s*([\d.]+)/.exec(service('proxy'))?.[1];
    expect(proxyAddress).toBeDefined();
    expect(service('app')).toContain(`TRUST_PROXY: ${proxyAddress}`);
    expect(caddyfile).toMatch(/\{\$FINDER_DOMAIN\}\s*\{/);
    expect(caddyfile).toContain('reverse_proxy app:8080');
    expect(service('proxy')).toContain('FINDER_DOMAIN: ${FINDER_DOMAIN:?');
  });

  it('runs the app as an unprivileged user, and as a database role that owns nothing', () => {
    const steps = dockerfile.split('\n').map((l) => l.trim());
    const lastFrom = steps.map((l) => l.startsWith('FROM ')).lastIndexOf(true);
    const user = steps.findIndex((l, i) => i > lastFrom && l.startsWith('USER '));
    const cmd = steps.findIndex((l) => l.startsWith('CMD '));
    expect(user).toBeGreaterThan(lastFrom);
    expect(user).toBeLessThan(cmd);
    expect(steps[user]).not.toMatch(/^USER\s+(root|0)(:|\s|$)/);
    expect(service('app')).toMatch(/DATABASE_URL: postgres:\/\/finder_app:/);
  });
});
