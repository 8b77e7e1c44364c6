// One application: its network, its services with their state, and adding a service.

import {api, download, sendDocument} from '../api.js';
import {act, debounce, el, errorSlot, field, stateBadge, table, title} from '../ui.js';
import {addressCell} from './service.js';

const ENDED = ['TERMINATED', 'FAILED', 'RELEASING'];

export async function render(view, [appId], ctx) {
  const app = await api('GET', `/api/apps/${appId}`);
  title(app.name);
  const deleting = app.state === 'DELETING';
  const network = el('p', {class: 'muted', id: 'app-network', text: 'network: being allocated…'});
  const services = el('div', {id: 'service-list'});
  view.append(...[
    el('nav', {class: 'crumbs', 'aria-label': 'Breadcrumb'}, el('a', {href: '#/apps', text: 'Applications'}), ' / ', app.name),
    el('h1', {dataset: {state: app.state}}, `${app.name} `, deleting ? stateBadge('DELETING') : null),
    deleting ? el('p', {id: 'app-deleting', role: 'status', text: 'Being deleted: its services are stopping and being removed; nothing can be changed.'}) : null,
    network,
    el('h2', {text: 'Services'}), services,
    deleting ? null : el('div', {class: 'columns'}, await addServiceForm(appId, () => load()), manifestCard(app, () => load()))]
    .filter(Boolean));

  const loadNetwork = async () => {
    try {
      const n = await api('GET', `/api/apps/${appId}/network`);
      network.textContent = `network ${n.network}: up to ${n.servicesPerApplication} services of ${n.agentsPerService} nodes`;
      return true;
    } catch (e) {
      network.textContent = e.status === 404 ? 'network: being allocated…' : `network: ${e.detail}`;
      return false;
    }
  };
  // vpn-service allocates the network moments after the application is created, and announces nothing
  const untilAllocated = async () => { if (!(await loadNetwork())) ctx.later(untilAllocated, 2000); };
  const load = async () => {
    const list = await api('GET', `/api/apps/${appId}/services`);
    services.replaceChildren(list.length === 0
      ? el('p', {class: 'empty', text: 'No services yet: add one below.'})
      : table('Services of this application', ['Name', 'State', 'Nodes', 'Address', 'Code version', 'Type', 'Cloud'], list.map(s => {
        const live = (s.nodes || []).filter(n => !ENDED.includes(n.state));
        const addresses = live.filter(n => n.state === 'RUNNING' && /:\d+$/.test(n.address || ''));
        return el('tr', {dataset: {serviceId: s.id, state: s.state}},
          el('td', {}, el('a', {href: `#/apps/${encodeURIComponent(appId)}/services/${encodeURIComponent(s.id)}`, text: s.name})),
          el('td', {}, stateBadge(s.state), s.removing ? el('small', {text: ' being removed'}) : null),
          el('td', {class: 'nodes', text: String(live.length)}),
          el('td', {class: 'address'}, addresses.length ? addresses.flatMap((n, i) => [i ? ' ' : '', addressCell(n.address)]) : '—'),
          el('td', {text: s.codeVersion ? `v${s.codeVersion}` : '—'}),
          el('td', {text: s.type}),
          el('td', {text: s.cloud || 'default'}));
      })));
  };
  const refresh = debounce(() => { load().catch(() => {}); }, 200);
  ctx.onEvent((type, body) => {
    if (body.applicationId === appId) {
      refresh();
      // the service's own state follows the node events inside app-service: read it again shortly
      ctx.later(refresh, 1500);
    }
  });
  await Promise.all([load(), untilAllocated()]);
}

