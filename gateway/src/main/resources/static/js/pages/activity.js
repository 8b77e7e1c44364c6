// The audit trail (GET /api/audit): who did what, when, to which object, newest first. A user sees
// what they did; an administrator sees everyone's and may narrow it to one person. Both may narrow
// it to one application and to the last hour, day or week.

import {api} from '../api.js';
import {el, errorSlot, field, pager, readable, showError, table, time, title} from '../ui.js';
import {nameDirectory} from '../names.js';

const PERIODS = [['', 'any time'], ['3600', 'the last hour'], ['86400', 'the last day'], ['604800', 'the last week']];

export async function render(view, params, ctx) {
  title('Activity');
  const admin = ctx.me && ctx.me.role === 'admin';
  const [apps, users, names] = await Promise.all([
    api('GET', '/api/apps'),
    admin ? api('GET', '/api/users') : Promise.resolve([]),
    nameDirectory({users: admin}),
  ]);
  const app = el('select', {id: 'activity-app'}, el('option', {value: '', text: 'every application'}),
    ...apps.map(a => el('option', {value: a.id, text: a.name})));
  const user = el('select', {id: 'activity-user'}, el('option', {value: '', text: 'everyone'}),
    ...users.map(u => el('option', {value: u.id, text: u.username})));
  const period = el('select', {id: 'activity-period'}, ...PERIODS.map(([v, t]) => el('option', {value: v, text: t})));
  const error = errorSlot('activity-error');
  const note = el('p', {id: 'activity-unavailable', class: 'muted', hidden: true});
  const row = e => el('tr', {},
    el('td', {}, time(e.at)),
    el('td', {text: e.actor.name || readable(e.actor.id, names)}),
    el('td', {text: e.action}),
    el('td', {text: `${(e.object.type || '').toLowerCase()} ${readable(e.object.id, names)}`}),
    el('td', {}, e.application
      ? (names.get(e.application.toLowerCase()) ? el('a', {href: `#/apps/${e.application}`, text: names.get(e.application.toLowerCase())})
        : readable(e.application, names))
      : '—'));
  const entries = pager('activity-list', 20, list => {
    if (!list.length) return el('p', {id: 'activity-empty', text: 'Nothing recorded that matches.'});
    const drawn = table('What was done, newest first', ['When', 'Who', 'What', 'Object', 'Application'], list.map(row));
    // a phone keeps when, who, what and the application; the object is on wider screens
    drawn.querySelectorAll('tr > :nth-child(4)').forEach(cell => cell.classList.add('wide-only'));
    return drawn;
  });
  const load = async () => {
    const query = new URLSearchParams({limit: '500'});
    if (app.value) query.set('app', app.value);
    if (admin && user.value) query.set('user', user.value);
    if (period.value) query.set('since', new Date(Date.now() - Number(period.value) * 1000).toISOString());
    try {
      const page = await api('GET', `/api/audit?${query}`);
      error.hidden = true;
      entries.set(page.entries);
      note.hidden = page.unavailable.length === 0;
      note.textContent = `Not shown: what ${page.unavailable.join(', ')} recorded (the service did not answer).`;
    } catch (e) {
      showError(error, e);
    }
  };
  [app, user, period].forEach(s => s.addEventListener('change', load));
  view.append(
    el('h1', {text: 'Activity'}),
    el('p', {class: 'muted', text: admin
      ? 'Who did what on this platform, newest first, from the services\' event stores.'
      : 'What you did, newest first, from the services\' event stores.'}),
    el('div', {class: 'card filters'}, field('Application', app), admin ? field('Person', user) : null, field('When', period)),
    error, note, entries.element);
  await load();
}
