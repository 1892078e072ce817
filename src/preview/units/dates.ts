/**
 * Dates for Grafana's date units, as moment formats them in Grafana
 * (packages/grafana-data/src/valueFormats/dateTimeFormatters.ts,
 * datetime/formatter.ts): a moment format pattern rendered in UTC (previews
 * show every time in UTC), and moment's `fromNow` wording. Only moment's
 * English locale, so a page is the same on every machine.
 */

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

// moment's formattingTokens (the ISO week, era and locale-long tokens are not supported: they print as letters).
const TOKENS = /(\[[^[]*\])|(\\)?([Hh]mm(ss)?|Mo|MM?M?M?|Do|DDDo|DD?D?D?|ddd?d?|do?|Qo?|YYYY|YY|a|A|hh?|HH?|kk?|mm?|ss?|S{1,9}|x|X|zz?|ZZ?|.)/g;

const pad = (n: number, width: number) => {
  const s = String(Math.abs(n));
  return (n < 0 ? '-' : '') + (s.length >= width ? s : '0'.repeat(width - s.length) + s);
};

function ordinal(n: number): string {
  const b = n % 10;
  const suffix = Math.floor((n % 100) / 10) === 1 ? 'th' : b === 1 ? 'st' : b === 2 ? 'nd' : b === 3 ? 'rd' : 'th';
  return `${n}${suffix}`;
}

/** `ms` (epoch milliseconds) in the moment format `pattern`, in UTC. */
export function formatDate(ms: number, pattern: string): string {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return 'Invalid date';
  const Y = d.getUTCFullYear();
  const M = d.getUTCMonth();
  const D = d.getUTCDate();
  const H = d.getUTCHours();
  const h12 = H % 12 || 12;
  const m = d.getUTCMinutes();
  const s = d.getUTCSeconds();
  const S = d.getUTCMilliseconds();
  const dow = d.getUTCDay();
  const doy = Math.round((Date.UTC(Y, M, D) - Date.UTC(Y, 0, 1)) / 864e5) + 1;
  const token = (t: string): string | undefined => {
    switch (t) {
      case 'YYYY': return Y <= 9999 ? pad(Y, 4) : `+${Y}`;
      case 'YY': return pad(Y % 100, 2);
      case 'Q': return String(Math.floor(M / 3) + 1);
      case 'Qo': return ordinal(Math.floor(M / 3) + 1);
      case 'M': return String(M + 1);
      case 'Mo': return ordinal(M + 1);
      case 'MM': return pad(M + 1, 2);
      case 'MMM': return MONTHS[M]!.slice(0, 3);
      case 'MMMM': return MONTHS[M];
      case 'D': return String(D);
      case 'Do': return ordinal(D);
      case 'DD': return pad(D, 2);
      case 'DDD': return String(doy);
      case 'DDDo': return ordinal(doy);
      case 'DDDD': return pad(doy, 3);
      case 'd': return String(dow);
      case 'do': return ordinal(dow);
      case 'dd': return DAYS[dow]!.slice(0, 2);
      case 'ddd': return DAYS[dow]!.slice(0, 3);
      case 'dddd': return DAYS[dow];
      case 'a': return H < 12 ? 'am' : 'pm';
      case 'A': return H < 12 ? 'AM' : 'PM';
      case 'H': return String(H);
      case 'HH': return pad(H, 2);
      case 'h': return String(h12);
      case 'hh': return pad(h12, 2);
      case 'k': return String(H || 24);
      case 'kk': return pad(H || 24, 2);
      case 'hmm': return `${h12}${pad(m, 2)}`;
      case 'hmmss': return `${h12}${pad(m, 2)}${pad(s, 2)}`;
      case 'Hmm': return `${H}${pad(m, 2)}`;
      case 'Hmmss': return `${H}${pad(m, 2)}${pad(s, 2)}`;
      case 'm': return String(m);
      case 'mm': return pad(m, 2);
      case 's': return String(s);
      case 'ss': return pad(s, 2);
      case 'x': return String(d.getTime());
      case 'X': return String(Math.floor(d.getTime() / 1000));
      case 'Z': return '+00:00';
      case 'ZZ': return '+0000';
      case 'z':
      case 'zz': return '';
      default:
        // S…S: the fraction of a second, to as many digits as S's.
        if (/^S+$/.test(t)) return pad(S, 3).padEnd(t.length, '0').slice(0, t.length);
        return undefined;
    }
  };
  return pattern.replace(TOKENS, (match: string, bracket: string | undefined, escape: string | undefined, t: string) => {
    if (bracket) return bracket.slice(1, -1);
    if (escape) return t.replace(/\\/g, '');
    return token(t) ?? t;
  });
}

/** `d` plus `months` calendar months, the day clamped to the month's length (moment's add(n, 'M')). */
function addMonths(ms: number, months: number): number {
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  const target = d.getUTCMonth() + months;
  const days = new Date(Date.UTC(y, target + 1, 0)).getUTCDate();
  return Date.UTC(y, target, Math.min(d.getUTCDate(), days), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds());
}

// moment's positiveMomentsDifference: whole calendar months, then the milliseconds left.
function difference(base: number, other: number): { months: number; ms: number } {
  const b = new Date(base);
  const o = new Date(other);
  let months = o.getUTCMonth() - b.getUTCMonth() + (o.getUTCFullYear() - b.getUTCFullYear()) * 12;
  if (addMonths(base, months) > other) --months;
  return { months, ms: other - addMonths(base, months) };
}

/** moment's `fromNow()` in English: "5 minutes ago", "in 2 days", "a few seconds ago". */
export function fromNow(ms: number, now: number): string {
  const { months, ms: rest } = ms >= now ? difference(now, ms) : difference(ms, now);
  const signed = ms >= now ? months * 2592e6 + rest : -(months * 2592e6 + rest);
  // Duration.as(): months convert at 146097 days per 4800 months; days are rounded first for the smaller units.
  const days = Math.round((months * 146097) / 4800);
  const as = { s: days * 86400 + rest / 1000, m: days * 1440 + rest / 6e4, h: days * 24 + rest / 36e5, d: days + rest / 864e5 };
  const monthsTotal = months + (rest / 864e5) * 4800 / 146097;
  const seconds = Math.round(as.s);
  const minutes = Math.round(as.m);
  const hours = Math.round(as.h);
  const dayCount = Math.round(as.d);
  const monthCount = Math.round(monthsTotal);
  const years = Math.round(monthsTotal / 12);
  const text =
    seconds <= 44 ? 'a few seconds'
    : seconds < 45 ? `${seconds} seconds`
    : minutes <= 1 ? 'a minute'
    : minutes < 45 ? `${minutes} minutes`
    : hours <= 1 ? 'an hour'
    : hours < 22 ? `${hours} hours`
    : dayCount <= 1 ? 'a day'
    : dayCount < 26 ? `${dayCount} days`
    : monthCount <= 1 ? 'a month'
    : monthCount < 11 ? `${monthCount} months`
    : years <= 1 ? 'a year'
    : `${years} years`;
  return signed > 0 ? `in ${text}` : `${text} ago`;
}