async function addServiceForm(appId, reload) {
  const [catalog, clouds] = await Promise.all([
    api('GET', '/api/catalog'),
    api('GET', '/api/clouds').catch(() => []),
  ]);
  // only types some cloud of this deployment runs can be chosen; the others say what they miss
  const runnable = c => (c.runsOn || []).length > 0;
  const type = el('select', {id: 'new-service-type', name: 'type', required: true},
    catalog.filter(runnable).map(c => el('option', {value: c.type, text: `${c.type} — ${c.description}`})),
    catalog.filter(c => !runnable(c)).map(c => el('option', {value: c.type, disabled: true,
      text: `${c.type} — not available here: ${c.missing || 'no cloud runs it'}`})));
  const runsOn = el('p', {id: 'new-service-runs-on', class: 'muted'});
  const explain = () => {
    const chosen = catalog.find(c => c.type === type.value);
    runsOn.textContent = chosen && runnable(chosen) ? `Runs on: ${chosen.runsOn.join(', ')}` : '';
  };
  type.addEventListener('change', explain);
  explain();
  const name = el('input', {id: 'new-service-name', name: 'name', maxlength: 64, placeholder: 'optional'});
  const cloud = el('select', {id: 'new-service-cloud', name: 'cloud'},
    el('option', {value: '', text: 'the default cloud'}),
    clouds.map(c => el('option', {value: c.name, text: `${c.name} (${c.driver}${c.up ? '' : ', down'})`})));
  const error = errorSlot('add-service-error');
  const form = el('form', {class: 'card', 'aria-labelledby': 'add-service-title'},
    el('h2', {id: 'add-service-title', text: 'Add a service'}),
    field('Type', type), runsOn, field('Name', name), field('Cloud', cloud),
    error, el('button', {type: 'submit', id: 'add-service', text: 'Add service'}));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const body = {type: type.value};
    if (name.value.trim()) body.name = name.value.trim();
    if (cloud.value) body.cloud = cloud.value;
    const created = await act(error, form, () => api('POST', `/api/apps/${appId}/services`, body));
    if (created) {
      name.value = '';
      await reload();
    }
  });
  return form;
}

/**
 * Apply a manifest (conpaas.yml or JSON) to this application: the director adds and configures the
 * services and starts or scales them, and says each step, or lists every problem and changes
 * nothing. Code is not in a manifest sent from here: upload it on each service's page (cps push does both).
 */
function manifestCard(app, reload) {
  const file = el('input', {id: 'manifest-file', type: 'file', accept: '.yml,.yaml,.json', required: true});
  const dryRun = el('input', {id: 'manifest-dry-run', type: 'checkbox'});
  const error = errorSlot('manifest-error');
  const problems = el('ul', {id: 'manifest-problems', class: 'error'});
  const steps = el('ul', {id: 'manifest-steps'});
  const exportLink = el('button', {type: 'button', id: 'manifest-export', class: 'secondary', text: 'Download this application\'s manifest'});
  const form = el('form', {class: 'card', 'aria-labelledby': 'manifest-title'},
    el('h2', {id: 'manifest-title', text: 'Apply a manifest'}),
    el('p', {class: 'muted', text: 'A conpaas.yml describing the services (type, nodes, environment, health check, bindings): '
      + 'what differs is changed, the rest is left alone. cps push also uploads code.'}),
    field('Manifest', file), el('label', {class: 'toggle', for: 'manifest-dry-run'}, dryRun, el('span', {text: 'only show what would change'})),
    error, problems, el('button', {type: 'submit', id: 'manifest-apply', text: 'Apply'}), steps, exportLink);
  exportLink.addEventListener('click', () => act(error, form, () => download(`/api/apps/${app.id}/manifest`, `${app.name}.conpaas.json`)));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    problems.replaceChildren();
    steps.replaceChildren();
    const chosen = file.files[0];
    if (!chosen) return;
    const text = await chosen.text();
    const type = chosen.name.endsWith('.json') ? 'application/json' : 'application/yaml';
    let failure = null;
    const result = await act(error, form, async () => {
      try {
        return await sendDocument('PUT', `/api/apps/${app.id}/manifest${dryRun.checked ? '?dryRun=true' : ''}`, text, type);
      } catch (err) {
        failure = err;
        throw err;
      }
    });
    if (failure && failure.errors.length > 1) problems.replaceChildren(...failure.errors.map(p => el('li', {text: p})));
    if (!result) return;
    const lines = [...result.steps, ...result.notes.map(n => `note: ${n}`)];
    steps.replaceChildren(...(lines.length ? lines : [result.dryRun ? 'nothing would change' : 'nothing to change: the application matches it'])
      .map(line => el('li', {text: line})));
    if (result.pending) steps.append(el('li', {class: 'muted', text: 'some nodes change once their service is RUNNING: apply it again then'}));
    await reload();
  });
  return form;
}
