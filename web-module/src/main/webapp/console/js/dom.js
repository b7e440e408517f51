// Building the page without innerHTML: every text from the server goes in as a text node, so no
// answer can inject markup or script.

/** An element: h('td', { class: 'num' }, '42') */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) {
      continue;
    }
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.substring(2), value);
    } else {
      element.setAttribute(name, value === true ? '' : value);
    }
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) {
      element.append(child instanceof Node ? child : String(child));
    }
  }
  return element;
}

/** A table with a caption, header cells and rows; cells that are numbers align right. */
export function table(caption, headers, rows, { id } = {}) {
  const numeric = (value) => typeof value === 'number';
  return h(
    'table',
    { id },
    h('caption', { class: 'muted' }, caption),
    h('thead', {}, h('tr', {}, headers.map((name) => h('th', { scope: 'col' }, name)))),
    h(
      'tbody',
      {},
      rows.map((row) => h('tr', {}, row.map((cell) => h('td', { class: numeric(cell) ? 'num' : null }, format(cell))))),
    ),
  );
}

/** A key figure. */
export function card(label, value, id) {
  return h('div', { class: 'card' }, h('div', { class: 'label', id: `${id}-label` }, label), h('div', { class: 'value', id, 'aria-labelledby': `${id}-label ${id}` }, value));
}

const NUMBER = new Intl.NumberFormat('en', { maximumFractionDigits: 2 });

export function format(value) {
  return typeof value === 'number' ? NUMBER.format(value) : value ?? '—';
}

export function money(amount, currency) {
  return `${NUMBER.format(Number(amount))} ${currency}`;
}

/** Replaces the page's content and moves the focus to its heading (for screen readers). */
export function show(...content) {
  const main = document.getElementById('main');
  main.replaceChildren(...content.filter((part) => part !== null && part !== undefined));
  const heading = main.querySelector('h1');
  if (heading) {
    heading.setAttribute('tabindex', '-1');
    heading.focus();
  }
}

export function alertBox(text) {
  return h('div', { class: 'alert', role: 'alert' }, text);
}

export function status(text) {
  document.getElementById('status').textContent = text;
}

/** A bar or line chart over a visible table of the same numbers (Chart.js). */
export function chart(label, config) {
  const canvas = h('canvas', { role: 'img', 'aria-label': label });
  const holder = h('div', { class: 'chart' }, canvas);
  requestAnimationFrame(() => {
    if (window.Chart && canvas.isConnected) {
      new window.Chart(canvas, { ...config, options: { responsive: true, maintainAspectRatio: false, animation: false, ...(config.options || {}) } });
    }
  });
  return holder;
}

/** The query of the screen's #fragment (#/inventory?make=Golf): a search is a link. */
export function fragmentQuery() {
  return new URLSearchParams(location.hash.split('?')[1] || '');
}

/** Makes a search form put its filled fields into the screen's #fragment query. */
export function searchesBy(form, screen) {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const [name, value] of new FormData(form)) {
      if (value) {
        next.set(name, value);
      }
    }
    location.hash = `#/${screen}?${next}`;
  });
  return form;
}

/** A labelled input of a form. */
export function field(id, label, attributes = {}) {
  return h('div', {}, h('label', { for: id }, label), h('input', { id, ...attributes }));
}

/** A group of checkboxes named {@code name}, one per value. */
export function checkboxes(name, legend, values, checked = []) {
  return h(
    'fieldset',
    { class: 'choices' },
    h('legend', {}, legend),
    values.map((value) => h('label', {}, h('input', { type: 'checkbox', name, value, checked: checked.includes(value) }), ` ${value}`)),
  );
}

/** The checked values of a form's checkboxes {@code name}, and a comma-separated field as a list. */
export function checked(form, name) {
  return new FormData(form).getAll(name);
}

export function list(text) {
  return (text || '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}

/** A secret the server shows once (an API key, a webhook's signing secret), with that warning. */
export function shownOnce(label, secret, id) {
  return h(
    'div',
    { class: 'ok', role: 'status' },
    h('p', {}, `${label} Copy it now: it is not shown again.`),
    h('output', { id, class: 'secret' }, secret),
  );
}

/** Runs {@code action} on submit (no page load); its error goes into {@code result}. */
export function submits(form, result, action) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await action(form);
    } catch (e) {
      result.replaceChildren(alertBox(e.explanation || e.message));
    }
  });
  return form;
}

/**
 * A change sent against the version the screen read (If-Match): once made, the screen is shown
 * again ({@code reload}) with {@code done} in the element {@code resultId}; refused because someone
 * else changed it meanwhile (412), the screen is shown again as it now is, with {@code stale};
 * any other refusal shows its explanation there.
 */
export async function versionedChange(send, reload, resultId, done, stale) {
  let message;
  try {
    await send();
    message = h('div', { class: 'ok', role: 'status' }, done);
  } catch (e) {
    if (e.kind !== 'precondition-failed') {
      document.getElementById(resultId).replaceChildren(alertBox(e.explanation));
      return;
    }
    message = alertBox(stale);
  }
  await reload();
  document.getElementById(resultId).replaceChildren(message);
}
