// One service: its state and history (state changes and code uploads), its nodes (running first,
// ended ones behind a toggle), the actions that are legal in its state, and code upload. Node and
// service events re-read it as they happen.

import {api, download, upload} from '../api.js';
import {LiveEvents} from '../events.js';
import {act, debounce, duration, el, errorSlot, field, showError, stateBadge, table, time, title, when} from '../ui.js';

const ACTIVE = ['PLANNED', 'REQUESTED', 'RUNNING', 'RELEASING'];
const ENDED = ['TERMINATED', 'FAILED'];
const ORDER = ['RUNNING', 'REQUESTED', 'PLANNED', 'RELEASING', 'FAILED', 'TERMINATED'];

/** When each action is legal (app-service's lifecycle), and what to say when it is not. */
const LEGAL = {
  start: {states: ['INIT', 'STOPPED'], why: 'Start only when the service is INIT or STOPPED'},
  add: {states: ['RUNNING'], why: 'Add nodes only while the service is RUNNING'},
  remove: {states: ['RUNNING'], why: 'Remove nodes only while the service is RUNNING'},
  stop: {states: ['PROLOGUE', 'RUNNING', 'ADAPTING', 'ERROR'], why: 'Stop only in PROLOGUE, RUNNING, ADAPTING or ERROR'},
};

/** Why `action` cannot be done now, or null when it can. */
export function refusal(action, service, app) {
  if (app && app.state === 'DELETING') return 'The application is being deleted';
  if (service.removing) return 'The service is being removed';
  if (action === 'delete' || action === 'upload') return null;
  const rule = LEGAL[action];
  if (!rule.states.includes(service.state)) return `${rule.why}; it is ${service.state} now`;
  if (action === 'remove' && service.nodes.filter(n => n.role !== 'manager' && ACTIVE.includes(n.state)).length === 0) {
    return 'Only the manager runs: there is no agent node to remove';
  }
  return null;
}

/** A node's address as a link when its agent serves HTTP there (an address with a port: web services). */
export function addressCell(address) {
  if (!address) return '—';
  return /:\d+$/.test(address) ? el('a', {href: `http://${address}/`, target: '_blank', rel: 'noopener', text: address}) : address;
}

