/**
 * Hostile input for the security tests: strings built from the fragments
 * that end a literal, a comment, a template, a code span or a terminal
 * line, plus payloads that would leave a trace (a global, a file) if they
 * ever ran as code, and the keys that reach an object's prototype.
 */
import fc from 'fast-check';
import { anyCodePoint } from '../../support/code-points.js';

/** The global a payload sets when it runs; a test asserts it stays undefined. */
export const CANARY = '__dashcodePwned';

/** Code that, if it ever runs, sets the canary global (synchronously). */
export const PAYLOADS = [
  `globalThis.${CANARY} = 1;`,
  `;globalThis.${CANARY} = 1;//`,
  `'); globalThis.${CANARY} = 1; ('`,
  `"); globalThis.${CANARY} = 1; ("`,
  `\`; globalThis.${CANARY} = 1; \``,
  `\${globalThis.${CANARY} = 1}`,
  `*/ globalThis.${CANARY} = 1; /*`,
  `\nglobalThis.${CANARY} = 1;\n`,
  `\u2028globalThis.${CANARY} = 1;\u2028`,
  `\nimport('node:fs').then((fs) => fs.writeFileSync('pwned.txt', 'x'));\n`,
] as const;

export const FRAGMENTS = [
  '\n', '\r', '\r\n', '\u2028', '\u2029', '\t', '\u0000', '\u001b[31m', '\u001b]8;;http://x\u0007', '\u0085',
  '*/', '/*', '//', '`', '${', '}', '\\', "'", '"', '$', '<!--', '-->', '</script>', '\ud800', '\udfff', '😀',
  '</details>', '<details>', '</summary>', '<img src=x onerror=alert(1)>', '```', '~~~', '|', '[x](javascript:alert(1))', '@here', '#1',
  '__proto__', 'constructor', 'prototype', ' ', 'a', 'é',
] as const;

/** A string made of hostile fragments, payloads and random characters. */
export function hostileString(options: { minLength?: number } = {}): fc.Arbitrary<string> {
  const piece = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...FRAGMENTS) },
    { weight: 1, arbitrary: fc.constantFrom(...PAYLOADS) },
    { weight: 2, arbitrary: fc.string({ unit: anyCodePoint, maxLength: 4 }) },
  );
  return fc.array(piece, { minLength: options.minLength ?? 0, maxLength: 6 }).map((ps) => ps.join(''));
}

/** Keys that reach or shadow an object's prototype machinery. */
export const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'] as const;

/** Asserts nothing in this process got polluted: fresh objects and arrays have no extra properties. */
export function pollutionTraces(): string[] {
  const out: string[] = [];
  const probes = { object: {}, array: [], fn: () => undefined } as Record<string, object>;
  for (const [name, probe] of Object.entries(probes)) {
    for (const key of ['polluted', 'isAdmin', 'x', 'title', 'uid', 'type', 'panels', 'targets', 'options', 'A', 'a']) {
      if ((probe as Record<string, unknown>)[key] !== undefined) out.push(`${name}.${key}`);
    }
  }
  for (const key of Object.getOwnPropertyNames(Object.prototype)) {
    if (!ORIGINAL_OBJECT_PROTOTYPE.has(key)) out.push(`Object.prototype.${key}`);
  }
  if ((globalThis as Record<string, unknown>)[CANARY] !== undefined) out.push(`globalThis.${CANARY}`);
  return out;
}

const ORIGINAL_OBJECT_PROTOTYPE = new Set(Object.getOwnPropertyNames(Object.prototype));
