import { api, h, replace, labelsText, ago, number, parseLabels, toast } from './core.js';
import { showErrors, clearErrors, problemText } from './forms.js';
import { initRouting, loadReceivers, loadRouting } from './routing.js';

let panel = 'rules';
let rules = [];

export function initAlerts() {
  for (const button of document.querySelectorAll('[data-sub]')) {
    button.addEventListener('click', () => showPanel(button.dataset.sub));
  }
  const form = document.getElementById('rule-form');
  form.addEventListener('submit', event => { event.preventDefault(); saveRule(form); });
  document.getElementById('rule-cancel').addEventListener('click', () => resetForm(form));
  document.getElementById('new-rule').addEventListener('click', () => { resetForm(form); form.elements.name.focus(); });
  const silence = document.getElementById('silence-form');
  silence.addEventListener('submit', event => { event.preventDefault(); saveSilence(silence); });
  initRouting();
}

export function showPanel(name) {
  panel = name;
  document.querySelectorAll('[data-sub]').forEach(b => b.classList.toggle('active', b.dataset.sub === name));
  document.querySelectorAll('[data-panel]').forEach(p => { p.hidden = p.dataset.panel !== name; });
  refreshAlerts();
}

export async function refreshAlerts() {
  if (panel === 'rules') await loadRules();
  else if (panel === 'firing') await loadAlerts();
  else if (panel === 'silences') await loadSilences();
  else if (panel === 'receivers') await loadReceivers();
  else if (panel === 'routing') await loadRouting();
  else await loadNotifications();
  return true;
}

const conditionText = { greater_than: '>', greater_or_equal: '≥', less_than: '<', less_or_equal: '≤', equals: '=', not_equals: '≠' };

async function loadRules() {
  const { ok, body } = await api('/api/v1/alert-rules');
  if (!ok) return;
  rules = body;
  const tbody = document.querySelector('#rules-table tbody');
  replace(tbody, rules.length ? rules.map(rule => h('tr', { dataset: { rule: rule.name } },
    h('td', {}, h('strong', {}, rule.name), h('div', { class: 'history' }, `${rule.kind} · ${labelsText(rule.labels) || 'all series'}`)),
    h('td', {}, `${rule.aggregation}(${rule.metric}) ${conditionText[rule.condition] || rule.condition} ${number(rule.threshold, 2)}`,
      h('div', { class: 'history' }, `over ${rule.window}, for ${rule.for}`)),
    h('td', {}, h('span', { class: `sev ${rule.severity}` }, rule.severity)),
    h('td', {}, h('button', { class: `switch ${rule.enabled ? 'on' : ''}`, title: rule.enabled ? 'Disable' : 'Enable', 'aria-label': 'Enabled',
      onclick: () => toggle(rule) })),
    h('td', { class: 'actions-cell' },
      h('button', { class: 'small', onclick: () => edit(rule) }, 'Edit'),
      h('button', { class: 'small', onclick: () => testRule(rule) }, 'Test'),
      rule.builtin ? null : h('button', { class: 'small danger', onclick: () => remove(rule) }, 'Delete'))))
    : [h('tr', {}, h('td', { colspan: 5, class: 'empty' }, 'No rules yet: create one with the form.'))]);
}

function ruleFromForm(form) {
  const value = name => form.elements[name].value.trim();
  return {
    name: value('name'), kind: value('kind'), metric: value('metric'), labels: parseLabels(value('labels')),
    aggregation: value('aggregation'), window: value('window'), condition: value('condition'),
    threshold: value('threshold') === '' ? null : Number(value('threshold')), for: value('for'), severity: value('severity'),
    cooldownMinutes: value('cooldownMinutes') === '' ? null : Number(value('cooldownMinutes')),
    webhookUrl: value('webhookUrl'), format: value('format'), enabled: form.elements.enabled.checked,
  };
}

