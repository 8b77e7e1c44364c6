// Administrators: every user (searchable), adding one, and per user one Manage button opening
// the credit change (no preset amount) and disable / enable (never for oneself).

import {api} from '../api.js';
import {act, debounce, el, errorSlot, field, table, title, when} from '../ui.js';

export async function render(view, params, ctx) {
  title('Users');
  const search = el('input', {id: 'user-search', type: 'search', class: 'search', placeholder: 'name, email or role',
    autocomplete: 'off'});
  const list = el('div', {id: 'user-list'});
  const panel = el('div', {id: 'user-manage'});
  let users = [];
  let managed = null;
  const draw = () => {
    const words = search.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    const shown = users.filter(u => words.every(w =>
      [u.username, u.email, u.role, u.enabled ? 'enabled' : 'disabled'].some(v => (v || '').toLowerCase().includes(w))));
    list.replaceChildren(shown.length === 0
      ? el('p', {class: 'empty', id: 'no-users', text: `No user matches “${search.value.trim()}”.`})
      : table('Users', ['User', 'Email', 'Role', 'Credit', 'Status', 'Since', ''], shown.map(u => row(u, manage))));
    if (managed) {
      const fresh = users.find(u => u.id === managed);
      panel.replaceChildren(fresh ? managePanel(fresh, ctx.me, load, () => { managed = null; panel.replaceChildren(); }) : '');
    }
  };
  const manage = user => {
    managed = user.id;
    draw();
    panel.querySelector('input')?.focus();
  };
  const load = async () => {
    users = await api('GET', '/api/users');
    draw();
  };
  search.addEventListener('input', draw);
  view.append(el('h1', {text: 'Users'}), field('Search', search), panel, list, addForm(() => load()));
  ctx.onEvent(debounce(type => { if (type.startsWith('user.')) load().catch(() => {}); }, 200));
  await load();
}

function row(user, manage) {
  return el('tr', {dataset: {userId: user.id, username: user.username}},
    el('th', {scope: 'row', text: user.username}),
    el('td', {text: user.email || '—'}),
    el('td', {text: user.role}),
    el('td', {class: 'credit', text: String(user.credit)}),
    el('td', {text: user.enabled ? 'enabled' : 'disabled'}),
    el('td', {text: when(user.createdAt)}),
    el('td', {}, el('button', {type: 'button', class: 'secondary manage', text: 'Manage', 'aria-label': `Manage ${user.username}`,
      onclick: () => manage(user)})));
}

/** Credit and access of one user; an administrator cannot disable themself. */
function managePanel(user, me, reload, close) {
  const error = errorSlot('manage-error');
  const delta = el('input', {id: 'credit-delta', type: 'number', step: 1, required: true, placeholder: '+10 or -5', class: 'small'});
  const reason = el('input', {id: 'credit-reason', placeholder: 'optional'});
  const credit = el('form', {class: 'inline-form', 'aria-label': `Change ${user.username}'s credit`},
    field('Credit change', delta), field('Reason', reason), el('button', {type: 'submit', id: 'change-credit', text: 'Change credit'}));
  credit.addEventListener('submit', async e => {
    e.preventDefault();
    if (await act(error, credit, () => api('POST', `/api/users/${user.id}/credit`, {delta: Number(delta.value), reason: reason.value || undefined}))) await reload();
  });
  const self = me && (me.sub === user.id || me.preferred_username === user.username);
  const toggle = el('button', {type: 'button', id: 'toggle-user', class: user.enabled ? 'danger' : 'secondary',
    text: user.enabled ? 'Disable' : 'Enable', disabled: self && user.enabled,
    title: self && user.enabled ? 'You cannot disable yourself: another administrator can.' : undefined,
    onclick: async () => {
      if (await act(error, toggle.parentElement, () => api('POST', `/api/users/${user.id}/${user.enabled ? 'disable' : 'enable'}`))) await reload();
    }});
  return el('section', {class: 'card', 'aria-labelledby': 'manage-title', dataset: {userId: user.id}},
    el('h2', {id: 'manage-title', text: `${user.username}: credit ${user.credit}, ${user.enabled ? 'enabled' : 'disabled'}`}),
    credit,
    el('div', {class: 'actions'}, toggle,
      self && user.enabled ? el('span', {class: 'why', text: 'You cannot disable yourself.'}) : null,
      el('button', {type: 'button', class: 'secondary', text: 'Close', onclick: close})),
    error);
}

function addForm(reload) {
  const username = el('input', {id: 'new-user-name', autocomplete: 'off', required: true});
  const email = el('input', {id: 'new-user-email', type: 'email'});
  const password = el('input', {id: 'new-user-password', type: 'password', autocomplete: 'new-password', required: true});
  const role = el('select', {id: 'new-user-role'}, el('option', {value: 'user', text: 'user'}), el('option', {value: 'admin', text: 'admin'}));
  const credit = el('input', {id: 'new-user-credit', type: 'number', min: 0, placeholder: 'default'});
  const error = errorSlot('add-user-error');
  const form = el('form', {class: 'card', 'aria-labelledby': 'add-user-title'},
    el('h2', {id: 'add-user-title', text: 'Add a user'}),
    field('Username', username), field('Email', email), field('Password', password), field('Role', role), field('Credit', credit),
    error, el('button', {type: 'submit', id: 'add-user', text: 'Add user'}));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const body = {username: username.value, password: password.value, role: role.value};
    if (email.value) body.email = email.value;
    if (credit.value !== '') body.credit = Number(credit.value);
    if (await act(error, form, () => api('POST', '/api/users', body))) {
      form.reset();
      await reload();
    }
  });
  return form;
}
