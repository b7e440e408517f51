// SLA dashboard: the objectives, this node's figures over the objectives' window and the last hour,
// the cluster's 30-day error budget and the latest incidents.
import { get } from '../api.js';
import { card, format, h, show, table } from '../dom.js';

export const autoRefresh = true;
const percent = (x) => (x === null || x === undefined || Number.isNaN(x) ? '—' : `${format(x * 100)} %`);

export async function render() {
  const sla = await get('/admin/sla');
  const budget = sla.errorBudget;
  const windows = sla.windows.map((w) => [w.window, w.answers, w.serverErrors, percent(w.availability), percent(w.errorRate), `${format(w.p99Seconds * 1000)} ms`, w.objectives.map((o) => `${o.objective}: ${o.status}`).join(', ')]);
  show(
    h('h1', {}, 'SLA'),
    h('p', { class: 'muted' }, `Node ${sla.node}. Objectives: availability ${percent(sla.objectives.availability)}, p99 under ${format(sla.objectives.latencySeconds * 1000)} ms, error rate under ${percent(sla.objectives.errorRate)}. Refreshes every minute.`),
    h('div', { class: 'cards' }, card('Availability', percent(sla.windows[0]?.availability), 'sla-availability'), card('p99', `${format((sla.windows[0]?.p99Seconds || 0) * 1000)} ms`, 'sla-p99'), card('Error budget left', percent(budget.remaining), 'sla-budget')),
    table('This node', ['Window', 'Answers', 'Server errors', 'Availability', 'Error rate', 'p99', 'Objectives'], windows, { id: 'sla-windows' }),
    h('h2', {}, `Error budget (${budget.period}, every node)`),
    table('Error budget', ['Answers', 'Server errors', 'Allowed', 'Remaining'], [[budget.answers, budget.serverErrors, budget.allowed, budget.remaining]], { id: 'sla-budget-table' }),
    h('h2', {}, 'Incidents'),
    sla.incidents.length === 0
      ? h('p', { id: 'sla-incidents' }, 'No incidents.')
      : table('Latest incidents', ['Objective', 'Node', 'Started', 'Ended', 'Measured', 'Threshold'], sla.incidents.map((i) => [i.objective, i.node, i.startedAt, i.endedAt || 'open', i.measured, i.threshold]), { id: 'sla-incidents' }),
  );
}
