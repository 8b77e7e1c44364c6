// One application: its network, its services with their state, and adding a service.

import {api} from '../api.js';
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
    deleting ? null : await addServiceForm(appId, () => load())].filter(Boolean));

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