export async function render(view, [appId, serviceId], ctx) {
  const path = `/api/apps/${appId}/services/${serviceId}`;
  const [app, first] = await Promise.all([api('GET', `/api/apps/${appId}`), api('GET', path)]);
  const header = el('div', {id: 'service-header'});
  const showEnded = el('input', {type: 'checkbox', id: 'show-ended-nodes'});
  const endedToggle = el('label', {class: 'toggle', for: 'show-ended-nodes'}, showEnded, el('span', {id: 'ended-nodes-label'}));
  const nodes = el('div', {id: 'service-nodes', 'aria-live': 'polite'});
  const history = el('ol', {id: 'service-history', class: 'history'});
  const logs = el('div', {id: 'service-logs'});
  let since = new Map();
  let service = first;
  title(service.name, app.name);

  const actionError = errorSlot('service-action-error');
  const controls = actions(path, actionError, () => refresh(), ctx, appId);
  const code = codeUpload(path, () => refresh());
  const environment = environmentCard(path, () => refresh());
  // a database takes no code and no environment: its card says where it answers and sets its password
  const isDatabase = first.type === 'mysql';
  const database = isDatabase ? databaseCard(path) : null;
  // php and java services bind to the application's mysql services
  const bindings = ['php', 'java'].includes(first.type) ? bindingsCard(path, appId, first.name, () => refresh()) : null;

  // a refresh still on its way when the page is left must not draw over the next page (nor retitle it)
  let left = false;
  ctx.onLeave(() => { left = true; });
  const draw = () => {
    if (left) return;
    title(service.name, app.name);
    header.replaceChildren(
      el('h1', {}, `${service.name} `, stateBadge(service.state)),
      el('p', {class: 'muted', id: 'service-state', dataset: {state: service.state}},
        `${service.type} service, ${service.state} since ${when(service.stateSince)}`
        + (isDatabase ? '' : `; code version ${service.codeVersion || 'none uploaded'}`)
        + (service.removing ? '; being removed: it disappears when its last node is gone' : '')),
      ...[service.url ? el('p', {id: 'service-url'}, 'Address: ', el('a', {href: service.url, target: '_blank', rel: 'noopener', text: service.url})) : null,
        service.release ? el('p', {id: 'service-release', class: 'muted', dataset: {state: service.release.state || ''}},
          service.release.state === 'ROLLING_OUT'
            ? `Release ${service.release.number} (code version ${service.release.codeVersion || 'none'}) is rolling out: ${service.release.detail || ''}`
            : `Release ${service.release.number}, code version ${service.release.codeVersion || 'none'}: ${service.release.detail || service.release.state}`) : null,
        versions(service, path, actionError, () => refresh())].filter(child => child !== null));
    const sorted = [...service.nodes].sort((a, b) => ORDER.indexOf(a.state) - ORDER.indexOf(b.state));
    const ended = sorted.filter(n => ENDED.includes(n.state));
    const shown = showEnded.checked ? sorted : sorted.filter(n => !ENDED.includes(n.state));
    endedToggle.hidden = ended.length === 0;
    endedToggle.lastChild.textContent = `Show ${ended.length} ended node${ended.length === 1 ? '' : 's'} (terminated or failed)`;
    const rows = shown.map(n => el('tr', {dataset: {nodeId: n.id, state: n.state}},
      el('td', {}, el('code', {title: n.id, text: n.id.slice(0, 8)})),
      el('td', {class: 'node-state'}, stateBadge(n.state), n.detail ? el('small', {text: ` ${n.detail}`}) : null),
      el('td', {text: n.role}),
      el('td', {class: 'address'}, isDatabase ? (n.address || '—') : addressCell(n.address)),
      el('td', {class: 'wide-only', text: n.cloud || '—'}),
      el('td', {class: 'wide-only', text: n.vpnAddress || '—'}),
      el('td', {class: 'uptime wide-only', dataset: {since: n.state === 'RUNNING' ? (since.get(n.id) || n.updatedAt || '') : ''}})));
    nodes.replaceChildren(rows.length === 0
      ? el('p', {class: 'empty', text: ended.length ? 'No node runs now.' : 'No nodes: start the service.'})
      : headed(table('Nodes', ['Node', 'State', 'Role', 'Address', 'Cloud', 'VPN address', 'Uptime'], rows), [4, 5, 6]));
    tick();
    history.replaceChildren(...historyOf(service).map(h => el('li', {dataset: {kind: h.kind}}, time(h.at), ` ${h.text}`)));
    controls.follow(service, app);
    code.follow(service, app);
    environment.follow(service);
    if (bindings) bindings.follow(service).catch(e => showError(actionError, e));
    if (database) database.load();
  };
  const tick = () => nodes.querySelectorAll('td.uptime').forEach(td => {
    td.textContent = td.dataset.since ? duration(Date.now() - Date.parse(td.dataset.since)) : '—';
  });
  const load = async () => {
    service = await api('GET', path);
    try {
      // provisioning's view: when each node started running, and its output
      const mine = (await api('GET', '/api/nodes')).filter(n => n.serviceId === serviceId);
      since = new Map(mine.filter(n => n.state === 'RUNNING').map(n => [n.id, n.stateSince]));
      logs.replaceChildren(...mine.filter(n => n.logTail && ACTIVE.includes(n.state)).map(n =>
        el('details', {}, el('summary', {text: `output of ${n.id.slice(0, 8)}`}), el('pre', {text: n.logTail}))));
    } catch {
      // without provisioning's view the page still shows app-service's
    }
    draw();
  };
  const refresh = debounce(() => load().catch(e => showError(actionError, e)), 150);
  showEnded.addEventListener('change', draw);

  view.append(...[
    el('nav', {class: 'crumbs', 'aria-label': 'Breadcrumb'}, el('a', {href: '#/apps', text: 'Applications'}), ' / ',
      el('a', {href: `#/apps/${encodeURIComponent(appId)}`, text: app.name}), ' / ', service.name),
    header,
    el('h2', {text: 'Nodes'}), endedToggle, nodes,
    el('div', {class: 'columns'}, controls.element, isDatabase ? database.element : code.element),
    isDatabase ? null : environment.element,
    bindings ? bindings.element : null,
    liveLog(path, ctx),
    logs,
    el('h2', {text: 'History'}), history].filter(child => child !== null));
  draw();
  load().catch(() => {});
  ctx.every(tick, 1000);
  ctx.onEvent((type, body) => {
    const ours = body.serviceId === serviceId || (body.nodeId && service.nodes.some(n => n.id === body.nodeId));
    if (ours) {
      refresh();
      // app-service moves the service on after the node events: read it again once it has
      ctx.later(refresh, 1200);
      ctx.later(refresh, 4000);
    }
  });
}

