// Administrators: platform health, clouds and their nodes by state (running first, ended ones
// behind a toggle, a page at a time), events per minute, recent failures and events with names
// for their identifiers. Every event re-reads the nodes and the statistics.

import {api} from '../api.js';
import {nameDirectory} from '../names.js';
import {debounce, duration, el, errorSlot, pager, readable, showError, stateBadge, table, time, title, when} from '../ui.js';

const PAGE = 20;
const ORDER = ['RUNNING', 'ENROLLED', 'BOOTING', 'REQUESTED', 'STOPPING', 'FAILED', 'TERMINATED'];

const SVG = 'http://www.w3.org/2000/svg';

export async function render(view, params, ctx) {
  title('Operations');
  const health = el('div', {id: 'platform-health'});
  const clouds = el('div', {id: 'clouds'});
  const nodes = el('div', {id: 'nodes-by-cloud', 'aria-live': 'polite'});
  const chart = el('figure', {id: 'events-chart', class: 'chart'});
  const failures = el('div', {id: 'recent-failures'});
  const queues = el('div', {id: 'event-queues'});
  const recent = el('div', {id: 'recent-events'});
  const error = errorSlot('operations-error');
  // provisioning terminates a failed node's instance at once (FAILED, then TERMINATED): the page
  // keeps showing such a node as failed, from node.failed events (live, and the gateway's recent ones)
  const failed = new Map();
  const showEnded = el('input', {type: 'checkbox', id: 'show-ended-nodes'});
  const pagers = new Map();
  let names = new Map();
  let namesRead = 0;
  const asked = new Set(); // services asked for once: a removed one has no name any more
  view.append(el('h1', {text: 'Operations'}), error,
    el('h2', {text: 'Platform health'}), health,
    el('h2', {text: 'Clouds and nodes'}), clouds,
    el('label', {class: 'toggle', for: 'show-ended-nodes'}, showEnded, 'Show ended nodes (terminated or failed)'), nodes,
    el('h2', {text: 'Events per minute (last hour)'}), chart,
    el('h2', {text: 'Recent failures'}), failures,
    el('h2', {text: 'Event queues and dead letters'}), queues,
    el('h2', {text: 'Recent events'}), recent);

  const loadHealth = async () => {
    // 503 with the same body when a service is down: read it either way
    const r = await fetch('/api/platform/health', {headers: {Accept: 'application/json'}});
    const body = await r.json();
    health.replaceChildren(el('p', {}, 'ConPaaS is ', stateBadge(body.status)),
      el('ul', {class: 'chips'}, Object.entries(body.services).map(([name, state]) =>
        el('li', {dataset: {service: name}}, `${name} `, stateBadge(state)))));
  };
  const shownState = n => (n.state === 'TERMINATED' && failed.has(n.id) ? 'FAILED' : n.state);
  const noteFailures = events => events.filter(e => e.type === 'node.failed' && e.body && e.body.nodeId)
    .forEach(e => failed.set(e.body.nodeId, e.body.reason || ''));
  const ended = n => ['TERMINATED', 'FAILED'].includes(shownState(n));
  const nodeRow = n => el('tr', {dataset: {nodeId: n.id, state: shownState(n)}},
    el('td', {}, el('code', {title: n.id, text: n.id.slice(0, 8)})),
    el('td', {class: 'node-state'}, stateBadge(shownState(n)),
      shownState(n) !== n.state ? el('small', {text: ` then ${n.state.toLowerCase()}`}) : null),
    el('td', {}, el('a', {href: `#/apps/${encodeURIComponent(n.applicationId)}/services/${encodeURIComponent(n.serviceId)}`,
      text: names.get(n.serviceId.toLowerCase()) || `${n.serviceType} ${n.serviceId.slice(0, 8)}`})),
    el('td', {text: n.role}),
    el('td', {class: 'wide-only', text: n.stateSince ? duration(Date.now() - Date.parse(n.stateSince)) : '—'}),
    el('td', {class: 'wide-only'}, time(n.lastHeartbeat)),
    el('td', {class: 'wide-only', text: n.detail || n.agentDetail || ''}));
  let byCloud = new Map();
  const drawNodes = () => {
    nodes.replaceChildren(...(byCloud.size === 0 ? [el('p', {class: 'empty', text: 'No nodes yet.'})] : []),
      ...[...byCloud.entries()].map(([cloud, list]) => {
        const counts = {};
        list.forEach(n => { counts[shownState(n)] = (counts[shownState(n)] || 0) + 1; });
        const sorted = [...list].sort((a, b) => ORDER.indexOf(shownState(a)) - ORDER.indexOf(shownState(b))
          || String(b.stateSince).localeCompare(String(a.stateSince)));
        const shown = showEnded.checked ? sorted : sorted.filter(n => !ended(n));
        if (!pagers.has(cloud)) {
          pagers.set(cloud, pager(`nodes-${cloud}`, PAGE, rows => rows.length === 0
            ? el('p', {class: 'empty', text: 'No node runs here now.'})
            : table(`Nodes on ${cloud}`, ['Node', 'State', 'Service', 'Role', 'For', 'Last heartbeat', 'Detail'], rows.map(nodeRow))));
        }
        const paged = pagers.get(cloud);
        paged.set(shown);
        paged.element.querySelectorAll('thead th').forEach((th, i) => { if (i >= 4) th.classList.add('wide-only'); });
        return el('section', {class: 'cloud', dataset: {cloud}},
          el('h3', {text: `${cloud}: ${list.length} node(s)`}),
          el('ul', {class: 'chips'}, Object.entries(counts).map(([state, count]) => el('li', {}, stateBadge(state), ` ${count}`))),
          paged.element);
      }));
  };
  const loadNodes = async () => {
    const [cloudList, nodeList] = await Promise.all([api('GET', '/api/clouds'), api('GET', '/api/nodes')]);
    // the names are read again when a node names a service the page does not know, else at most every 10 s
    const unknown = nodeList.map(n => n.serviceId.toLowerCase()).filter(id => !names.has(id) && !asked.has(id));
    if (Date.now() - namesRead > 10000 || unknown.length > 0) {
      unknown.forEach(id => asked.add(id));
      names = await nameDirectory({users: true});
      namesRead = Date.now();
    }
    clouds.replaceChildren(table('Clouds', ['Cloud', 'Driver', 'Default', 'Reachable', 'Detail'], cloudList.map(c =>
      el('tr', {}, el('th', {scope: 'row', text: c.name}), el('td', {text: c.driver}), el('td', {text: c.isDefault ? 'yes' : ''}),
        el('td', {}, stateBadge(c.up ? 'UP' : 'DOWN')), el('td', {text: c.detail || ''})))));
    byCloud = new Map();
    nodeList.forEach(n => { if (!byCloud.has(n.cloud)) byCloud.set(n.cloud, []); byCloud.get(n.cloud).push(n); });
    drawNodes();
    failures.replaceChildren(eventTable('Recent failures', lastFailures, 'No failures since the gateway started.', names));
    recent.replaceChildren(eventTable('Recent events', lastRecent, 'No events yet.', names));
  };
  showEnded.addEventListener('change', drawNodes);
  let lastFailures = [];
  let lastRecent = [];
  const loadEvents = async () => {
    const stats = await api('GET', '/api/platform/events');
    noteFailures(stats.failures);
    chart.replaceChildren(barChart(stats.perMinute),
      el('figcaption', {text: stats.enabled
        ? `${stats.connected ? 'connected to the broker' : 'NOT connected to the broker'}; counted since ${when(stats.since)}`
        : 'live events are turned off on this gateway'}));
    lastFailures = stats.failures;
    lastRecent = stats.recent.slice(0, 20);
    failures.replaceChildren(eventTable('Recent failures', lastFailures, 'No failures since the gateway started.', names));
    queues.replaceChildren(!stats.queues
      ? el('p', {class: 'empty', text: 'The broker cannot be asked right now.'})
      : table('Event queues of the services', ['Consumer group', 'Queue', 'Waiting', 'Consumers', 'Dead-lettered'], stats.queues.map(q =>
        el('tr', {dataset: {group: q.group}},
          el('th', {scope: 'row', text: q.group}),
          el('td', {}, el('code', {text: q.queue})),
          el('td', {text: q.exists ? String(q.waiting) : 'no such queue'}),
          el('td', {text: q.exists ? String(q.consumers) : '—'}),
          el('td', {class: q.deadLettered > 0 ? 'error' : '', text: String(q.deadLettered)})))));
    recent.replaceChildren(eventTable('Recent events', lastRecent, 'No events yet.', names));
  };
  const all = () => Promise.all([loadHealth(), loadEvents().then(loadNodes)]).then(() => showError(error, null), e => showError(error, e));
  const reload = debounce(() => { loadEvents().catch(() => {}).then(loadNodes).catch(e => showError(error, e)); }, 300);
  ctx.onEvent((type, body) => {
    if (type === 'node.failed') noteFailures([{type, body}]);
    reload();
  });
  ctx.every(all, 60000);
  await all();
}

