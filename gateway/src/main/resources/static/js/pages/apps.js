// Your applications: create, rename, delete; the list follows app.* events.

import {api} from '../api.js';
import {act, debounce, el, errorSlot, field, stateBadge, title, when} from '../ui.js';

export async function render(view, params, ctx) {
  title('Applications');
  const name = el('input', {id: 'new-app-name', name: 'name', maxlength: 64, required: true});
  const createError = errorSlot('create-app-error');
  const create = el('form', {class: 'inline-form', 'aria-label': 'Create an application'},
    field('New application', name), el('button', {type: 'submit', id: 'create-app', text: 'Create'}), createError);
  const list = el('ul', {class: 'cards', id: 'app-list', 'aria-live': 'polite'});
  view.append(el('h1', {text: 'Applications'}), create, list);

  // rename forms open (with what was typed) stay open when a live update redraws the list
  const renaming = new Map();
  const load = async () => {
    const apps = await api('GET', '/api/apps');
    const focused = document.activeElement && document.activeElement.getAttribute('aria-label');
    list.replaceChildren(...(apps.length === 0
      ? [el('li', {class: 'empty', text: 'No applications yet: create one above.'})]
      : apps.map(app => item(app, load, renaming))));
    if (focused) list.querySelector(`[aria-label="${CSS.escape(focused)}"]`)?.focus();
  };
  create.addEventListener('submit', async e => {
    e.preventDefault();
    const app = await act(createError, create, () => api('POST', '/api/apps', {name: name.value}));
    if (app) {
      name.value = '';
      await load();
    }
  });
  // a deletion under way shows each removed service, and ends with app.deleted
  ctx.onEvent(debounce(type => { if (type.startsWith('app.') || type === 'service.removed') load().catch(() => {}); }, 200));
  await load();
}

function item(app, reload, renaming) {
  const error = errorSlot(`app-error-${app.id}`);
  if (app.state === 'DELETING') {
    return el('li', {class: 'card', dataset: {appId: app.id, state: app.state}},
      el('h2', {}, el('a', {href: `#/apps/${encodeURIComponent(app.id)}`, text: app.name}), ' ', stateBadge('DELETING')),
      el('p', {class: 'muted', role: 'status', text: 'being deleted: its services are stopping and being removed'}));
  }
  const newName = el('input', {value: renaming.get(app.id) ?? app.name, maxlength: 64, required: true, 'aria-label': `New name for ${app.name}`,
    oninput: () => renaming.set(app.id, newName.value)});
  const rename = el('form', {class: 'inline-form', hidden: !renaming.has(app.id)},
    newName, el('button', {type: 'submit', text: 'Save'}),
    el('button', {type: 'button', class: 'secondary', text: 'Cancel', onclick: () => { renaming.delete(app.id); rename.hidden = true; }}));
  rename.addEventListener('submit', async e => {
    e.preventDefault();
    if (await act(error, rename, () => api('PATCH', `/api/apps/${app.id}`, {name: newName.value}))) {
      renaming.delete(app.id);
      await reload();
    }
  });
  const actions = el('div', {class: 'actions'},
    el('button', {type: 'button', class: 'secondary', text: 'Rename', 'aria-label': `Rename ${app.name}`,
      onclick: () => { renaming.set(app.id, newName.value); rename.hidden = false; newName.focus(); }}),
    el('button', {type: 'button', class: 'danger', text: 'Delete', 'aria-label': `Delete ${app.name}`,
      onclick: async () => {
        if (!confirm(`Delete the application ${app.name}? Its running services are stopped and removed first.`)) return;
        if (await act(error, actions, async () => { await api('DELETE', `/api/apps/${app.id}`); return true; })) await reload();
      }}));
  return el('li', {class: 'card', dataset: {appId: app.id, state: app.state}},
    el('h2', {}, el('a', {href: `#/apps/${encodeURIComponent(app.id)}`, text: app.name})),
    el('p', {class: 'muted', text: `created ${when(app.createdAt)}`}),
    actions, rename, error);
}
