/** `dashcode/check`: runs every query of a compiled dashboard against PostgreSQL and Prometheus. */
export * from '../check/run/index.js';