/** Marks the given columns of a table wide-only: a phone shows the others. */
function headed(wrap, wideColumns) {
  wrap.querySelectorAll('thead th').forEach((th, i) => { if (wideColumns.includes(i)) th.classList.add('wide-only'); });
  return wrap;
}

/** The service's environment variables (secrets never shown), set and unset; each change is a release rolled over the nodes. */
function environmentCard(path, refresh) {
  const list = el('ul', {id: 'environment-list', class: 'inline-list'});
  const name = el('input', {id: 'env-name', required: true, pattern: '[A-Za-z_][A-Za-z0-9_]*', maxlength: 128, autocomplete: 'off'});
  const value = el('input', {id: 'env-value', maxlength: 4096, autocomplete: 'off'});
  const secret = el('input', {id: 'env-secret', type: 'checkbox'});
  const error = errorSlot('env-error');
  const set = el('button', {type: 'submit', id: 'env-set', text: 'Set'});
  const form = el('form', {class: 'inline-form'}, field('Name', name), field('Value', value),
    el('label', {class: 'toggle', for: 'env-secret'}, secret, el('span', {text: 'secret'})), set);
  const box = el('section', {class: 'card', 'aria-labelledby': 'env-title'},
    el('h2', {id: 'env-title', text: 'Environment'}),
    el('p', {class: 'muted', text: 'Variables your code reads (getenv in PHP, System.getenv in Java); each change rolls over the nodes.'}),
    list, form, error);
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const done = await act(error, box, () => api('PATCH', `${path}/environment`,
      {set: {[name.value]: value.value}, secret: secret.checked ? [name.value] : []}));
    if (done !== undefined) {
      name.value = '';
      value.value = '';
      secret.checked = false;
      refresh();
    }
  });
  return {
    element: box,
    follow(service) {
      const variables = service.environment || [];
      list.replaceChildren(...(variables.length === 0 ? [el('li', {class: 'muted', text: 'none set'})] : variables.map(v => {
        const remove = el('button', {type: 'button', class: 'small', text: 'Unset', title: `Unset ${v.name}`});
        remove.addEventListener('click', async () => {
          const done = await act(error, box, () => api('PATCH', `${path}/environment`, {unset: [v.name]}));
          if (done !== undefined) refresh();
        });
        return el('li', {dataset: {name: v.name}}, el('code', {text: v.name}), ` = ${v.secret ? '(secret)' : v.value} `, remove);
      })));
    },
  };
}

/**
 * The mysql services a php or java service is bound to, unbind buttons, and a form binding another of
 * the application's mysql services: the backends get an account of their own as CONPAAS_MYSQL_* variables.
 */
