/** `dashcode/alerting`: Grafana-managed alert rules as code, compiled to file provisioning and backtested (docs/alerting.md). */
export * from '../alerting/index.js';
