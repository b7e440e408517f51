// Leads: the funnel as a board (one column per stage), each lead with the moves its stage allows
// (POST /leads/{id}/transitions with the lead's version in If-Match; a lead lost needs a reason);
// a lead's page: its activities (add a call, an e-mail, a note) and, for managers, its assignment.
import { call, get } from '../api.js';
import { alertBox, fragmentQuery, h, show, table, versionedChange } from '../dom.js';

const STAGES = ['NEW', 'CONTACTED', 'QUALIFIED', 'TEST_DRIVE', 'NEGOTIATION', 'WON', 'LOST'];
const LIMIT = 100;

export const autoRefresh = false;

export async function render({ args, caller }) {
  if (args[0]) {
    return detail(args[0], caller);
  }
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
      h('ul', { id: `leads-${stage}` }, leads.map((lead) => card(lead, args))),
    );
  });
  show(
    h('h1', {}, 'Leads'),
    h('p', { class: 'muted' }, `The latest ${LIMIT} leads you may see${dealership ? ` at ${dealership}` : ''}, by stage.`),
    result,
    h('div', { class: 'board', id: 'lead-board' }, columns),
  );
}

function card(lead, args) {
  const moves = lead.allowedTransitions.map((stage) =>
    h('button', { type: 'button', class: 'secondary', 'data-lead': lead.id, 'data-to': stage, onclick: () => move(lead, stage, args) }, `→ ${stage.replace('_', ' ')}`),
  );
  return h(
    'li',
    { class: 'lead', id: `lead-${lead.id}` },
    h('a', { href: `#/leads/${lead.id}` }, h('strong', {}, `#${lead.id}`)),
    ` ${lead.source} · ${lead.dealershipCode}`,
    lead.assignedTo ? h('div', { class: 'muted' }, `Assigned to ${lead.assignedTo}`) : null,
    lead.lostReason ? h('div', { class: 'muted' }, `Lost: ${lead.lostReason}`) : null,
    h('div', { class: 'moves' }, moves),
  );
}

async function move(lead, stage, args) {
  const body = { status: stage };
  if (stage === 'LOST') {
    const reason = window.prompt(`Why was lead #${lead.id} lost?`);
    if (!reason) {
      return;
    }
    body.reason = reason;
  }
  await versionedChange(
    () => call('POST', `/leads/${lead.id}/transitions`, { body, headers: { 'If-Match': `"${lead.version}"` } }),
    () => render({ args }),
    'lead-result',
    `Lead #${lead.id} moved to ${stage.replace('_', ' ')}`,
    `Lead #${lead.id} was changed by someone else meanwhile: here is its current stage`,
  );
}

const KINDS = ['CALL', 'EMAIL', 'NOTE'];

async function detail(id, caller) {
  const [{ data: lead }, activities] = await Promise.all([call('GET', `/leads/${encodeURIComponent(id)}`), get(`/leads/${encodeURIComponent(id)}/activities`)]);
  const result = h('div', { id: 'lead-detail-result', 'aria-live': 'polite' });
  const done = async (text) => {
    await detail(id, caller);
    document.getElementById('lead-detail-result').replaceChildren(h('div', { class: 'ok', role: 'status' }, text));
  };
  const kind = h('select', { id: 'activity-kind', name: 'kind' }, KINDS.map((k) => h('option', { value: k }, k)));
  const note = h('input', { id: 'activity-note', name: 'note', maxlength: 2000 });
  const activityForm = h('form', { class: 'inline', id: 'activity-form' }, h('div', {}, h('label', { for: 'activity-kind' }, 'Kind'), kind), h('div', {}, h('label', { for: 'activity-note' }, 'Note'), note), h('button', { type: 'submit', id: 'activity-add' }, 'Add'));
  activityForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await call('POST', `/leads/${lead.id}/activities`, { body: { kind: kind.value, note: note.value } });
      await done(`${kind.value} added`);
    } catch (e) {
      result.replaceChildren(alertBox(e.explanation));
    }
  });
  let assignForm = null;
  if (caller.groups.includes('manager') || caller.groups.includes('admin')) {
    const salesperson = h('input', { id: 'assignee', name: 'salesperson', value: lead.assignedTo || '' });
    assignForm = h('form', { class: 'inline', id: 'assign-form' }, h('div', {}, h('label', { for: 'assignee' }, 'Salesperson'), salesperson), h('button', { type: 'submit', id: 'assign' }, 'Assign'));
    assignForm.addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        await call('PUT', `/leads/${lead.id}/assignee`, { body: { salesperson: salesperson.value }, headers: { 'If-Match': `"${lead.version}"` } });
        await done(`Assigned to ${salesperson.value}`);
      } catch (e) {
        result.replaceChildren(alertBox(e.kind === 'precondition-failed' ? 'The lead was changed by someone else meanwhile: reload it' : e.explanation));
      }
    });
  }
  show(
    h('h1', {}, `Lead #${lead.id}`),
    h('p', { class: 'muted' }, h('a', { href: '#/leads' }, 'Back to the board')),
    table('The lead', ['Stage', 'Source', 'Dealership', 'Vehicle', 'Assigned to', 'Created'], [[lead.status, lead.source, lead.dealershipCode, lead.vehicleId ? h('a', { href: `#/inventory/${lead.vehicleId}` }, `#${lead.vehicleId}`) : '—', lead.assignedTo || '—', lead.createdAt]], { id: 'lead-summary' }),
    result,
    assignForm ? h('h2', {}, 'Assignment') : null,
    assignForm,
    h('h2', {}, 'Activities'),
    table('Activities, oldest first', ['When', 'Kind', 'Note', 'By'], activities.map((a) => [a.occurredAt, a.kind, a.note || '—', a.actor]), { id: 'activities-table' }),
    activityForm,
  );
}
