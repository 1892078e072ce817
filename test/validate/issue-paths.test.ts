/**
 * Issue paths are data (`['panels', 3, 'targets', 0, 'rawSql']`). Only the
 * formatter's renderPath turns one into text, and no code reads a path back
 * out of text.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileDashboard } from '../../src/compile/compile.js';
import { dashboard, env, postgresDatasource, renderPath as publicRenderPath, row, sql, sqlQuery, tablePanel } from '../../src/index.js';
import { joinPath, panelAt, renderPath, type IssuePath, type PathSegment } from '../../src/model/issue-path.js';
import { formatIssue } from '../../src/validate/issues.js';

/** A reader of renderPath's grammar, here only as the test's oracle: the text names exactly one path. */
function readRendered(text: string): PathSegment[] {
  const out: PathSegment[] = [];
  let i = 0;
  const ident = /[A-Za-z_$][\w$]*/y;
  while (i < text.length) {
    if (text[i] === '[') {
      if (text[i + 1] === '"') {
        // A JSON string: find its end by letting JSON.parse judge growing prefixes.
        let end = i + 2;
        for (;;) {
          end = text.indexOf('"]', end);
          if (end < 0) throw new Error(`unterminated key in ${text}`);
          try {
            out.push(JSON.parse(text.slice(i + 1, end + 1)) as string);
            break;
          } catch {
            end += 1;
          }
        }
        i = end + 2;
      } else {
        const close = text.indexOf(']', i);
        out.push(Number(text.slice(i + 1, close)));
        i = close + 1;
      }
    } else {
      if (text[i] === '.') i += 1;
      ident.lastIndex = i;
      const m = ident.exec(text);
      if (!m) throw new Error(`not a path: ${text} at ${i}`);
      out.push(m[0]);
      i += m[0].length;
    }
  }
  return out;
}

const segment: fc.Arbitrary<PathSegment> = fc.oneof(
  fc.nat({ max: 1000 }),
  fc.constantFrom('panels', 'targets', 'rawSql', 'gridPos', '$schema', '_x', '__proto__', 'constructor'),
  fc.string({ unit: 'grapheme', maxLength: 6 }),
  fc.string({ unit: fc.constantFrom('.', '[', ']', '"', '\\', '0', 'a', ' ', '\n'), maxLength: 6 }),
);

describe('renderPath', () => {
  it.each<[IssuePath, string]>([
    [[], ''],
    [['title'], 'title'],
    [['panels', 3, 'targets', 0, 'rawSql'], 'panels[3].targets[0].rawSql'],
    [['labels', 'a.b'], 'labels["a.b"]'],
    [['jsonData', '0'], 'jsonData["0"]'],
    [['exclude', 'panel-unit', 0, 'reason'], 'exclude["panel-unit"][0].reason'],
    [[2, 'x'], '[2].x'],
    [['a', ''], 'a[""]'],
  ])('%j → %s', (p, text) => {
    expect(renderPath(p)).toBe(text);
  });

  it('names exactly one path: reading the text back gives the same segments, whatever the keys', () => {
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 8 }), (segments) => {
        expect(readRendered(renderPath(segments))).toEqual(segments);
      }),
      { numRuns: 2000 },
    );
  });

  it('is the public API, for library users printing their own reports', () => {
    expect(publicRenderPath).toBe(renderPath);
  });

  it('a key with a dot or a bracket stays one key (a string segment is never split)', () => {
    expect(joinPath('templating.list', 0)).toEqual(['templating.list', 0]);
    expect(renderPath(joinPath('templating.list', 0))).toBe('["templating.list"][0]');
  });
});

describe('paths from compile are arrays, and the formatter renders them', () => {
  const db = postgresDatasource({ name: 'DB', uid: 'db', url: 'localhost:5432', database: 'm', user: 'u', password: env('PGPASSWORD') });

  it('a query problem inside a panel names the panel in the header and the full path below', () => {
    const d = dashboard({ uid: 'p', title: 'P', panels: [tablePanel({ title: 'Runs', queries: [sqlQuery({ datasource: db, sql: sql`SELECT $nope` })] })] });
    const found = compileDashboard(d).issues.find((i) => i.code === 'variable-undefined');
    expect(found?.path).toEqual(['panels', 0, 'targets', 0]);
    expect(formatIssue(found!)).toBe(
      '✖ dashboard "P" › panel "Runs" › targets[0]: uses $nope, which the dashboard does not define (define the variable and interpolate the object: ${nope}) [variable-undefined]\n  → at panels[0].targets[0]',
    );
  });

  it('a datasource or variable problem of a panel in a collapsed row names that panel\'s query inside the row', () => {
    const other = postgresDatasource({ name: 'Other', uid: 'other', url: 'localhost:5432', database: 'm', user: 'u', password: env('PGPASSWORD') });
    const runs = (title: string, datasource: typeof db) => tablePanel({ title, queries: [sqlQuery({ datasource, sql: sql`SELECT 1` }), sqlQuery({ datasource, sql: sql`SELECT $nope` })] });
    const d = dashboard({ uid: 'r', title: 'R', panels: [runs('Top', db), row({ title: 'Row', collapsed: true, panels: [runs('A', db), runs('B', other)] })] });
    const issues = compileDashboard(d, { datasources: [db] }).issues;
    expect(issues.filter((i) => i.code === 'datasource-unknown').map((i) => renderPath(i.path))).toEqual(['panels[1].panels[1].targets[0].datasource', 'panels[1].panels[1].targets[1].datasource']);
    expect(issues.filter((i) => i.code === 'variable-undefined').map((i) => renderPath(i.path))).toEqual(['panels[0].targets[1]', 'panels[1].panels[0].targets[1]', 'panels[1].panels[1].targets[1]']);
  });

  it('a layout problem names the gridPos field of the panel where the output puts it', () => {
    const d = dashboard({ uid: 'l', title: 'L', panels: [tablePanel({ title: 'Wide', w: 30 })] });
    const found = compileDashboard(d).issues.find((i) => i.code === 'layout-width');
    expect(found?.path).toEqual(['panels', 0, 'gridPos', 'w']);
  });

  it('panelAt reads a panel position from segments', () => {
    expect(panelAt(['panels', 2, 'panels', 1, 'targets', 0])).toEqual({ indexes: [2, 1], rest: ['targets', 0] });
    expect(panelAt(['panels', 2, 'title'])).toEqual({ indexes: [2], rest: ['title'] });
    expect(panelAt(['templating', 'list', 0])).toBeUndefined();
  });
});

describe('no code reads a path back out of text', () => {
  // The old code matched `panels[3]…` and `.targets[0]` with regular expressions in compile, the formatter
  // and preview. Any regex over bracketed indexes in src/ is that habit coming back.
  const SRC = path.resolve(import.meta.dirname, '../../src');
  const files = (readdirSync(SRC, { recursive: true }) as string[]).filter((f) => /\.(ts|js)$/.test(f) && !f.includes('generated'));
  it('src/ has no regular expression over `[n]` path indexes', () => {
    const offenders = files.filter((file) => {
      const text = readFileSync(path.join(SRC, file), 'utf8');
      return /\\\[\(?\\d\+\)?\\\]/.test(text) || /panels\\\[/.test(text);
    });
    expect(offenders).toEqual([]);
  });
});
