/**
 * Counters of well-known exporters whose names lack the `_total` suffix (they predate
 * the OpenMetrics naming rule, or ignore it). Without Prometheus' metadata API lint
 * cannot ask a metric's type, so these are known by name. Sources: node_exporter
 * (vmstat, pre-0.16 names), NVIDIA Triton (`nv_inference_*`), Hugging Face TGI
 * (`tgi_request_*`, `tgi_batch_*`), DCGM exporter, node_exporter netstat (untyped
 * /proc/net/snmp counters), the OpenTelemetry Collector before it added `_total`
 * (and Tempo's copy of its receiver metrics), the OpenTelemetry SDKs' span processor.
 */
const PREFIXES = ['node_vmstat_', 'node_netstat_'];
/** The gauges among those prefixes. */
const GAUGES = new Set(['node_netstat_Tcp_CurrEstab', 'node_vmstat_nr_dirty', 'node_vmstat_nr_writeback', 'node_vmstat_nr_free_pages']);

const NAMES = new Set([
  // node_exporter before 0.16
  'node_cpu',
  'node_context_switches',
  'node_forks',
  'node_intr',
  'node_network_receive_bytes',
  'node_network_transmit_bytes',
  'node_network_receive_packets',
  'node_network_transmit_packets',
  'node_network_receive_errs',
  'node_network_transmit_errs',
  'node_network_receive_drop',
  'node_network_transmit_drop',
  'node_disk_reads_completed',
  'node_disk_writes_completed',
  'node_disk_bytes_read',
  'node_disk_bytes_written',
  'node_disk_io_time_ms',
  'node_disk_io_time_weighted',
  'node_disk_read_time_ms',
  'node_disk_write_time_ms',
  'node_disk_sectors_read',
  'node_disk_sectors_written',
  // Triton inference server
  'nv_inference_request_success',
  'nv_inference_request_failure',
  'nv_inference_count',
  'nv_inference_exec_count',
  'nv_inference_request_duration_us',
  'nv_inference_queue_duration_us',
  'nv_inference_compute_input_duration_us',
  'nv_inference_compute_infer_duration_us',
  'nv_inference_compute_output_duration_us',
  'nv_energy_consumption',
  // text-generation-inference
  'tgi_request_count',
  'tgi_request_success',
  'tgi_request_failure',
  'tgi_batch_concat',
  'tgi_batch_inference_count',
  'tgi_batch_inference_success',
  // DCGM exporter
  'DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION',
  'DCGM_FI_DEV_POWER_VIOLATION',
  'DCGM_FI_DEV_THERMAL_VIOLATION',
  'DCGM_FI_DEV_SYNC_BOOST_VIOLATION',
  'DCGM_FI_DEV_BOARD_LIMIT_VIOLATION',
  'DCGM_FI_DEV_LOW_UTIL_VIOLATION',
  'DCGM_FI_DEV_RELIABILITY_VIOLATION',
  'DCGM_FI_DEV_PCIE_REPLAY_COUNTER',
  'DCGM_FI_DEV_NVLINK_BANDWIDTH_TOTAL',
  // OpenTelemetry Collector (before _total) and Tempo's receivers
  'otelcol_receiver_accepted_spans',
  'otelcol_receiver_refused_spans',
  'otelcol_receiver_accepted_metric_points',
  'otelcol_receiver_refused_metric_points',
  'otelcol_receiver_accepted_log_records',
  'otelcol_receiver_refused_log_records',
  'otelcol_exporter_sent_spans',
  'otelcol_exporter_send_failed_spans',
  'otelcol_exporter_sent_metric_points',
  'otelcol_exporter_send_failed_metric_points',
  'otelcol_exporter_sent_log_records',
  'otelcol_exporter_send_failed_log_records',
  'tempo_receiver_accepted_spans',
  'tempo_receiver_refused_spans',
  // OpenTelemetry SDK batch span processor
  'otel_trace_span_processor_spans',
]);

export function isKnownCounter(metric: string): boolean {
  return NAMES.has(metric) || (PREFIXES.some((p) => metric.startsWith(p)) && !GAUGES.has(metric));
}
