// Inventory: search the stock (make, model, dealership, status), list a new vehicle, open a vehicle, edit it with the
// ETag of the read (If-Match: a change by someone else since is refused, 412, and reloaded).
import * as api from '../api.js';
import { call, get } from '../api.js';
import { alertBox, field, format, fragmentQuery, h, money, searchesBy, show, status as announce, submits, table, versionedChange } from '../dom.js';

const STATUSES = ['', 'AVAILABLE', 'RESERVED', 'SOLD'];
const EDITABLE = [
  ['make', 'Make', 'text'],
  ['model', 'Model', 'text'],
  ['trim', 'Trim', 'text'],
  ['modelYear', 'Model year', 'number'],
  ['mileage', 'Mileage (km)', 'number'],
  ['colour', 'Colour', 'text'],
  ['price', 'Price', 'text'],
];

export async function render({ args }) {
  if (args[0]) {
    return detail(args[0]);
  }
  const query = fragmentQuery();
  const searchField = (name, label, value) => field(`search-${name}`, label, { name, value: value || '' });
  const status = h('select', { id: 'search-status', name: 'status' }, STATUSES.map((s) => h('option', { value: s, selected: query.get('status') === s }, s || 'any')));
  const form = h('form', { class: 'inline', role: 'search' }, searchField('make', 'Make', query.get('make')), searchField('model', 'Model', query.get('model')), searchField('dealership', 'Dealership', query.get('dealership')), h('div', {}, h('label', { for: 'search-status' }, 'Status'), status), h('button', { type: 'submit' }, 'Search'));
  searchesBy(form, 'inventory');
  query.set('limit', '50');
  const page = await get(`/vehicles?${query}`);
  show(
    h('h1', {}, 'Inventory'),
    form,
    api.offline ? null : listing(),
    table(
      `${page.items.length} vehicles${page.nextCursor ? ' (first 50)' : ''}`,
      ['Vehicle', 'VIN', 'Year', 'Mileage', 'Price', 'Status', 'Dealership'],
      page.items.map((v) => [h('a', { href: `#/inventory/${v.id}` }, `${v.make} ${v.model} ${v.trim || ''}`.trim()), v.vin, v.modelYear, v.mileage, money(v.price, v.currency), v.status, v.dealershipCode]),
      { id: 'vehicles-table' },
    ),
  );
}

async function detail(id) {
  const { data: vehicle, etag } = await call('GET', `/vehicles/${encodeURIComponent(id)}`);
  const result = h('div', { id: 'vehicle-result', 'aria-live': 'polite' });
  const inputs = {};
  const fields = EDITABLE.map(([name, label, type]) => {
    inputs[name] = h('input', { id: `vehicle-${name}`, name, type, value: vehicle[name] ?? '' });
    return h('div', {}, h('label', { for: `vehicle-${name}` }, label), inputs[name]);
  });
  const save = h('button', { type: 'submit', id: 'vehicle-save' }, 'Save');
  const form = h('form', { id: 'vehicle-form' }, fields, h('p', {}, save));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const draft = { vin: vehicle.vin, currency: vehicle.currency, status: vehicle.status, dealershipCode: vehicle.dealershipCode };
    for (const [name, , type] of EDITABLE) {
      const value = inputs[name].value.trim();
      draft[name] = value === '' ? null : type === 'number' ? Number(value) : value;
    }
    await versionedChange(
      () => call('PUT', `/vehicles/${vehicle.id}`, { body: draft, headers: { 'If-Match': etag } }),
      () => detail(id),
      'vehicle-result',
      'Saved',
      'Someone changed this vehicle meanwhile: here is their version, your change was not saved',
    );
  });
  const name = `${vehicle.make} ${vehicle.model} ${vehicle.trim || ''}`.trim();
  const [drives, prices] = api.offline
    ? [null, null]
    : await Promise.all([get(`/test-drives?vehicleId=${vehicle.id}`).catch(() => null), get(`/vehicles/${vehicle.id}/price-history`).catch(() => null)]);
  show(
    h('h1', {}, name),
    h('p', { class: 'muted' }, h('a', { href: '#/inventory' }, 'Back to the inventory')),
    await photos(vehicle, name, id),
    table('The vehicle', ['VIN', 'Status', 'Dealership', 'Price', 'Mileage'], [[vehicle.vin, vehicle.status, vehicle.dealershipCode, money(vehicle.price, vehicle.currency), format(vehicle.mileage)]], { id: 'vehicle-summary' }),
    result,
    api.offline ? null : form,
    drives === null ? null : h('h2', {}, 'Test drives'),
    drives === null
      ? null
      : table('Test drives of this vehicle', ['Starts', 'Ends', 'Salesperson', 'Lead', 'Status'], drives.map((d) => [d.startsAt, d.endsAt, d.salesperson, h('a', { href: `#/leads/${d.leadId}` }, `#${d.leadId}`), d.status]), { id: 'test-drives-table' }),
    prices === null ? null : h('h2', {}, 'Price history'),
    prices === null
      ? null
      : table('Every change of the list price, oldest first', ['Changed', 'From', 'To'], prices.map((p) => [p.changedAt, p.oldPrice == null ? 'first listing' : money(p.oldPrice, p.oldCurrency), money(p.newPrice, p.currency)]), { id: 'price-history-table' }),
  );
}

