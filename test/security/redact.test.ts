/** One redaction helper for everything `check` and `doctor` print (issue 12 item 6). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redactSecrets, urlSecrets } from '../../src/secrets/redact.js';

describe('redactSecrets', () => {
  it('takes the password out of URLs, keeping scheme, user and host', () => {
    expect(redactSecrets('cannot reach http://admin:s3cret@prom:9090/api (ECONNREFUSED)')).toBe('cannot reach http://admin:***@prom:9090/api (ECONNREFUSED)');
    expect(redactSecrets('postgres://u:p%40ss@db:5432/m and postgresql://v:x@y@h/m')).toBe('postgres://u:***@db:5432/m and postgresql://v:***@h/m');
    expect(redactSecrets('https://ghp_tokenvalue@github.com/x')).toBe('https://***@github.com/x');
    expect(redactSecrets('host=db password=s3cret dbname=m')).toBe('host=db password=*** dbname=m');
  });

  it('takes out known secret values, raw or percent-encoded', () => {
    expect(redactSecrets('login failed: p@ss w0rd! / p%40ss%20w0rd!', ['p@ss w0rd!'])).toBe('login failed: *** / ***');
  });

  it('never lets a URL password through, whatever it holds (property)', () => {
    const secret = fc.string({ unit: fc.constantFrom(...'abcXYZ019-_.~!$&()*+,;=:@/?# %\'"'.split('')), minLength: 4, maxLength: 24 }).filter((s) => !/^\**$/.test(s));
    fc.assert(
      fc.property(fc.constantFrom('postgres', 'http', 'https'), fc.stringMatching(/^[a-z]{1,8}$/), secret, (scheme, user, password) => {
        const url = `${scheme}://${user}:${encodeURIComponent(password)}@db.example:5432/x`;
        const text = `error: connect to ${url} failed (password ${password})`;
        const out = redactSecrets(text, urlSecrets(url));
        expect(out).not.toContain(password);
        expect(out).not.toContain(encodeURIComponent(password));
        expect(out).toContain(`${scheme}://${user}:***@db.example:5432/x`);
      }),
    );
  });
});
