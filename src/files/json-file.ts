/**
 * Reading a dashboard JSON file that arrives from a pull request or a user:
 * the single home for every command that reads one (check, lint, diff,
 * import, preview). A file that cannot be read, is not JSON, starts with a
 * byte order mark, nests deeper than any dashboard, or is JSON but not a
 * dashboard (`null`, `[]`, `{}`) comes back as one issue naming the file,
 * never as an exception, so the CLI reports it and exits 1.
 */
import { isObject } from '../model/loose.js';
import { readFile } from 'node:fs/promises';
import { issue, type Issue } from '../model/issue.js';
import type { IssueCode } from '../model/issue-codes.js';

/**
 * Deepest nesting accepted. A Grafana dashboard nests about ten levels
 * (panels › fieldConfig › overrides › properties › value › …); everything
 * downstream (normalising, diffing, compiling) walks JSON recursively, so a
 * document nested 100 000 deep would overflow the stack instead of being reported.
 */
export const MAX_JSON_DEPTH = 128;

export type JsonFileResult = { json: unknown; issue?: undefined } | { json?: undefined; issue: Issue };

function problem(code: IssueCode, file: string, message: string): JsonFileResult {
  return { issue: { ...issue(code, [], message), source: { file } } };
}

/** How deep `text` nests arrays and objects, scanning without recursion (strings skipped). */
function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) max = Math.max(max, ++depth);
    else if (c === 0x5d || c === 0x7d) depth--;
  }
  return max;
}

/** JSON text → value, or an issue naming `file`. */
export function parseJsonText(text: string, file: string): JsonFileResult {
  // Grafana's provisioning reads dashboards with Go's encoding/json, which rejects a BOM: so does dashcode, by name.
  if (text.charCodeAt(0) === 0xfeff) return problem('input-bom', file, `${file} starts with a UTF-8 byte order mark, which Grafana's JSON reader rejects; save it without the BOM`);
  if (text.trim() === '') return problem('input-json', file, `${file} is empty, not a JSON document`);
  const depth = nestingDepth(text);
  if (depth > MAX_JSON_DEPTH) return problem('input-depth', file, `${file} nests arrays and objects ${depth} levels deep; no Grafana dashboard nests more than ${MAX_JSON_DEPTH}`);
  try {
    return { json: JSON.parse(text) as unknown };
  } catch (err) {
    return problem('input-json', file, `${file} is not valid JSON: ${(err as Error).message}`);
  }
}

/** The file's text, or an issue naming it by `label`. */
async function readText(file: string, label: string): Promise<{ text: string } | JsonFileResult> {
  try {
    return { text: await readFile(file, 'utf8') };
  } catch (err) {
    return problem('input-read', label, `cannot read ${label}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

/** Reads and parses a JSON file; `label` is how messages name it (default: the path). */
export async function readJsonFile(file: string, label = file): Promise<JsonFileResult> {
  const read = await readText(file, label);
  return 'text' in read ? parseJsonText(read.text, label) : read;
}



/** A Grafana dashboard: a JSON object with panels (or legacy rows, or variables) and a title or uid. */
export function isDashboardJson(v: unknown): boolean {
  return isObject(v) && (Array.isArray(v.panels) || Array.isArray(v.rows) || isObject(v.templating)) && (typeof v.title === 'string' || typeof v.uid === 'string');
}

/** Grafana's HTTP API response for a dashboard: `{ dashboard, meta }`. */
export function isDashboardApiResponse(v: unknown): boolean {
  return isObject(v) && isObject(v.meta) && isDashboardJson(v.dashboard);
}

export interface DashboardFileOptions {
  /** Accept Grafana's API response (`{ dashboard, meta }`) too, for commands that unwrap it. */
  apiResponse?: boolean;
}

/** The issue for a JSON value that is not a dashboard; undefined for a dashboard. */
export function notDashboard(json: unknown, file: string, options: DashboardFileOptions = {}): Issue | undefined {
  if (isDashboardJson(json) || (options.apiResponse && isDashboardApiResponse(json))) return undefined;
  const what = json === null ? 'null' : Array.isArray(json) ? 'a list' : typeof json === 'object' ? 'an object without a "panels" list and a "title"' : `a ${typeof json}`;
  return problem('input-not-dashboard', file, `${file} is not a Grafana dashboard: it is ${what}`).issue;
}

/** `parseJsonText`, and an issue when the value is not a dashboard. */
export function parseDashboardText(text: string, file: string, options: DashboardFileOptions = {}): JsonFileResult {
  const parsed = parseJsonText(text, file);
  if (parsed.issue) return parsed;
  const issue = notDashboard(parsed.json, file, options);
  return issue ? { issue } : parsed;
}

/** `readJsonFile`, and an issue when the value is not a dashboard. */
export async function readDashboardFile(file: string, label = file, options: DashboardFileOptions = {}): Promise<JsonFileResult> {
  const read = await readText(file, label);
  return 'text' in read ? parseDashboardText(read.text, label, options) : read;
}