// The vehicle's photos, and (online, for staff) an upload: JPEG, PNG or WebP; the server checks it
// and keeps its own re-encoding, without the camera's metadata.
async function photos(vehicle, name, id) {
  const list = await get(`/vehicles/${vehicle.id}/photos`);
  const result = h('div', { id: 'photo-result', 'aria-live': 'polite' });
  const gallery = h(
    'div',
    { class: 'photos', id: 'photos' },
    list.length === 0
      ? h('p', { class: 'muted' }, 'No photos yet.')
      : list.map((photo, i) =>
          h('figure', {}, h('img', { src: `/api/v1/vehicles/${vehicle.id}/photos/${photo.id}`, alt: `Photo ${i + 1} of the ${name}`, width: 240, loading: 'lazy' }), h('figcaption', { class: 'muted' }, `${photo.width} × ${photo.height}`)),
        ),
  );
  if (api.offline) {
    return h('section', { 'aria-label': 'Photos' }, gallery);
  }
  const file = h('input', { id: 'photo-file', name: 'photo', type: 'file', accept: 'image/jpeg,image/png,image/webp' });
  const form = h('form', { class: 'inline', id: 'photo-form' }, h('div', {}, h('label', { for: 'photo-file' }, 'Add a photo (JPEG, PNG or WebP)'), file), h('button', { type: 'submit', id: 'photo-upload' }, 'Upload'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    result.replaceChildren();
    if (!file.files.length) {
      result.append(alertBox('Choose a photo first'));
      return;
    }
    try {
      await call('POST', `/vehicles/${vehicle.id}/photos`, { body: file.files[0] });
      await detail(id);
      document.getElementById('photo-result').replaceChildren(h('div', { class: 'ok', role: 'status' }, 'Photo added'));
    } catch (e) {
      result.replaceChildren(alertBox(`Refused: ${e.explanation}`));
    }
  });
  return h('section', { 'aria-label': 'Photos' }, gallery, form, result);
}

// A new vehicle on the list (POST /vehicles): the server checks the VIN's check digit and every
// field; a refusal names each field and why.
function listing() {
  const result = h('div', { id: 'listing-result', 'aria-live': 'polite' });
  const inputs = [
    field('listing-vin', 'VIN', { name: 'vin', required: true, maxlength: 17, autocomplete: 'off' }),
    ...EDITABLE.map(([name, label, type]) => field(`listing-${name}`, label, { name, type, required: name !== 'trim' && name !== 'colour' })),
    field('listing-currency', 'Currency', { name: 'currency', value: 'EUR', required: true, maxlength: 3 }),
    field('listing-dealership', 'Dealership (code)', { name: 'dealershipCode', required: true }),
  ];
  const form = submits(h('form', { id: 'listing-form', class: 'inline' }, inputs, h('button', { type: 'submit', id: 'listing-submit' }, 'List')), result, async (filled) => {
    const values = new FormData(filled);
    const draft = {};
    for (const [name, value] of values) {
      const type = EDITABLE.find(([n]) => n === name)?.[2];
      draft[name] = value === '' ? null : type === 'number' ? Number(value) : value.trim();
    }
    const { data } = await call('POST', '/vehicles', { body: draft });
    announce(`Listed: ${data.make} ${data.model}`);
    location.hash = `#/inventory/${data.id}`;
  });
  return h('details', { id: 'listing' }, h('summary', {}, 'List a vehicle'), result, form);
}
