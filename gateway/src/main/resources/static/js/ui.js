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

/** Runs an action for a form: disables its buttons meanwhile, shows the API's detail in the slot. */
export async function act(slot, form, work) {
  showError(slot, null);
  const buttons = form ? [...form.querySelectorAll('button')] : [];
  buttons.forEach(b => { b.disabled = true; });
  try {
    return await work();
  } catch (e) {
    showError(slot, e);
    return undefined;
  } finally {
    buttons.forEach(b => { b.disabled = false; });
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

export function when(instant) {
  if (!instant) return '—';
  const d = new Date(instant);
  return Number.isNaN(d.getTime()) ? String(instant) : d.toLocaleString();
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
