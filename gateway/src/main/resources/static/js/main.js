// The dashboard's shell: sign-in state, the hash router (#/apps, #/apps/{id},
// #/apps/{id}/services/{svc}, #/account, #/activity, #/admin/users, #/admin/operations) and the live event
// stream each page subscribes to while it is shown.

import {claims, exchangeSsoCode, logOut, tokens} from './api.js';
import {LiveEvents} from './events.js';
import {el, errorSlot, showError, title} from './ui.js';
import * as loginPage from './pages/login.js';
import * as appsPage from './pages/apps.js';
import * as appPage from './pages/app.js';
import * as servicePage from './pages/service.js';
import * as accountPage from './pages/account.js';
import * as usersPage from './pages/users.js';
import * as operationsPage from './pages/operations.js';
import * as activityPage from './pages/activity.js';

const ROUTES = [
  [/^#\/apps\/([^/]+)\/services\/([^/]+)$/, servicePage],
  [/^#\/apps\/([^/]+)$/, appPage],
  [/^#\/apps$/, appsPage],
  [/^#\/account$/, accountPage],
  [/^#\/activity$/, activityPage],
  [/^#\/admin\/users$/, usersPage],
  [/^#\/admin\/operations$/, operationsPage],
];

const view = document.getElementById('view');
const listeners = new Set();
let cleanups = [];

const live = new LiveEvents(
  (type, body) => listeners.forEach(fn => { try { fn(type, body); } catch (e) { console.error(e); } }),
  (state, text) => {
    const status = document.getElementById('live-status');
    status.textContent = text;
    status.dataset.state = state;
  });

/** What a page gets: who is signed in, live events and timers that end when the page goes. */
function context() {
  return {
    me: claims(),
    onEvent(fn) {
      listeners.add(fn);
      cleanups.push(() => listeners.delete(fn));
    },
    every(fn, ms) {
      const timer = setInterval(fn, ms);
      cleanups.push(() => clearInterval(timer));
    },
    later(fn, ms) {
      const timer = setTimeout(fn, ms);
      cleanups.push(() => clearTimeout(timer));
    },
    /** Runs fn when the page goes (a stream to close). */
    onLeave(fn) {
      cleanups.push(fn);
    },
    go(hash) {
      if (location.hash === hash) route(); else location.hash = hash;
    },
  };
}

function chrome() {
  const me = claims();
  const nav = document.getElementById('nav');
  nav.hidden = !me;
  document.getElementById('whoami').textContent = me ? `${me.preferred_username} (${me.role})` : '';
  nav.querySelectorAll('[data-admin]').forEach(a => { a.hidden = !me || me.role !== 'admin'; });
  nav.querySelectorAll('a').forEach(a => {
    if (location.hash.startsWith(a.getAttribute('href'))) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  });
}

async function route() {
  cleanups.forEach(fn => fn());
  cleanups = [];
  chrome();
  view.replaceChildren();
  if (!tokens()) {
    live.stop();
    await loginPage.render(view, [], {...context(), signedIn: () => { chrome(); context().go('#/apps'); }});
    return;
  }
  live.start();
  const hash = location.hash || '#/apps';
  for (const [pattern, page] of ROUTES) {
    const match = hash.match(pattern);
    if (match) {
      try {
        await page.render(view, match.slice(1).map(decodeURIComponent), context());
      } catch (e) {
        const slot = errorSlot('page-error');
        view.append(slot);
        showError(slot, e);
      }
      // to the new page's content, unless the reader has already started in one of its fields
      if (!view.contains(document.activeElement)) view.focus({preventScroll: true});
      return;
    }
  }
  title('Not found');
  view.append(el('h1', {text: 'Not found'}), el('p', {}, 'No page here. ', el('a', {href: '#/apps', text: 'Your applications'})));
}

async function start() {
  const params = new URLSearchParams(location.search);
  const code = params.get('sso_code');
  if (code) {
    // back from single sign-on: trade the one-time code, then drop it from the address bar
    history.replaceState(null, '', location.pathname + '#/apps');
    try {
      await exchangeSsoCode(code);
    } catch (e) {
      sessionStorage.setItem('conpaas.sso-error', e.detail || e.message);
    }
  }
  document.getElementById('logout').addEventListener('click', async () => {
    live.stop();
    const endSession = await logOut();
    if (endSession) {
      location.assign(endSession); // the identity provider's sign-out, which comes back here
      return;
    }
    location.hash = '#/apps';
    route();
  });
  window.addEventListener('conpaas:signed-out', () => route());
  window.addEventListener('hashchange', route);
  await route();
}

start();
