/**
 * The `date:<pattern>` format calls moment's `dateTime(ms).format(pattern)`
 * (@grafana/scenes formatRegistry.ts). moment formats in the browser's time zone;
 * a check has no browser, so this formats in UTC. Only moment's common tokens are
 * supported; `[...]` escapes literal text as in moment.
 */

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

// Longest tokens first, as moment's tokenizer does.
const TOKEN = /\[([^\]]*)\]|YYYY|YY|Q|MMMM|MMM|MM|M|DDDD|DDD|DD|Do|D|dddd|ddd|dd|d|HH|H|hh|h|mm|m|ss|s|SSS|SS|S|A|a|X|x|ZZ|Z/g;

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

function ordinal(n: number): string {
  const b = n % 10;
  const suffix = Math.floor((n % 100) / 10) === 1 ? 'th' : b === 1 ? 'st' : b === 2 ? 'nd' : b === 3 ? 'rd' : 'th';
  return n + suffix;
}

export function formatMomentUTC(ms: number, pattern: string): string {
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  const mo = d.getUTCMonth();
  const day = d.getUTCDate();
  const wd = d.getUTCDay();
  const h = d.getUTCHours();
  const dayOfYear = Math.floor((Date.UTC(y, mo, day) - Date.UTC(y, 0, 1)) / 86400000) + 1;
  return pattern.replace(TOKEN, (tok, literal: string | undefined) => {
    if (literal !== undefined) return literal;
    switch (tok) {
      case 'YYYY':
        return pad(y, 4);
      case 'YY':
        return pad(y % 100);
      case 'Q':
        return String(Math.floor(mo / 3) + 1);
      case 'MMMM':
        return MONTHS[mo] ?? '';
      case 'MMM':
        return (MONTHS[mo] ?? '').slice(0, 3);
      case 'MM':
        return pad(mo + 1);
      case 'M':
        return String(mo + 1);
      case 'DDDD':
        return pad(dayOfYear, 3);
      case 'DDD':
        return String(dayOfYear);
      case 'DD':
        return pad(day);
      case 'Do':
        return ordinal(day);
      case 'D':
        return String(day);
      case 'dddd':
        return DAYS[wd] ?? '';
      case 'ddd':
        return (DAYS[wd] ?? '').slice(0, 3);
      case 'dd':
        return (DAYS[wd] ?? '').slice(0, 2);
      case 'd':
        return String(wd);
      case 'HH':
        return pad(h);
      case 'H':
        return String(h);
      case 'hh':
        return pad(h % 12 || 12);
      case 'h':
        return String(h % 12 || 12);
      case 'mm':
        return pad(d.getUTCMinutes());
      case 'm':
        return String(d.getUTCMinutes());
      case 'ss':
        return pad(d.getUTCSeconds());
      case 's':
        return String(d.getUTCSeconds());
      case 'SSS':
        return pad(d.getUTCMilliseconds(), 3);
      case 'SS':
        return pad(Math.floor(d.getUTCMilliseconds() / 10));
      case 'S':
        return String(Math.floor(d.getUTCMilliseconds() / 100));
      case 'A':
        return h < 12 ? 'AM' : 'PM';
      case 'a':
        return h < 12 ? 'am' : 'pm';
      case 'X':
        return String(Math.floor(ms / 1000));
      case 'x':
        return String(ms);
      case 'ZZ':
        return '+0000';
      default: // 'Z'
        return '+00:00';
    }
  });
}
