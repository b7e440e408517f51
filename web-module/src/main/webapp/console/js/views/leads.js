// Leads: the funnel as a board (one column per stage), each lead with the moves its stage allows
// (POST /leads/{id}/transitions with the lead's version in If-Match; a lead lost needs a reason).
import { call, get } from '../api.js';
import { alertBox, fragmentQuery, h, show } from '../dom.js';

const STAGES = ['NEW', 'CONTACTED', 'QUALIFIED', 'TEST_DRIVE', 'NEGOTIATION', 'WON', 'LOST'];
const LIMIT = 100;

export const autoRefresh = false;

export async function render({ args }) {
  const dealership = fragmentQuery().get('dealership') || '';
  const query = dealership ? `&dealership=${encodeURIComponent(dealership)}` : '';
  const page = await get(`/leads?limit=${LIMIT}${query}`);
  const result = h('div', { id: 'lead-result', 'aria-live': 'polite' });
  const columns = STAGES.map((stage) => {
    const leads = page.items.filter((lead) => lead.status === stage);
    return h(
      'section',
      { class: 'column', 'aria-labelledby': `stage-${stage}` },
      h('h2', { id: `stage-${stage}` }, `${stage.replace('_', ' ')} (${leads.length})`),
      h('ul', { id: `leads-${stage}` }, leads.map((lead) => card(lead, result, args))),
    );
  });
  show(
    h('h1', {}, 'Leads'),
    h('p', { class: 'muted' }, `The latest ${LIMIT} leads you may see${dealership ? ` at ${dealership}` : ''}, by stage.`),
    result,
    h('div', { class: 'board', id: 'lead-board' }, columns),
  );
}

function card(lead, result, args) {
  const moves = lead.allowedTransitions.map((stage) =>
    h('button', { type: 'button', class: 'secondary', 'data-lead': lead.id, 'data-to': stage, onclick: () => move(lead, stage, result, args) }, `→ ${stage.replace('_', ' ')}`),
  );
  return h(
    'li',
    { class: 'lead', id: `lead-${lead.id}` },
    h('strong', {}, `#${lead.id}`),
    ` ${lead.source} · ${lead.dealershipCode}`,
    lead.assignedTo ? h('div', { class: 'muted' }, `Assigned to ${lead.assignedTo}`) : null,
    lead.lostReason ? h('div', { class: 'muted' }, `Lost: ${lead.lostReason}`) : null,
    h('div', { class: 'moves' }, moves),
  );
}

async function move(lead, stage, result, args) {
  const body = { status: stage };
  if (stage === 'LOST') {
    const reason = window.prompt(`Why was lead #${lead.id} lost?`);
    if (!reason) {
      return;
    }
    body.reason = reason;
  }
  try {
    await call('POST', `/leads/${lead.id}/transitions`, { body, headers: { 'If-Match': `"${lead.version}"` } });
    await render({ args });
    document.getElementById('lead-result').replaceChildren(h('div', { class: 'ok', role: 'status' }, `Lead #${lead.id} moved to ${stage.replace('_', ' ')}`));
  } catch (e) {
    if (e.kind === 'precondition-failed') {
      await render({ args });
      document.getElementById('lead-result').replaceChildren(alertBox(`Lead #${lead.id} was changed by someone else meanwhile: here is its current stage`));
    } else {
      result.replaceChildren(alertBox(e.explanation));
    }
  }
}
