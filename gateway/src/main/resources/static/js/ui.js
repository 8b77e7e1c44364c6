// Small DOM helpers. Text from the API always goes in as text, never as HTML.

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : value);
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** An alert paragraph for the errors of one form or action, placed next to it. */
export function errorSlot(id) {
  return el('p', {class: 'error', role: 'alert', id, hidden: true});
}

export function showError(slot, error) {
  slot.textContent = error ? (error.detail || error.message || String(error)) : '';
  slot.hidden = !error;
}

/**
 * Runs an action for a form: disables its buttons meanwhile (each gets back the state it had, so
 * an action that is not legal now stays disabled), shows the API's detail in the slot.
 */
export async function act(slot, form, work) {
  showError(slot, null);
  const buttons = form ? [...form.querySelectorAll('button')] : [];
  const before = buttons.map(b => b.disabled);
  buttons.forEach(b => { b.disabled = true; });
  try {
    return await work();
  } catch (e) {
    showError(slot, e);
    return undefined;
  } finally {
    buttons.forEach((b, i) => { b.disabled = before[i]; });
  }
}

export function field(label, input, hint) {
  const id = input.id || `f-${Math.random().toString(36).slice(2, 9)}`;
  input.id = id;
  return el('div', {class: 'field'}, el('label', {for: id, text: label}), input, hint ? el('small', {text: hint}) : null);
}

export function stateBadge(state) {
  return el('span', {class: `state state-${(state || 'unknown').toLowerCase()}`, text: state || '?'});
}

/** An instant in the reader's zone and language, to the second. */
export function when(instant) {
  if (!instant) return '—';
  const d = new Date(instant);
  return Number.isNaN(d.getTime()) ? String(instant) : d.toLocaleString(undefined, {dateStyle: 'medium', timeStyle: 'medium'});
}

/** A <time> element showing an instant locally, the exact instant in its datetime and tooltip. */
export function time(instant) {
  return el('time', {datetime: instant || undefined, title: instant || undefined, text: when(instant)});
}

/** The page's title in the browser's tab and history. */
export function title(...parts) {
  document.title = [...parts.filter(Boolean), 'ConPaaS'].join(' · ');
}

const ISO_INSTANT = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})/g;
const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;

/** Text for a person: ISO instants as local times, identifiers as the names `names` knows (else shortened). */
export function readable(text, names) {
  return String(text ?? '')
    .replace(ISO_INSTANT, iso => when(iso))
    .replace(UUID, id => (names && names.get(id.toLowerCase())) || id.slice(0, 8));
}

/**
 * A list shown a page at a time: `draw(items)` fills the page; Previous / Next, "n–m of total"
 * and a rows-per-page choice below it move through the rest.
 */
export function pager(id, size, draw) {
  let items = [];
  let page = 0;
  const info = el('span', {class: 'muted', role: 'status'});
  const previous = el('button', {type: 'button', class: 'secondary', text: 'Previous', onclick: () => { page -= 1; show(); }});
  const next = el('button', {type: 'button', class: 'secondary', text: 'Next', onclick: () => { page += 1; show(); }});
  const perPage = el('select', {'aria-label': 'Rows per page', class: 'per-page'},
    [5, 20, 50].map(n => el('option', {value: n, text: `${n} a page`, selected: n === size})));
  perPage.addEventListener('change', () => { size = Number(perPage.value); page = 0; show(); });
  const body = el('div', {});
  const controls = el('div', {class: 'pager actions'}, previous, next, perPage, info);
  const box = el('div', {id}, body, controls);
  const show = () => {
    const pages = Math.max(1, Math.ceil(items.length / size));
    page = Math.min(Math.max(page, 0), pages - 1);
    body.replaceChildren(draw(items.slice(page * size, (page + 1) * size)));
    previous.disabled = page === 0;
    next.disabled = page >= pages - 1;
    controls.hidden = items.length <= 5;
    info.textContent = items.length === 0 ? '' : `${page * size + 1}–${Math.min(items.length, (page + 1) * size)} of ${items.length}`;
  };
  return {element: box, set(list) { items = list; show(); }};
}
export function duration(ms) {
  if (ms < 0 || !Number.isFinite(ms)) return '—';
  const s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (h > 0) return `${h}h ${m}m`;
  if (m > 0) return `${m}m ${s % 60}s`;
  return `${s}s`;
}

export function table(caption, headings, rows) {
  return el('div', {class: 'table-wrap'},
    el('table', {},
      el('caption', {text: caption}),
      el('thead', {}, el('tr', {}, headings.map(h => el('th', {scope: 'col', text: h})))),
      el('tbody', {}, rows)));
}

/** Calls fn at most once per `ms`, with the latest arguments, after the calls stop coming. */
export function debounce(fn, ms) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}
