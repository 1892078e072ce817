import type { z } from 'zod';
import { closestMatch } from '../model/closest-match.js';
import { isIssueCode, type IssueCode } from '../model/issue-codes.js';
import { issue, type Issue, type IssueSource } from '../model/issue.js';
import type { IssuePath } from '../model/issue-path.js';

export interface ZodIssueOptions {
  /** The schema that failed: its keys give a top-level typo a "did you mean". */
  schema?: z.ZodType;
  /** Where the validated object is (a datasource's name, say), so each issue names it. */
  source?: IssueSource;
  /**
   * Where each builder key lands in Grafana's JSON (`w` → `gridPos.w`): the one table
   * a builder keeps for that (panels: PANEL_OUTPUT_PATHS). A top-level typo that is
   * a Grafana name (`gridPos`, `targets`) is offered the keys that write it.
   */
  outputPaths?: Readonly<Record<string, IssuePath>>;
}

/**
 * Converts zod's issues into ours: one Issue per problem, with a code of
 * dashcode's own (zod's never leak: see codeOf), the path from the object
 * that was validated and a message that says what was given and what is
 * allowed.
 */
export function issuesFromZod(error: z.ZodError, options: ZodIssueOptions = {}): Issue[] {
  const { schema, source, outputPaths } = options;
  // The keys an options object accepts, so a typo at the top level gets a "did you mean".
  const known = schema && 'shape' in schema ? Object.keys((schema as unknown as { shape: object }).shape) : [];
  return error.issues.map((zi) => {
    const path = zi.path.map((p) => (typeof p === 'number' ? p : String(p)));
    const hint = zi.code === 'unrecognized_keys' && zi.path.length === 0 ? suggestion(zi.keys, known, outputPaths) : '';
    const found = issue(codeOf(zi), path, describe(zi) + hint);
    return source ? { ...found, source } : found;
  });
}

/**
 * dashcode's code for a zod issue, by its kind. A refinement names its own
 * code with `params: { code }` (the unit check says `unit-unknown`); any
 * other refinement is `spec-invalid`.
 */
function codeOf(zi: z.core.$ZodIssue): IssueCode {
  switch (zi.code) {
    case 'unrecognized_keys':
      return 'option-unknown';
    case 'invalid_type':
      return 'option-type';
    case 'invalid_value':
    case 'invalid_format':
    case 'invalid_union':
    case 'not_multiple_of':
      return 'option-value';
    case 'too_big':
    case 'too_small':
      return 'option-range';
    case 'custom': {
      const own = (zi.params as { code?: unknown } | undefined)?.code;
      return typeof own === 'string' && isIssueCode(own) ? own : 'spec-invalid';
    }
    default:
      return 'spec-invalid';
  }
}

/**
 * Plain words people write for a builder key whose name is nothing like them, so
 * edit distance cannot find it: `width` is `w`. Grafana's own names come from the
 * builder's output-path table (see grafanaNames). Offered only where the builder has the key.
 */
const PLAIN_WORDS: Readonly<Record<string, readonly string[]>> = { width: ['w'], height: ['h'] };

/** `gridPos` → `w`, `h`, `x`, `y`: the builder keys whose output path starts with another name. */
function grafanaNames(outputPaths: Readonly<Record<string, IssuePath>>): Map<string, string[]> {
  const names = new Map<string, string[]>();
  for (const [key, out] of Object.entries(outputPaths)) {
    const head = out[0];
    if (head === key || typeof head !== 'string') continue;
    names.set(head, [...(names.get(head) ?? []), key]);
  }
  return names;
}

function suggestion(keys: readonly string[], known: readonly string[], outputPaths: Readonly<Record<string, IssuePath>> = {}): string {
  const names = grafanaNames(outputPaths);
  const hints = keys.flatMap((k) => {
    const synonyms = (Object.hasOwn(PLAIN_WORDS, k) ? PLAIN_WORDS[k]! : names.get(k) ?? []).filter((s) => known.includes(s));
    if (synonyms.length > 0) return [`${synonyms.map((m) => `"${m}"`).join(', ')} for "${k}"`];
    const near = closestMatch(k, known);
    return near === undefined ? [] : [`"${near}" for "${k}"`];
  });
  return hints.length > 0 ? ` (did you mean ${hints.join(', ')}?)` : '';
}

function describe(zi: z.core.$ZodIssue): string {
  switch (zi.code) {
    case 'invalid_type': {
      const received = (zi as { input?: unknown }).input;
      return received === undefined ? `is required (expected ${zi.expected})` : `expected ${zi.expected}, got ${show(received)}`;
    }
    case 'invalid_value':
      return `${show((zi as { input?: unknown }).input)} is not allowed (allowed: ${zi.values.map((v) => JSON.stringify(v)).join(', ')})`;
    case 'unrecognized_keys':
      return `unknown key${zi.keys.length > 1 ? 's' : ''} ${zi.keys.map((k) => `"${k}"`).join(', ')}`;
    case 'too_big':
      return `${zi.message.replace(/^Too big: expected \w+ to (have )?/, 'must be ')} (got ${show((zi as { input?: unknown }).input)})`;
    case 'too_small':
      return `${zi.message.replace(/^Too small: expected \w+ to (have )?/, 'must be ')} (got ${show((zi as { input?: unknown }).input)})`;
    default:
      return zi.message;
  }
}

export function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (v === undefined) return 'nothing';
  if (typeof v === 'function') return 'a function';
  if (typeof v === 'object' && v !== null) return Array.isArray(v) ? 'an array' : 'an object';
  return String(v);
}

/**
 * `safeParse` that reports the offending input in its issues. Asking zod for
 * the input costs ~45% more on every parse, so we parse plainly first and
 * only re-parse a failure (rare) with `reportInput`.
 */
export function parseInput<T>(schema: z.ZodType<T>, input: unknown): ReturnType<z.ZodType<T>['safeParse']> {
  const plain = schema.safeParse(input);
  return plain.success ? plain : schema.safeParse(input, { reportInput: true });
}

/**
 * A builder's input issues: none when `looksValid`, its hand-written fast
 * path (input-checks.ts), vouches for `input`, and then the schema is not even
 * built (lazy-schema.ts); else zod's issues, worded as usual.
 */
export function inputIssues(schema: () => z.ZodType, input: unknown, looksValid?: (input: unknown) => boolean): Issue[] {
  if (looksValid?.(input)) return [];
  const s = schema();
  const r = parseInput(s, input);
  return r.success ? [] : issuesFromZod(r.error, { schema: s });
}
