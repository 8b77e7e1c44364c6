// One service: its state and history, its nodes (cloud, address, VPN address, state, uptime),
// the lifecycle actions and code upload. Node and service events re-read it as they happen.

import {api, upload} from '../api.js';
import {act, debounce, duration, el, errorSlot, field, showError, stateBadge, table, when} from '../ui.js';

const ACTIVE = ['PLANNED', 'REQUESTED', 'RUNNING', 'RELEASING'];

export async function render(view, [appId, serviceId], ctx) {
  const path = `/api/apps/${appId}/services/${serviceId}`;
  const [app, first] = await Promise.all([api('GET', `/api/apps/${appId}`), api('GET', path)]);
  const header = el('div', {id: 'service-header'});
  const nodes = el('div', {id: 'service-nodes', 'aria-live': 'polite'});
  const history = el('ol', {id: 'service-history', class: 'history'});
  const logs = el('div', {id: 'service-logs'});
  let since = new Map();
  let service = first;

  const draw = () => {
    header.replaceChildren(
      el('h1', {}, `${service.name} `, stateBadge(service.state)),
      el('p', {class: 'muted', id: 'service-state', dataset: {state: service.state}},
        `${service.type} service, ${service.state} since ${when(service.stateSince)}; code version ${service.codeVersion || 'none uploaded'}`
        + (service.removing ? '; being removed: it disappears when its last node is gone' : '')));
    const rows = service.nodes.map(n => el('tr', {dataset: {nodeId: n.id, state: n.state}},
      el('td', {}, el('code', {title: n.id, text: n.id.slice(0, 8)})),
      el('td', {text: n.role}),
      el('td', {text: n.cloud || '—'}),
      el('td', {text: n.address || '—'}),
      el('td', {text: n.vpnAddress || '—'}),
      el('td', {class: 'node-state'}, stateBadge(n.state), n.detail ? el('small', {text: ` ${n.detail}`}) : null),
      el('td', {class: 'uptime', dataset: {since: n.state === 'RUNNING' ? (since.get(n.id) || n.updatedAt || '') : ''}})));
    nodes.replaceChildren(rows.length === 0
      ? el('p', {class: 'empty', text: 'No nodes: start the service.'})
      : table('Nodes', ['Node', 'Role', 'Cloud', 'Address', 'VPN address', 'State', 'Uptime'], rows));
    tick();
    history.replaceChildren(...[...service.history].reverse().map(h =>
      el('li', {}, el('time', {datetime: h.at, text: when(h.at)}), ` ${h.from} → ${h.to}: ${h.reason}`)));
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

  const actionError = errorSlot('service-action-error');
  view.append(
    el('nav', {class: 'crumbs', 'aria-label': 'Breadcrumb'}, el('a', {href: '#/apps', text: 'Applications'}), ' / ',
      el('a', {href: `#/apps/${encodeURIComponent(appId)}`, text: app.name}), ' / ', service.name),
    header,
    el('h2', {text: 'Nodes'}), nodes,
    el('div', {class: 'columns'}, actions(path, actionError, refresh, ctx, appId), codeUpload(path, refresh)),
    logs,
    el('h2', {text: 'History'}), history);
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

function actions(path, error, refresh, ctx, appId) {
  const startCount = el('input', {id: 'start-nodes', type: 'number', min: 1, max: 100, value: 1, required: true});
  const addCount = el('input', {id: 'add-nodes', type: 'number', min: 1, max: 100, value: 1, required: true});
  const removeCount = el('input', {id: 'remove-nodes', type: 'number', min: 1, max: 100, value: 1, required: true});
  const box = el('section', {class: 'card', 'aria-labelledby': 'actions-title'}, el('h2', {id: 'actions-title', text: 'Actions'}));
  const run = (label, id, call, input) => {
    const form = el('form', {class: 'inline-form'}, input ? field(label.field, input) : null,
      el('button', {type: 'submit', id, class: label.danger ? 'danger' : '', text: label.button}));
    form.addEventListener('submit', async e => {
      e.preventDefault();
      const done = await act(error, box, call);
      if (done !== undefined) refresh();
    });
    return form;
  };
  box.append(
    run({field: 'Nodes', button: 'Start'}, 'start-service', () => api('POST', `${path}/start`, {nodes: Number(startCount.value)}), startCount),
    run({field: 'Add nodes', button: 'Add'}, 'add-service-nodes', () => api('POST', `${path}/nodes`, {count: Number(addCount.value)}), addCount),
    run({field: 'Remove nodes', button: 'Remove'}, 'remove-service-nodes', () => api('POST', `${path}/nodes/remove`, {count: Number(removeCount.value)}), removeCount),
    el('div', {class: 'inline-form'},
      run({button: 'Stop'}, 'stop-service', () => api('POST', `${path}/stop`)),
      run({button: 'Remove service', danger: true}, 'remove-service', async () => {
        if (!confirm('Remove this service? A running service is stopped first and removed when its last node is gone.')) return undefined;
        await api('DELETE', path);
        ctx.go(`#/apps/${encodeURIComponent(appId)}`);
        return null;
      })),
    error);
  return box;
}

function codeUpload(path, refresh) {
  const file = el('input', {id: 'code-file', type: 'file', accept: '.zip,.tar.gz,.tgz,application/zip,application/gzip', required: true});
  const progress = el('progress', {id: 'code-progress', max: 100, value: 0, hidden: true, 'aria-label': 'Upload progress'});
  const status = el('span', {id: 'code-status', role: 'status'});
  const error = errorSlot('code-error');
  const form = el('form', {class: 'card', 'aria-labelledby': 'code-title'},
    el('h2', {id: 'code-title', text: 'Code'}),
    field('Archive (zip or tar.gz; generic services run its start.sh)', file),
    el('button', {type: 'submit', id: 'upload-code', text: 'Upload'}), progress, status, error);
  form.addEventListener('submit', async e => {
    e.preventDefault();
    if (!file.files[0]) return;
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
    }
  });
  return form;
}
