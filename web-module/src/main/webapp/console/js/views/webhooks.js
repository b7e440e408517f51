// Webhooks: the subscriptions (never their secret) and, for one, its delivery log: one line per
// attempt, with the receiver's answer.
import { call, get } from '../api.js';
import { alertBox, h, show, table } from '../dom.js';

export async function render({ args }) {
  const hooks = await get('/webhooks');
  const result = h('div', { id: 'webhook-result', 'aria-live': 'polite' });
  const chosen = args[0] ? hooks.find((w) => String(w.id) === args[0]) : null;
  const deliveries = chosen ? await get(`/webhooks/${chosen.id}/deliveries?limit=50`) : null;
  const unsubscribe = async (hook) => {
    try {
      await call('DELETE', `/webhooks/${hook.id}`);
      location.hash = '#/webhooks';
    } catch (e) {
      result.replaceChildren(alertBox(e.explanation));
    }
  };
  show(
    h('h1', {}, 'Webhooks'),
    result,
    table(
      'Subscriptions',
      ['URL', 'Events', 'Description', 'Active', 'Deliveries', 'Action'],
      hooks.map((w) => [
        w.url,
        [...w.eventTypes].join(' '),
        w.description || '—',
        w.active ? 'yes' : 'no',
        h('a', { href: `#/webhooks/${w.id}`, 'data-webhook': w.id }, 'Delivery log'),
        w.active ? h('button', { type: 'button', class: 'secondary', onclick: () => unsubscribe(w) }, 'Unsubscribe') : '',
      ]),
      { id: 'webhooks-table' },
    ),
    chosen
      ? h(
          'section',
          { 'aria-label': 'Delivery log' },
          h('h2', {}, `Delivery log of ${chosen.url}`),
          table(
            'The latest 50 attempts, newest first',
            ['When', 'Event', 'Attempt', 'Outcome', 'Status', 'Error', 'Duration'],
            deliveries.items.map((d) => [d.attemptedAt, d.eventType, d.attempt, d.outcome, d.statusCode ?? '—', d.error || '—', `${d.durationMillis} ms`]),
            { id: 'deliveries-table' },
          ),
        )
      : null,
  );
}