function eventTable(caption, events, empty, names) {
  if (events.length === 0) return el('p', {class: 'empty', text: empty});
  return table(caption, ['When', 'Type', 'About'], events.map(e =>
    el('tr', {dataset: {type: e.type}},
      el('td', {}, time(e.occurredAt)), el('td', {text: e.type}), el('td', {text: summary(e.body, names)}))));
}

const ABOUT = [['nodeId', 'node'], ['serviceId', 'service'], ['applicationId', 'application'], ['userId', 'user'],
  ['name', 'name'], ['username', 'user'], ['reason', 'reason'], ['balance', 'balance']];

/** What an event is about, with names for the identifiers the page knows and local times. */
function summary(body, names) {
  const parts = [];
  const seen = new Set();
  for (const [key, label] of ABOUT) {
    if (!body || body[key] === undefined || body[key] === null) continue;
    const value = readable(String(body[key]), names);
    // a node's name already says its service: say each thing once
    if (seen.has(value) || [...seen].some(s => s.startsWith(value))) continue;
    seen.add(value);
    parts.push(`${label} ${value}`);
  }
  return parts.join(', ');
}

/** Bars per minute, drawn as SVG; the numbers are also in the bars' titles for screen readers. */
function barChart(perMinute) {
  const width = 600;
  const height = 120;
  const max = Math.max(1, ...perMinute.map(m => m.count));
  const total = perMinute.reduce((sum, m) => sum + m.count, 0);
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${height + 20}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', `${total} events in the last hour, at most ${max} in a minute`);
  const bar = width / perMinute.length;
  perMinute.forEach((m, i) => {
    const h = Math.round((m.count / max) * height);
    const rect = document.createElementNS(SVG, 'rect');
    rect.setAttribute('x', String(i * bar + 1));
    rect.setAttribute('y', String(height - h));
    rect.setAttribute('width', String(bar - 2));
    rect.setAttribute('height', String(Math.max(h, m.count > 0 ? 1 : 0)));
    rect.setAttribute('class', 'bar');
    const title = document.createElementNS(SVG, 'title');
    title.textContent = `${new Date(m.minute).toLocaleTimeString()}: ${m.count}`;
    rect.append(title);
    svg.append(rect);
  });
  const label = (x, text, anchor) => {
    const t = document.createElementNS(SVG, 'text');
    t.setAttribute('x', String(x));
    t.setAttribute('y', String(height + 15));
    t.setAttribute('text-anchor', anchor);
    t.textContent = text;
    svg.append(t);
  };
  label(0, '60 min ago', 'start');
  label(width, `now (peak ${max}/min)`, 'end');
  return svg;
}
