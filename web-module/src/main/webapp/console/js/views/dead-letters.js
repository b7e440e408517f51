// Dead letters: the jobs (event publications, webhook deliveries) that failed every attempt, with
// their last error; redeliver one (it goes back on its queue) or discard it.
import { call, get } from '../api.js';
import { alertBox, h, show, table } from '../dom.js';

export async function render() {
  const letters = await get('/admin/dlq');
  const result = h('div', { id: 'dlq-result', 'aria-live': 'polite' });
  const act = async (method, letter, done) => {
    try {
      await call(method, method === 'POST' ? `/admin/dlq/${encodeURIComponent(letter.jobId)}/redeliver` : `/admin/dlq/${encodeURIComponent(letter.jobId)}`);
      await render();
      document.getElementById('dlq-result').replaceChildren(h('div', { class: 'ok', role: 'status' }, `${letter.eventType || letter.jobId} ${done}`));
    } catch (e) {
      result.replaceChildren(alertBox(e.explanation));
    }
  };
  const rows = letters.map((letter) => [
    letter.queue,
    letter.eventType || '—',
    letter.subscriptionId ?? '—',
    letter.attempts,
    letter.lastError || '—',
    letter.deadAt,
    h(
      'span',
      { class: 'actions' },
      h('button', { type: 'button', 'data-job': letter.jobId, class: 'redeliver', onclick: () => act('POST', letter, 'redelivered: back on its queue') }, 'Redeliver'),
      ' ',
      h('button', { type: 'button', 'data-job': letter.jobId, class: 'secondary discard', onclick: () => act('DELETE', letter, 'discarded') }, 'Discard'),
    ),
  ]);
  show(
    h('h1', {}, 'Dead letters'),
    h('p', { class: 'muted' }, 'Jobs that failed every attempt. Redeliver one once its cause is fixed (e.g. the webhook receiver answers again).'),
    result,
    letters.length === 0 ? h('p', { id: 'dlq-empty' }, 'No dead letters.') : table('Dead letters', ['Queue', 'Event', 'Webhook', 'Attempts', 'Last error', 'Dead since', 'Action'], rows, { id: 'dlq-table' }),
  );
}
