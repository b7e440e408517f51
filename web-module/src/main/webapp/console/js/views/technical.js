// Technical dashboard: from the server's Prometheus /metrics (this node) and /api/v1/status (the
// cluster's members): latency percentiles per endpoint (estimated from the histogram's buckets, as
// Prometheus' histogram_quantile does), throughput between two refreshes, the error rate, the
// database pool, the job queues and dead letters, the caches, the circuit breakers.
import { get } from '../api.js';
import { card, format, h, show, table } from '../dom.js';

export const autoRefresh = true;
let previous = null;

/** Prometheus' text format: [{ name, labels, value }] */
export function parse(text) {
  const samples = [];
  const line = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/;
  const label = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;
  for (const row of text.split('\n')) {
    const m = row.startsWith('#') ? null : line.exec(row);
    if (m) {
      const labels = {};
      for (const l of (m[2] || '').matchAll(label)) {
        labels[l[1]] = l[2];
      }
      samples.push({ name: m[1], labels, value: Number(m[3]) });
    }
  }
  return samples;
}

/** The q-quantile of cumulative buckets [{ le, count }] (linear within a bucket). */
export function quantile(q, buckets) {
  const sorted = [...buckets].sort((a, b) => a.le - b.le);
  const total = sorted.length ? sorted[sorted.length - 1].count : 0;
  if (total === 0) {
    return null;
  }
  const rank = q * total;
  let lowerBound = 0;
  let lowerCount = 0;
  for (const b of sorted) {
    if (b.count >= rank) {
      if (b.le === Infinity) {
        return lowerBound;
      }
      return lowerBound + ((b.le - lowerBound) * (rank - lowerCount)) / Math.max(1, b.count - lowerCount);
    }
    lowerBound = b.le;
    lowerCount = b.count;
  }
  return lowerBound;
}

const sum = (samples, name, where = () => true) => samples.filter((s) => s.name === name && where(s.labels)).reduce((n, s) => n + s.value, 0);
const ms = (seconds) => (seconds === null ? '—' : `${format(seconds * 1000)} ms`);
const ratio = (hits, misses) => (hits + misses === 0 ? '—' : `${format((100 * hits) / (hits + misses))} %`);

export async function render() {
  const [response, status] = await Promise.all([fetch('/metrics', { headers: { Accept: 'text/plain' }, cache: 'no-store' }), get('/status')]);
  if (!response.ok) {
    show(h('h1', {}, 'Technical dashboard'), h('p', { class: 'alert', role: 'alert', id: 'technical-unavailable' }, `This server does not serve /metrics on the console's address (HTTP ${response.status}): on WildFly the metrics are on the management interface.`));
    return;
  }
  const samples = parse(await response.text());
  const endpoints = new Map();
  for (const s of samples.filter((x) => x.name === 'forecourt_http_request_duration_seconds_bucket')) {
    const key = `${s.labels.method} ${s.labels.endpoint}`;
    if (!endpoints.has(key)) {
      endpoints.set(key, []);
    }
    endpoints.get(key).push({ le: s.labels.le === '+Inf' ? Infinity : Number(s.labels.le), count: s.value });
  }
  const rows = [...endpoints]
    .map(([key, buckets]) => ({ key, buckets, count: Math.max(...buckets.map((b) => b.count)) }))
    .filter((e) => e.count > 0)
    .sort((a, b) => b.count - a.count)
    .slice(0, 15)
    .map((e) => [e.key, e.count, ms(quantile(0.5, e.buckets)), ms(quantile(0.95, e.buckets)), ms(quantile(0.99, e.buckets))]);
  const requests = sum(samples, 'forecourt_http_requests_seconds_count');
  const serverErrors = sum(samples, 'forecourt_http_requests_seconds_count', (l) => (l.status || '').startsWith('5'));
  const now = Date.now();
  const throughput = previous && now > previous.at ? (requests - previous.requests) / ((now - previous.at) / 1000) : null;
  previous = { at: now, requests };
  const pool = (what) => sum(samples, `connection_pool_forecourt_pool_${what}`);
  const breakers = new Map();
  for (const s of samples.filter((x) => x.name.startsWith('ft_circuitbreaker_'))) {
    const method = s.labels.method || '?';
    const row = breakers.get(method) || { opened: 0, calls: 0, prevented: 0 };
    if (s.name === 'ft_circuitbreaker_opened_total') {
      row.opened += s.value;
    } else if (s.name === 'ft_circuitbreaker_calls_total') {
      row.calls += s.value;
      if (s.labels.circuitBreakerResult === 'circuitBreakerOpen') {
        row.prevented += s.value;
      }
    }
    breakers.set(method, row);
  }
  const queues = samples.filter((s) => s.name === 'forecourt_jobs_waiting').map((s) => [s.labels.queue, s.value, sum(samples, 'forecourt_jobs_dead_lettered_total', (l) => l.queue === s.labels.queue)]);
  show(
    h('h1', {}, 'Technical dashboard'),
    h('p', { class: 'muted' }, `Node ${status.node} (version ${status.version}, up ${status.uptime}); cluster members: ${status.members.join(', ')}. Figures of this node since its start. Refreshes every minute.`),
    h(
      'div',
      { class: 'cards' },
      card('Throughput', throughput === null ? 'after the next refresh' : `${format(throughput)} req/s`, 'tech-throughput'),
      card('Requests', format(requests), 'tech-requests'),
      card('Server errors', requests === 0 ? '—' : `${format((100 * serverErrors) / requests)} %`, 'tech-error-rate'),
      card('DB pool in use', `${format(pool('usedConnection_total'))} of ${format(pool('totalConnection'))}`, 'tech-pool'),
      card('L2 cache hits', ratio(sum(samples, 'forecourt_l2_cache_hits'), sum(samples, 'forecourt_l2_cache_misses')), 'tech-l2'),
      card('Response cache hits', ratio(sum(samples, 'forecourt_response_cache_hits'), sum(samples, 'forecourt_response_cache_misses')), 'tech-response-cache'),
    ),
    h('h2', {}, 'Latency per endpoint'),
    table('The 15 busiest endpoints', ['Endpoint', 'Requests', 'p50', 'p95', 'p99'], rows, { id: 'endpoints-table' }),
    h('h2', {}, 'Job queues'),
    table('Jobs waiting and dead-lettered per queue', ['Queue', 'Waiting', 'Dead-lettered'], queues, { id: 'queues-table' }),
    h('h2', {}, 'Circuit breakers'),
    breakers.size === 0
      ? h('p', { id: 'breakers-table' }, 'No guarded call made yet.')
      : table('Circuit breakers', ['Method', 'Calls', 'Opened', 'Calls refused while open'], [...breakers].map(([method, b]) => [method, b.calls, b.opened, b.prevented]), { id: 'breakers-table' }),
    h('h2', {}, 'Nodes'),
    table('Cluster members', ['Node'], status.members.map((m) => [m === status.node ? `${m} (this one)` : m]), { id: 'nodes-table' }),
  );
}