function bindingsCard(path, appId, serviceName, refresh) {
  const list = el('ul', {id: 'bindings-list', class: 'inline-list'});
  const choice = el('select', {id: 'bind-service', required: true});
  const database = el('input', {id: 'bind-database', pattern: '[a-z0-9_]{1,64}', maxlength: 64, autocomplete: 'off',
    placeholder: serviceName.toLowerCase().replace(/[^a-z0-9_]/g, '_').slice(0, 64)});
  const error = errorSlot('bind-error');
  const form = el('form', {class: 'inline-form'}, field('mysql service', choice), field('Database (made if missing)', database),
    el('button', {type: 'submit', id: 'bind-submit', text: 'Bind'}));
  const box = el('section', {class: 'card', 'aria-labelledby': 'bindings-title'},
    el('h2', {id: 'bindings-title', text: 'Databases'}),
    el('p', {class: 'muted'}, 'A bound mysql service gives the backends an account of their own: ',
      el('code', {text: 'CONPAAS_MYSQL_HOST'}), ', ', el('code', {text: '_PORT'}), ', ', el('code', {text: '_DATABASE'}), ', ',
      el('code', {text: '_USER'}), ', ', el('code', {text: '_PASSWORD'}), ' (a rolling restart).'),
    list, form, error);
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const done = await act(error, box, () => api('PUT', `${path}/bindings/${encodeURIComponent(choice.value)}`,
      database.value ? {database: database.value} : {}));
    if (done !== undefined) {
      database.value = '';
      refresh();
    }
  });
  return {
    element: box,
    async follow(service) {
      const bound = service.bindings || [];
      list.replaceChildren(...(bound.length === 0 ? [el('li', {class: 'muted', text: 'no database bound'})] : bound.map(b => {
        const unbind = el('button', {type: 'button', class: 'small', text: 'Unbind', title: `Unbind ${b.serviceName}`});
        unbind.addEventListener('click', async () => {
          const done = await act(error, box, () => api('DELETE', `${path}/bindings/${encodeURIComponent(b.serviceId)}`));
          if (done !== undefined) refresh();
        });
        return el('li', {dataset: {service: b.serviceName}}, el('strong', {text: b.serviceName}), ` database `,
          el('code', {text: b.database}), ' ', unbind);
      })));
      const others = (await api('GET', `/api/apps/${appId}/services`)).filter(s => s.type === 'mysql' && !s.removing);
      const chosen = choice.value;
      choice.replaceChildren(...others.map(s => el('option', {value: s.id, text: s.name})));
      if (others.some(s => s.id === chosen)) choice.value = chosen;
      form.hidden = others.length === 0;
      if (others.length === 0) list.append(el('li', {class: 'muted', text: 'add a mysql service to the application to bind one'}));
    },
  };
}

/** A mysql service's database: where each node answers, whether it is in the cluster, and the admin account's password. */
function databaseCard(path) {
  const state = el('p', {id: 'database-password-state', class: 'muted', role: 'status'});
  const list = el('div', {id: 'database-nodes'});
  const password = el('input', {id: 'db-password', type: 'password', required: true, minlength: 8, maxlength: 128, autocomplete: 'new-password'});
  const again = el('input', {id: 'db-password-again', type: 'password', required: true, minlength: 8, maxlength: 128, autocomplete: 'new-password'});
  const error = errorSlot('db-error');
  const form = el('form', {class: 'inline-form'}, field('New admin password', password), field('Again', again),
    el('button', {type: 'submit', id: 'db-set-password', text: 'Set password'}));
  const box = el('section', {class: 'card', id: 'database', 'aria-labelledby': 'db-title'},
    el('h2', {id: 'db-title', text: 'Database'}),
    el('p', {class: 'muted', text: 'Connect as admin to any node (MySQL protocol): every node is a full replica.'}),
    state, list, form, error);
  const load = async () => {
    try {
      const db = await api('GET', `${path}/mysql`);
      state.textContent = db.passwordPending ? 'Admin password: being set…'
        : db.passwordSet ? `Admin password set ${when(db.passwordSetAt)}.` : 'No admin password yet: set one to connect.';
      list.replaceChildren(db.nodes.length === 0 ? el('p', {class: 'empty', text: 'No node runs.'})
        : table('Database nodes', ['Node', 'Address', 'In the cluster', 'Galera state', 'Cluster size'], db.nodes.map(n =>
          el('tr', {dataset: {nodeId: n.id}}, el('td', {}, el('code', {title: n.id, text: n.id.slice(0, 8)})),
            el('td', {class: 'address', text: n.address || '—'}), el('td', {text: n.member ? 'yes' : 'no'}),
            el('td', {text: n.localState || '—'}), el('td', {text: n.clusterSize ? String(n.clusterSize) : '—'})))));
      return db;
    } catch (e) {
      state.textContent = 'The database answers once a node has started.';
      list.replaceChildren();
      return null;
    }
  };
  form.addEventListener('submit', async e => {
    e.preventDefault();
    if (password.value !== again.value) {
      showError(error, new Error('The two passwords differ: type the same password twice.'));
      return;
    }
    const done = await act(error, box, () => api('PUT', `${path}/mysql/password`, {password: password.value}));
    if (done !== undefined) {
      password.value = '';
      again.value = '';
      await load();
      // a node of the cluster applies it within seconds
      for (let i = 0; i < 15; i++) {
        await new Promise(resolve => setTimeout(resolve, 1000));
        const db = await load();
        if (db && !db.passwordPending) break;
      }
    }
  });
  return {element: box, load: debounce(load, 300)};
}

