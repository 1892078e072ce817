/** `dashcode/preview`: static HTML previews of dashboards with data, without Grafana. */
export * from '../preview/index.js';
