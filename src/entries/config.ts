/**
 * `dashcode/config`: `defineConfig` and the configuration's types, without the
 * builders. A dashcode.config.ts that imports from here loads in a few
 * milliseconds; importing `dashcode` evaluates the whole library (zod and
 * every builder), which `check`, `lint` and `diff` otherwise never need.
 */
export { defineConfig, type DashcodeConfig, type CheckConfig, type ProvisioningConfig } from '../config/config.js';