async function saveRule(form) {
  clearErrors(form);
  const id = form.elements.id.value;
  // An edit keeps what the form does not show (matchers, groupBy, numerator, recovery, ...): PUT replaces the whole rule.
  const original = id ? rules.find(r => r.id === id) : null;
  const json = original ? { ...original, ...ruleFromForm(form) } : ruleFromForm(form);
  const { ok, status, body } = await api(id ? `/api/v1/alert-rules/${id}` : '/api/v1/alert-rules', { method: id ? 'PUT' : 'POST', json });
  if (ok) {
    toast(id ? 'Rule saved' : 'Rule created');
    resetForm(form);
    await loadRules();
    return;
  }
  showErrors(form, document.getElementById('rule-form-error'), status, body);
}

function resetForm(form) {
  clearErrors(form);
  form.reset();
  form.elements.id.value = '';
  document.getElementById('rule-form-title').textContent = 'New rule';
}

function edit(rule) {
  const form = document.getElementById('rule-form');
  resetForm(form);
  document.getElementById('rule-form-title').textContent = `Edit ${rule.name}`;
  form.elements.id.value = rule.id;
  for (const name of ['name', 'kind', 'metric', 'aggregation', 'window', 'condition', 'threshold', 'for', 'severity', 'cooldownMinutes', 'webhookUrl', 'format']) {
    if (rule[name] !== undefined && rule[name] !== null) form.elements[name].value = rule[name];
  }
  form.elements.labels.value = Object.entries(rule.labels).map(([k, v]) => `${k}:${v}`).join(',');
  form.elements.enabled.checked = !!rule.enabled;
}

async function toggle(rule) {
  const { ok, body, status } = await api(`/api/v1/alert-rules/${rule.id}`, { method: 'PUT', json: { ...rule, enabled: !rule.enabled } });
  toast(ok ? `${rule.name} ${rule.enabled ? 'disabled' : 'enabled'}` : problemText(body, `Failed (${status})`));
  await loadRules();
}

async function testRule(rule) {
  const { ok, status, body } = await api(`/api/v1/alert-rules/${rule.id}/test`, { method: 'POST' });
  toast(ok ? `Test notification queued for ${body.url}` : problemText(body, `Test failed (${status})`));
}

async function remove(rule) {
  if (!confirm(`Delete the rule "${rule.name}"?`)) return;
  const { ok, status } = await api(`/api/v1/alert-rules/${rule.id}`, { method: 'DELETE' });
  toast(ok ? 'Rule deleted' : `Delete failed (${status})`);
  await loadRules();
}

// When the alert last changed in a way its state names: pending since activeAt, firing since firedAt, resolved at resolvedAt.
function since(alert) {
  return { pending: alert.activeAt, firing: alert.firedAt, resolved: alert.resolvedAt }[alert.state] ?? alert.updatedAt;
}

async function loadAlerts() {
  const { ok, body } = await api('/api/v1/alerts?history=10');
  if (!ok) return;
  const alerts = body.sort((a, b) => (a.state === 'firing' ? -1 : 0) - (b.state === 'firing' ? -1 : 0));
  replace(document.querySelector('#alerts-table tbody'), alerts.length ? alerts.map(alert => h('tr', {},
    h('td', {}, h('span', { class: `state ${alert.state}` }, alert.silenced ? `${alert.state} (silenced)` : alert.state)),
    h('td', {}, alert.ruleName),
    h('td', {}, h('span', { class: `sev ${alert.severity}` }, alert.severity)),
    h('td', { class: 'history' }, labelsText(alert.labels)),
    h('td', {}, number(alert.value, 2)),
    h('td', {}, ago(since(alert))),
    h('td', {}, acknowledgement(alert)),
    h('td', { class: 'history' }, alert.history.map(t => h('div', {}, `${t.from} → ${t.to} at ${number(t.value, 2)} · ${ago(t.at)}`)))))
    : [h('tr', {}, h('td', { colspan: 8, class: 'empty' }, 'No alerts.'))]);
}

