// Administrators: platform health, clouds and their nodes by state, events per minute, recent
// failures and events. Every event re-reads the nodes and the statistics.

import {api} from '../api.js';
import {debounce, duration, el, errorSlot, showError, stateBadge, table, when} from '../ui.js';

const SVG = 'http://www.w3.org/2000/svg';

export async function render(view, params, ctx) {
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
  view.append(el('h1', {text: 'Operations'}), error,
    el('h2', {text: 'Platform health'}), health,
    el('h2', {text: 'Clouds and nodes'}), clouds, nodes,
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
  const loadNodes = async () => {
    const [cloudList, nodeList] = await Promise.all([api('GET', '/api/clouds'), api('GET', '/api/nodes')]);
    clouds.replaceChildren(table('Clouds', ['Cloud', 'Driver', 'Default', 'Reachable', 'Detail'], cloudList.map(c =>
      el('tr', {}, el('th', {scope: 'row', text: c.name}), el('td', {text: c.driver}), el('td', {text: c.isDefault ? 'yes' : ''}),
        el('td', {}, stateBadge(c.up ? 'UP' : 'DOWN')), el('td', {text: c.detail || ''})))));
    const byCloud = new Map();
    nodeList.forEach(n => { if (!byCloud.has(n.cloud)) byCloud.set(n.cloud, []); byCloud.get(n.cloud).push(n); });
    nodes.replaceChildren(...(byCloud.size === 0 ? [el('p', {class: 'empty', text: 'No nodes yet.'})] : []),
      ...[...byCloud.entries()].map(([cloud, list]) => {
        const counts = {};
        list.forEach(n => { counts[shownState(n)] = (counts[shownState(n)] || 0) + 1; });
        const shown = list.filter(n => n.state !== 'TERMINATED').concat(list.filter(n => n.state === 'TERMINATED').slice(-10));
        return el('section', {class: 'cloud', dataset: {cloud}},
          el('h3', {text: `${cloud}: ${list.length} node(s)`}),
          el('ul', {class: 'chips'}, Object.entries(counts).map(([state, count]) => el('li', {}, stateBadge(state), ` ${count}`))),
          table(`Nodes on ${cloud}`, ['Node', 'Service', 'Role', 'State', 'For', 'Last heartbeat', 'Detail'], shown.map(n =>
            el('tr', {dataset: {nodeId: n.id, state: shownState(n)}},
              el('td', {}, el('code', {title: n.id, text: n.id.slice(0, 8)})),
              el('td', {}, el('a', {href: `#/apps/${encodeURIComponent(n.applicationId)}/services/${encodeURIComponent(n.serviceId)}`,
                text: `${n.serviceType} ${n.serviceId.slice(0, 8)}`})),
              el('td', {text: n.role}),
              el('td', {class: 'node-state'}, stateBadge(shownState(n)),
                shownState(n) !== n.state ? el('small', {text: ` then ${n.state.toLowerCase()}`}) : null),
              el('td', {text: n.stateSince ? duration(Date.now() - Date.parse(n.stateSince)) : '—'}),
              el('td', {text: when(n.lastHeartbeat)}),
              el('td', {text: n.detail || n.agentDetail || ''})))));
      }));
  };
  const loadEvents = async () => {
    const stats = await api('GET', '/api/platform/events');
    noteFailures(stats.failures);
    chart.replaceChildren(barChart(stats.perMinute),
      el('figcaption', {text: stats.enabled
        ? `${stats.connected ? 'connected to the broker' : 'NOT connected to the broker'}; counted since ${when(stats.since)}`
        : 'live events are turned off on this gateway'}));
    failures.replaceChildren(eventTable('Recent failures', stats.failures, 'No failures since the gateway started.'));
    queues.replaceChildren(!stats.queues
      ? el('p', {class: 'empty', text: 'The broker cannot be asked right now.'})
      : table('Event queues of the services', ['Consumer group', 'Queue', 'Waiting', 'Consumers', 'Dead-lettered'], stats.queues.map(q =>
        el('tr', {dataset: {group: q.group}},
          el('th', {scope: 'row', text: q.group}),
          el('td', {}, el('code', {text: q.queue})),
          el('td', {text: q.exists ? String(q.waiting) : 'no such queue'}),
          el('td', {text: q.exists ? String(q.consumers) : '—'}),
          el('td', {class: q.deadLettered > 0 ? 'error' : '', text: String(q.deadLettered)})))));
    recent.replaceChildren(eventTable('Recent events', stats.recent.slice(0, 20), 'No events yet.'));
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

function eventTable(caption, events, empty) {
  if (events.length === 0) return el('p', {class: 'empty', text: empty});
  return table(caption, ['When', 'Type', 'About'], events.map(e =>
    el('tr', {dataset: {type: e.type}},
      el('td', {text: when(e.occurredAt)}), el('td', {text: e.type}), el('td', {text: summary(e.body)}))));
}

function summary(body) {
  const parts = [];
  for (const key of ['nodeId', 'serviceId', 'applicationId', 'userId', 'name', 'username', 'reason', 'balance']) {
    if (body && body[key] !== undefined && body[key] !== null) parts.push(`${key} ${String(body[key]).slice(0, 36)}`);
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
