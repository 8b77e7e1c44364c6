// Sign in: username and password, and a link per single sign-on provider when there are any.

import {login, ssoProviders} from '../api.js';
import {act, el, errorSlot, field, showError, title} from '../ui.js';

export async function render(view, params, ctx) {
  title('Sign in');
  const username = el('input', {name: 'username', id: 'login-username', autocomplete: 'username', required: true});
  const password = el('input', {name: 'password', id: 'login-password', type: 'password', autocomplete: 'current-password', required: true});
  const error = errorSlot('login-error');
  const form = el('form', {class: 'card narrow', 'aria-labelledby': 'login-title'},
    el('h1', {id: 'login-title', text: 'Sign in to ConPaaS'}),
    field('Username', username),
    field('Password', password),
    error,
    el('button', {type: 'submit', id: 'login-submit', text: 'Sign in'}));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const ok = await act(error, form, async () => { await login(username.value.trim(), password.value); return true; });
    if (ok) ctx.signedIn();
    else password.select();
  });
  const sso = el('div', {class: 'sso', id: 'sso-providers'});
  view.append(form, sso);
  const ssoError = sessionStorage.getItem('conpaas.sso-error');
  if (ssoError) {
    sessionStorage.removeItem('conpaas.sso-error');
    showError(error, {detail: `single sign-on did not complete: ${ssoError}`});
  }
  username.focus();
  const providers = await ssoProviders();
  if (providers.length > 0) {
    sso.append(el('p', {text: 'Or sign in through your institution:'}),
      el('ul', {}, providers.map(p => el('li', {},
        el('a', {class: 'sso-login', href: p.loginUrl, dataset: {provider: p.id}, text: `Sign in with ${p.name}`})))));
  }
}