// "acknowledged by X at T" (and why) once someone did; a button on a firing alert nobody acknowledged yet.
function acknowledgement(alert) {
  if (alert.acknowledgedBy) {
    return h('div', { class: 'acked', dataset: { acknowledged: alert.id } },
      `acknowledged by ${alert.acknowledgedBy} at ${new Date(alert.acknowledgedAt).toLocaleString()}`,
      alert.acknowledgeComment ? h('div', { class: 'history' }, alert.acknowledgeComment) : null);
  }
  return alert.state === 'firing'
    ? h('button', { class: 'small', dataset: { acknowledge: alert.id }, onclick: () => acknowledge(alert) }, 'Acknowledge')
    : null;
}

const ACK_NAME = 'perfmon.acknowledgeAs';

async function acknowledge(alert) {
  const by = prompt(`Acknowledge ${alert.ruleName} as`, localStorage.getItem(ACK_NAME) || '');
  if (!by) return;
  localStorage.setItem(ACK_NAME, by);
  const comment = prompt('Comment (optional)', '') || null;
  const { ok, status, body } = await api(`/api/v1/alerts/${encodeURIComponent(alert.id)}/acknowledge`, { json: { by, comment } });
  toast(ok ? `${alert.ruleName} acknowledged` : problemText(body, `Acknowledge failed (${status})`));
  await loadAlerts();
}

async function loadSilences() {
  const { ok, body } = await api('/api/v1/silences');
  if (!ok) return;
  const silences = body;
  replace(document.querySelector('#silences-table tbody'), silences.length ? silences.map(s => h('tr', {},
    h('td', {}, h('span', { class: `state ${s.state}` }, s.state)),
    h('td', {}, s.matchers.map(m => `${m.name}${m.op}${m.value}`).join(', ')),
    h('td', {}, new Date(s.endsAt).toLocaleString()),
    h('td', { class: 'history' }, s.comment),
    h('td', { class: 'actions-cell' }, s.state === 'expired' ? null : h('button', { class: 'small', onclick: async () => {
      await api(`/api/v1/silences/${s.id}/expire`, { method: 'POST' });
      await loadSilences();
    } }, 'Expire'))))
    : [h('tr', {}, h('td', { colspan: 5, class: 'empty' }, 'No silences.'))]);
}

async function saveSilence(form) {
  clearErrors(form);
  const matchers = form.elements.matchers.value.split(',').map(m => m.trim()).filter(Boolean).map(m => {
    const match = m.match(/^([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*(.*)$/);
    return match ? { name: match[1], op: match[2], value: match[3] } : { name: m, op: '=', value: '' };
  });
  const { ok, status, body } = await api('/api/v1/silences', { json: { matchers, duration: form.elements.duration.value.trim(), comment: form.elements.comment.value.trim() } });
  if (ok) {
    toast('Silence created');
    form.reset();
    await loadSilences();
  } else {
    showErrors(form, document.getElementById('silence-form-error'), status, body);
  }
}

async function loadNotifications() {
  const [log, breakers] = await Promise.all([api('/api/v1/notifications'), api('/api/v1/notifications/breakers')]);
  if (breakers.ok && breakers.body && typeof breakers.body === 'object') {
    replace(document.getElementById('breakers'), Object.entries(breakers.body).map(([host, state]) =>
      h('span', { class: `state ${String(state).toLowerCase()}` }, `${host}: ${state}`)));
  }
  if (!log.ok) return;
  const rows = log.body;
  replace(document.querySelector('#notifications-table tbody'), rows.length ? rows.map(n => h('tr', {},
    h('td', {}, h('span', { class: `state ${n.status}` }, n.status)),
    h('td', {}, n.event),
    h('td', { class: 'history' }, n.url),
    h('td', {}, n.attempts),
    h('td', {}, n.lastStatusCode ?? '–', n.lastError ? h('div', { class: 'history' }, n.lastError) : null),
    h('td', {}, h('span', { class: `state ${n.breakerState.toLowerCase()}` }, n.breakerState)),
    h('td', {}, ago(n.createdAt))))
    : [h('tr', {}, h('td', { colspan: 7, class: 'empty' }, 'No notifications sent yet.'))]);
}
