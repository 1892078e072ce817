/**
 * The JSON Schema subset dashcode writes (draft-07) and the environment
 * reference patterns its schemas use. Shared by the provisioning schema
 * (src/provisioning/schema.ts) and the error describer (schema-errors.ts),
 * which sits below it.
 */

/** The subset of draft-07 dashcode's schemas use; a typo in a keyword is a type error. */
export interface JsonSchema {
  $schema?: string;
  $id?: string;
  $ref?: string;
  $comment?: string;
  title?: string;
  description?: string;
  type?: JsonType | JsonType[];
  enum?: readonly (string | number | boolean)[];
  const?: string | number | boolean;
  pattern?: string;
  minimum?: number;
  properties?: Readonly<Record<string, JsonSchema>>;
  required?: readonly string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  anyOf?: readonly JsonSchema[];
  oneOf?: readonly JsonSchema[];
  definitions?: Readonly<Record<string, JsonSchema>>;
  examples?: readonly unknown[];
}
type JsonType = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array' | 'null';

/** At least one non-blank character; used instead of minLength so the generated validator needs no runtime helper. */
export const NON_EMPTY_PATTERN = String.raw`\S`;