/** Every node's new log lines as they come (GET …/logs as an event stream), while the box is ticked. */
function liveLog(path, ctx) {
  const toggle = el('input', {type: 'checkbox', id: 'follow-logs'});
  const status = el('span', {id: 'follow-logs-status', class: 'muted', role: 'status'});
  const out = el('pre', {id: 'live-log', class: 'log', hidden: true});
  let stream = null;
  const lines = [];
  const stop = () => {
    if (stream) stream.stop();
    stream = null;
  };
  toggle.addEventListener('change', () => {
    if (!toggle.checked) {
      stop();
      status.textContent = '';
      return;
    }
    out.hidden = false;
    stream = new LiveEvents((type, line) => {
      lines.push(`${String(line.node).slice(0, 8)} ${line.source} | ${line.line}`);
      if (lines.length > 500) lines.splice(0, lines.length - 500);
      out.textContent = lines.join('\n');
      out.scrollTop = out.scrollHeight;
    }, (state, text) => { status.textContent = state === 'live' ? 'following' : text.replace('live updates', 'log stream'); }, `${path}/logs`);
    stream.start();
  });
  ctx.onLeave(stop);
  return el('section', {class: 'card', 'aria-labelledby': 'live-log-title'},
    el('h2', {id: 'live-log-title', text: 'Live log'}),
    el('label', {class: 'toggle', for: 'follow-logs'}, toggle, el('span', {text: 'Follow every node\'s log (code output, agent, access and error logs)'})),
    status, out);
}

/** The code versions kept, the one the nodes run marked; any other can be enabled (an older one: a rollback). */
function versions(service, path, error, refresh) {
  const kept = service.codeVersions || [];
  if (kept.length === 0) return null;
  const running = service.release ? service.release.codeVersion : service.codeVersion;
  const list = el('ul', {id: 'service-versions', class: 'inline-list'});
  kept.forEach(v => {
    const item = el('li', {dataset: {version: v.version}}, `v${v.version} `);
    const get = el('button', {type: 'button', class: 'small', id: `download-version-${v.version}`, text: 'Download',
      title: `Download code version ${v.version}`});
    get.addEventListener('click', () => act(error, list, () => download(`${path}/code?version=${v.version}`,
      `${service.name}-v${v.version}.archive`)));
    item.append(get, ' ');
    if (v.version === running) {
      item.append(el('strong', {text: '(running)'}));
    } else {
      const button = el('button', {type: 'button', class: 'small', id: `enable-version-${v.version}`,
        text: v.version < running ? 'Roll back to it' : 'Enable'});
      button.addEventListener('click', async () => {
        const done = await act(error, list, () => api('POST', `${path}/code/versions/${v.version}/enable`));
        if (done !== undefined) refresh();
      });
      item.append(button);
    }
    list.append(item);
  });
  return el('div', {}, el('span', {class: 'muted', text: 'Versions: '}), list);
}

/** State changes and code uploads, newest first. */
function historyOf(service) {
  const entries = service.history.map(h => h.from === h.to
    ? {at: h.at, kind: 'release', text: h.reason}
    : {at: h.at, kind: 'state', text: `${h.from} → ${h.to}: ${h.reason}`});
  (service.codeVersions || []).forEach(v => entries.push({at: v.uploadedAt, kind: 'upload',
    text: `code version ${v.version} uploaded (${v.size} bytes, sha256 ${String(v.sha256).slice(0, 12)}…)`
      + (v.refusedBy ? `; refused by node ${v.refusedBy.slice(0, 8)}: ${v.refusal}` : '')}));
  return entries.sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
}

