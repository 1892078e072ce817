/**
 * The one place secrets are taken out of text before dashcode prints it:
 * `doctor` findings, `check` reports and errors, whatever produced them
 * (an option, the environment, or a driver's or fetch's error message that
 * quotes a URL back).
 */

/** `scheme://userinfo@`: the authority's userinfo, up to its last `@` (a password may contain `@`). */
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/?#"'<>]*)@/gi;
/** `password=…` in a libpq keyword/value connection string, or a query parameter. */
const PASSWORD_PARAM = /\b(password|passwd|pwd)=([^\s&;'"]+)/gi;

export const REDACTED = '***';

/**
 * Replaces the password of every URL in `text` (`postgres://user:***@host`; a
 * userinfo with no `:` is a token and is replaced whole), every `password=`
 * value, and every occurrence of the given secret values (e.g. PGPASSWORD,
 * the password of a URL given on the command line, percent-encoded or not).
 */
export function redactSecrets(text: string, secrets: Iterable<string | undefined> = []): string {
  let out = text.replace(URL_USERINFO, (_m, scheme: string, userinfo: string) => {
    const colon = userinfo.indexOf(':');
    return `${scheme}${colon === -1 ? REDACTED : `${userinfo.slice(0, colon)}:${REDACTED}`}@`;
  });
  out = out.replace(PASSWORD_PARAM, (_m, key: string) => `${key}=${REDACTED}`);
  const values = new Set<string>();
  for (const s of secrets) {
    // Very short values would redact ordinary words; they are not worth guessing anyway.
    if (s === undefined || s.length < 4) continue;
    values.add(s);
    values.add(encodeURIComponent(s));
  }
  for (const s of [...values].sort((a, b) => b.length - a.length)) out = out.split(s).join(REDACTED);
  return out;
}

/** The secrets a URL carries (its password, or a bare token), decoded, for redactSecrets' list. */
export function urlSecrets(url: string | undefined): string[] {
  if (!url) return [];
  try {
    const u = new URL(url);
    return [u.password, u.password ? '' : u.username].filter(Boolean).map((s) => safeDecode(s));
  } catch {
    return [];
  }
}

/** `host:port` of a URL, for messages that must name the server without its credentials. */
export function hostPortOf(url: string, defaultPort: number): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || defaultPort}`;
  } catch {
    return redactSecrets(url);
  }
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
