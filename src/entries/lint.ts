/** `dashcode/lint`: the lint rules for dashboards and provisioning (docs/lint.md). */
export * from '../lint/index.js';