function actions(path, error, refresh, ctx, appId) {
  const startCount = el('input', {id: 'start-nodes', type: 'number', min: 1, max: 100, value: 1, required: true});
  const addCount = el('input', {id: 'add-nodes', type: 'number', min: 1, max: 100, value: 1, required: true});
  const removeCount = el('input', {id: 'remove-nodes', type: 'number', min: 1, max: 100, value: 1, required: true});
  const now = el('p', {id: 'actions-now', class: 'muted'});
  const box = el('section', {class: 'card', 'aria-labelledby': 'actions-title'}, el('h2', {id: 'actions-title', text: 'Actions'}), now);
  const buttons = {};
  const run = (label, action, id, call, input) => {
    const button = el('button', {type: 'submit', id, class: label.danger ? 'danger' : '', text: label.button});
    buttons[action] = {button, input};
    const form = el('form', {class: 'inline-form'}, input ? field(label.field, input) : null, button);
    form.addEventListener('submit', async e => {
      e.preventDefault();
      if (button.disabled) return;
      const done = await act(error, box, call);
      if (done !== undefined) refresh();
    });
    return form;
  };
  box.append(
    run({field: 'Nodes', button: 'Start'}, 'start', 'start-service', () => api('POST', `${path}/start`, {nodes: Number(startCount.value)}), startCount),
    run({field: 'Add nodes', button: 'Add'}, 'add', 'add-service-nodes', () => api('POST', `${path}/nodes`, {count: Number(addCount.value)}), addCount),
    run({field: 'Remove nodes', button: 'Remove'}, 'remove', 'remove-service-nodes', () => api('POST', `${path}/nodes/remove`, {count: Number(removeCount.value)}), removeCount),
    el('div', {class: 'inline-form'},
      run({button: 'Stop'}, 'stop', 'stop-service', () => api('POST', `${path}/stop`)),
      run({button: 'Remove service', danger: true}, 'delete', 'remove-service', async () => {
        if (!confirm('Remove this service? A running service is stopped first and removed when its last node is gone.')) return undefined;
        await api('DELETE', path);
        ctx.go(`#/apps/${encodeURIComponent(appId)}`);
        return null;
      })),
    error);
  return {
    element: box,
    /** Enables what is legal in the service's state; the others say why not in their tooltip. */
    follow(service, app) {
      const legal = [];
      for (const [action, {button, input}] of Object.entries(buttons)) {
        const why = refusal(action, service, app);
        button.disabled = why !== null;
        if (input) input.disabled = why !== null;
        if (why) button.title = `${why}.`; else button.removeAttribute('title');
        if (!why) legal.push(button.textContent.toLowerCase());
      }
      now.textContent = legal.length === 0
        ? `Nothing can be done now: ${refusal('delete', service, app) || `the service is ${service.state}`}.`
        : `${service.state}: you can ${legal.join(', ')}.`;
    },
  };
}

function codeUpload(path, refresh) {
  const file = el('input', {id: 'code-file', type: 'file', accept: '.zip,.tar.gz,.tgz,application/zip,application/gzip', required: true});
  const progress = el('progress', {id: 'code-progress', max: 100, value: 0, hidden: true, 'aria-label': 'Upload progress'});
  const status = el('span', {id: 'code-status', role: 'status'});
  const error = errorSlot('code-error');
  const send = el('button', {type: 'submit', id: 'upload-code', text: 'Upload'});
  const form = el('form', {class: 'card', 'aria-labelledby': 'code-title'},
    el('h2', {id: 'code-title', text: 'Code'}),
    field('Archive (zip or tar.gz; generic services run its start.sh)', file),
    send, progress, status, error);
  form.addEventListener('submit', async e => {
    e.preventDefault();
    if (!file.files[0] || send.disabled) return;
    progress.hidden = false;
    progress.value = 0;
    status.textContent = '';
    const answer = await act(error, form, () => upload(`${path}/code`, file.files[0], (sent, total) => {
      progress.value = Math.round(100 * sent / total);
      status.textContent = `${progress.value}%`;
    }));
    if (answer) {
      progress.value = 100;
      status.textContent = `uploaded version ${answer.version} (${answer.size} bytes)`;
      refresh();
    } else {
      // refused or cut off: the bar starts again from nothing, the detail says why
      progress.value = 0;
      progress.hidden = true;
      status.textContent = '';
    }
  });
  return {
    element: form,
    follow(service, app) {
      const why = refusal('upload', service, app);
      send.disabled = why !== null;
      file.disabled = why !== null;
      if (why) send.title = `${why}.`; else send.removeAttribute('title');
    },
  };
}
