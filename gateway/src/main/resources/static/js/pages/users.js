// Administrators: every user, adding one, disabling / enabling, giving or taking credit.

import {api} from '../api.js';
import {act, debounce, el, errorSlot, field, table, when} from '../ui.js';

export async function render(view, params, ctx) {
  const list = el('div', {id: 'user-list'});
  view.append(el('h1', {text: 'Users'}), addForm(() => load()), list);
  const load = async () => {
    const users = await api('GET', '/api/users');
    list.replaceChildren(table('Users', ['User', 'Email', 'Role', 'Credit', 'Status', 'Since', 'Actions'],
      users.map(u => row(u, load))));
  };
  ctx.onEvent(debounce(type => { if (type.startsWith('user.')) load().catch(() => {}); }, 200));
  await load();
}

function row(user, reload) {
  const error = errorSlot(`user-error-${user.id}`);
  const delta = el('input', {type: 'number', step: 1, value: 10, required: true, 'aria-label': `Credit change for ${user.username}`, class: 'small'});
  const reason = el('input', {placeholder: 'reason', 'aria-label': `Reason for ${user.username}'s credit change`, class: 'small'});
  const credit = el('form', {class: 'inline-form'}, delta, reason, el('button', {type: 'submit', text: 'Change credit'}));
  credit.addEventListener('submit', async e => {
    e.preventDefault();
    if (await act(error, credit, () => api('POST', `/api/users/${user.id}/credit`, {delta: Number(delta.value), reason: reason.value || undefined}))) await reload();
  });
  const toggle = el('button', {type: 'button', class: user.enabled ? 'danger' : 'secondary', text: user.enabled ? 'Disable' : 'Enable',
    'aria-label': `${user.enabled ? 'Disable' : 'Enable'} ${user.username}`,
    onclick: async () => {
      if (await act(error, null, () => api('POST', `/api/users/${user.id}/${user.enabled ? 'disable' : 'enable'}`))) await reload();
    }});
  return el('tr', {dataset: {userId: user.id, username: user.username}},
    el('th', {scope: 'row', text: user.username}),
    el('td', {text: user.email || '—'}),
    el('td', {text: user.role}),
    el('td', {class: 'credit', text: String(user.credit)}),
    el('td', {text: user.enabled ? 'enabled' : 'disabled'}),
    el('td', {text: when(user.createdAt)}),
    el('td', {}, credit, toggle, error));
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
