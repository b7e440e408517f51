// Webhooks: subscribe a receiver (its signing secret shown once), the subscriptions (never their
// secret) and, for one, its delivery log: one line per attempt, with the receiver's answer.
import { call, get } from '../api.js';
import { alertBox, checkboxes, checked, field, h, show, shownOnce, submits, table } from '../dom.js';

const EVENTS = ['lead.created', 'lead.status_changed', 'test_drive.scheduled', 'deal.closed', 'vehicle.price_changed', 'vehicle.sold', 'sla.violated', 'sla.recovered'];

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
  const subscribe = submits(
    h(
      'form',
      { id: 'webhook-form', class: 'inline', 'aria-label': 'Subscribe a receiver' },
      field('webhook-url', 'Receiver URL', { name: 'url', type: 'url', required: true }),
      checkboxes('eventTypes', 'Events', EVENTS, ['deal.closed']),
      field('webhook-description', 'Description', { name: 'description' }),
      h('button', { type: 'submit', id: 'webhook-submit' }, 'Subscribe'),
    ),
    result,
    async (form) => {
      const values = new FormData(form);
      const body = { url: values.get('url'), eventTypes: checked(form, 'eventTypes'), description: values.get('description') || null };
      const { data } = await call('POST', '/webhooks', { body });
      await render({ args });
      document.getElementById('webhook-result').replaceChildren(shownOnce(`Subscribed ${data.url}: sign-check its deliveries with this secret.`, data.secret, 'new-webhook-secret'));
    },
  );
  show(
    h('h1', {}, 'Webhooks'),
    result,
    subscribe,
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
