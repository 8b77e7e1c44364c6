// Names for identifiers, so pages show "shop / workers" and "dana" where the API gives UUIDs:
// the caller's applications and their services (an administrator's: every one), their nodes,
// and, for administrators, the users. Read once per page and again when asked.

import {api} from './api.js';

export async function nameDirectory({users = false} = {}) {
  const names = new Map();
  const services = new Map();
  const put = (id, name) => { if (id && name) names.set(String(id).toLowerCase(), name); };
  const [apps, nodes, people] = await Promise.all([
    api('GET', '/api/apps').catch(() => []),
    api('GET', '/api/nodes').catch(() => []),
    users ? api('GET', '/api/users').catch(() => []) : Promise.resolve([]),
  ]);
  await Promise.all(apps.map(async app => {
    put(app.id, app.name);
    (await api('GET', `/api/apps/${app.id}/services`).catch(() => [])).forEach(s => {
      put(s.id, `${app.name} / ${s.name}`);
      services.set(s.id, {name: s.name, app: app.name});
    });
  }));
  nodes.forEach(n => {
    const service = services.get(n.serviceId);
    put(n.id, `${service ? `${service.app} / ${service.name}` : n.serviceType} ${n.role} ${n.id.slice(0, 8)}`);
  });
  people.forEach(u => put(u.id, u.username));
  return names;
}
