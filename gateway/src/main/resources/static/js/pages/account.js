// You: role, credit and its history (live while the page is open), and a user certificate
// as PKCS#12 protected by a password you choose.

import {api} from '../api.js';
import {act, el, errorSlot, field, readable, time, title, when} from '../ui.js';
import {nameDirectory} from '../names.js';

export async function render(view, params, ctx) {
  title('Account');
  const me = await api('GET', '/api/me');
  const [past, names] = await Promise.all([api('GET', `/api/users/${encodeURIComponent(me.id)}/credit-history`), nameDirectory()]);
  const credit = el('strong', {id: 'credit', text: String(me.credit)});
  const change = (at, delta, balance, reason) => el('li', {}, time(at),
    `: ${delta > 0 ? '+' : ''}${delta} → ${balance} (${reason ? readable(reason, names) : 'no reason given'})`);
  const changes = el('ul', {id: 'credit-changes', 'aria-live': 'polite'},
    ...past.map(c => change(c.at, c.delta, c.balance, c.reason)));
  view.append(
    el('h1', {text: 'Account'}),
    el('dl', {class: 'facts'},
      el('dt', {text: 'Username'}), el('dd', {text: me.username}),
      el('dt', {text: 'Email'}), el('dd', {text: me.email || '—'}),
      el('dt', {text: 'Role'}), el('dd', {text: me.role}),
      el('dt', {text: 'Member since'}), el('dd', {text: when(me.createdAt)}),
      el('dt', {text: 'Credit'}), el('dd', {}, credit)),
    el('section', {class: 'card', 'aria-labelledby': 'credit-title'},
      el('h2', {id: 'credit-title', text: 'Credit changes'}),
      el('p', {class: 'muted', text: 'Newest first: billing charges while your nodes run and credit from an administrator; '
        + 'new changes appear as they happen.'}),
      past.length ? null : el('p', {id: 'no-credit-changes', text: 'No change yet.'}),
      changes),
    certificateForm(me));
  ctx.onEvent((type, body) => {
    if (type === 'user.credit-changed' && body.userId === me.id) {
      credit.textContent = String(body.balance);
      const none = document.getElementById('no-credit-changes');
      if (none) none.remove();
      changes.prepend(change(body.header && body.header.occurredAt, body.delta, body.balance, body.reason));
    }
  });
}

function certificateForm(me) {
  const password = el('input', {id: 'p12-password', type: 'password', autocomplete: 'new-password', minlength: 8, required: true});
  const error = errorSlot('certificate-error');
  const status = el('p', {id: 'certificate-status', role: 'status'});
  const form = el('form', {class: 'card', 'aria-labelledby': 'certificate-title'},
    el('h2', {id: 'certificate-title', text: 'Your certificate'}),
    el('p', {class: 'muted'}, 'A key and certificate naming you, for cps, curl or your browser (mutual TLS). '
      + 'ConPaaS keeps neither the key nor the password. ', el('a', {href: '/api/ca/certificate', download: 'conpaas-ca.pem', text: 'The CA certificate'}), '.'),
    field('Password for the PKCS#12 file', password),
    error, el('button', {type: 'submit', id: 'download-certificate', text: 'Create and download'}), status);
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const issued = await act(error, form, () => api('POST', '/api/ca/user-certificate', {password: password.value}));
    if (!issued) return;
    password.value = '';
    const bytes = Uint8Array.from(atob(issued.pkcs12Base64), c => c.charCodeAt(0));
    const link = el('a', {href: URL.createObjectURL(new Blob([bytes], {type: 'application/x-pkcs12'})),
      download: `conpaas-${me.username}.p12`, id: 'certificate-file', text: `conpaas-${me.username}.p12`});
    status.replaceChildren(`Certificate ${issued.serial}, valid until ${when(issued.notAfter)}: `, link);
    link.click();
  });
  return form;
}
