/**
 * One skeleton for every query builder, as panels have `definePanel`: a kind
 * gives its name, its language, the option that holds its text and the target
 * key it is written to, its own options (a zod shape) and its target model.
 * The skeleton owns what every kind shares, so it is checked, worded and
 * written once: the datasource (and that it is of the kind's language), the
 * text (written with the kind's tag), `refId` (QUERY_REF_ID_MESSAGE), `hide`,
 * the `raw` escape hatch (merged last, its keys listed), the text's own issues
 * moved to the target key, a frozen spec, and never throwing (validate/guard.ts).
 */
import { z } from 'zod';
import { isDatasource, type DatasourceSpec } from '../datasources/datasource.js';
import { languageOf } from '../datasources/kinds.js';
import { deepMerge } from '../model/merge.js';
import { neverThrows } from '../validate/guard.js';
import { issue } from '../model/issue.js';
import { inputIssues } from '../validate/zod-issues.js';
import { invalidQuery, QUERY_REF_ID, QUERY_REF_ID_MESSAGE, type QuerySpec } from './query.js';
import { isQueryText, type QueryLanguage, type QueryText } from './text.js';
import { markChecked } from '../validate/typed.js';
import { lazySchema } from '../validate/lazy-schema.js';

/** The options every query kind takes besides its text and its own. */
export interface CommonQueryOptions {
  refId?: string;
  hide?: boolean;
  /** Escape hatch: keys merged verbatim into the target JSON; listed by `dashcode build`. */
  raw?: Record<string, unknown>;
}

export interface QueryKind<O extends CommonQueryOptions & { datasource: DatasourceSpec }> {
  /** The builder's name, as bad-input issues name it (`sqlQuery`). */
  name: string;
  language: QueryLanguage;
  /** The option that holds the query text (`sql`, `expr`, `query`). */
  textOption: keyof O & string;
  /** The target key the text is written to (`rawSql`, `expr`, `query`); the text's issues are reported there. */
  textKey: string;
  /** The datasource-kind message before `, got "<type>" (<name>)`: `a SQL query needs a SQL datasource`. */
  needs: string;
  /** The stand-in's datasource type when the options cannot be read at all. */
  fallbackDatasourceType: string;
  /** The kind's own options, besides datasource, text, refId, hide and raw: a factory, so no zod is built at load (validate/lazy-schema.ts). */
  options: () => z.ZodRawShape;
  /** The target JSON (before `hide` and `raw`), from the options and the query text. */
  model: (options: O, text: string) => Record<string, unknown>;
  /**
   * A zod fast path (issue 15, input-fast-path.ts): true only for options the
   * schema accepts, so the builder skips zod for them. Optional.
   */
  looksValid?: (input: unknown) => boolean;
}

/** The options' whole schema: the kind's own options plus what every kind shares. */
export function queryOptionsSchema<O extends CommonQueryOptions & { datasource: DatasourceSpec }>(kind: QueryKind<O>) {
  return z
    .object({
      datasource: z.custom<DatasourceSpec>(isDatasource, { message: 'is required: a datasource object (e.g. from datasources/)' }),
      [kind.textOption]: z.custom<QueryText>(isQueryText, { message: `must be query text written with the ${kind.language}\`\` tag` }),
      ...kind.options(),
      refId: z.string().regex(QUERY_REF_ID, QUERY_REF_ID_MESSAGE).optional(),
      hide: z.boolean().optional(),
      raw: z.record(z.string(), z.unknown()).optional(),
    })
    .strict();
}

export function defineQuery<O extends CommonQueryOptions & { datasource: DatasourceSpec }>(kind: QueryKind<O>): (options: O) => QuerySpec {
  const schema = lazySchema(() => queryOptionsSchema(kind));
  const build = (options: O): QuerySpec => {
    const issues = inputIssues(schema, options, kind.looksValid);
    const text = options[kind.textOption] as unknown;
    const isText = isQueryText(text);
    if (isText && text.language !== kind.language) issues.push(issue('query-language', [kind.textKey], `expected ${kind.language} text, got ${text.language}`));
    if (isDatasource(options.datasource) && languageOf(options.datasource.type) !== kind.language) {
      issues.push(issue('query-datasource-type', ['datasource'], `${kind.needs}, got "${options.datasource.type}" (${options.datasource.name})`));
    }
    const model = kind.model(options, isText ? text.text : '');
    if (options.hide) model.hide = true;
    const spec: QuerySpec = Object.freeze({
      kind: 'query',
      datasource: options.datasource,
      text: text as QueryText,
      refId: options.refId,
      model: (options.raw ? deepMerge(model, options.raw) : model) as QuerySpec['model'],
      rawKeys: Object.keys(options.raw ?? {}),
      issues: [...issues, ...(isText ? text.issues.map((i) => ({ ...i, path: [kind.textKey] })) : [])],
    });
    // Without `raw`, the target's JSON is what the builder wrote (see validate/typed.ts).
    return options.raw ? spec : markChecked(spec);
  };
  return neverThrows(kind.name, build, (i) => invalidQuery(kind.language, kind.fallbackDatasourceType, i));
}
