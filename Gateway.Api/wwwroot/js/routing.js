import { api, h, replace, labelsText, parseLabels, toast } from './core.js';
import { showErrors, clearErrors, problemText } from './forms.js';

// Receivers (GET/POST/PUT/DELETE /api/v1/receivers) and the routing tree (GET/PUT /api/v1/routing as Alertmanager YAML,
// POST /api/v1/routing/dry-run). A receiver's secret is write-only: the list shows only whether one is set, and an
// edit that leaves the field empty keeps the stored one.
let receivers = [];

export function initRouting() {
  const form = document.getElementById('receiver-form');
  form.addEventListener('submit', event => { event.preventDefault(); saveReceiver(form); });
  document.getElementById('receiver-cancel').addEventListener('click', () => resetReceiver(form));
  document.getElementById('new-receiver').addEventListener('click', () => { resetReceiver(form); form.elements.name.focus(); });
  const routing = document.getElementById('routing-form');
  routing.addEventListener('submit', event => { event.preventDefault(); saveRouting(routing); });
  document.getElementById('routing-reload').addEventListener('click', () => loadRouting(true));
  const dryRun = document.getElementById('dry-run-form');
  dryRun.addEventListener('submit', event => { event.preventDefault(); runDryRun(dryRun); });
}

export async function loadReceivers() {
  const { ok, body } = await api('/api/v1/receivers');
  if (!ok) return;
  receivers = body;
  replace(document.querySelector('#receivers-table tbody'), receivers.length ? receivers.map(r => h('tr', { dataset: { receiver: r.name } },
    h('td', {}, h('strong', {}, r.name)),
    h('td', {}, r.kind),
    h('td', { class: 'history' }, r.target),
    h('td', {}, r.hasSecret ? 'set' : 'none'),
    h('td', {}, r.sendResolved ? 'yes' : 'no'),
    h('td', { class: 'actions-cell' },
      h('button', { class: 'small', onclick: () => editReceiver(r) }, 'Edit'),
      h('button', { class: 'small danger', onclick: () => removeReceiver(r) }, 'Delete'))))
    : [h('tr', {}, h('td', { colspan: 6, class: 'empty' }, 'No receivers yet: create one with the form.'))]);
}

function receiverFromForm(form) {
  const value = name => form.elements[name].value.trim();
  const receiver = { name: value('name'), kind: value('kind'), url: value('url') || null, sendResolved: form.elements.sendResolved.checked };
  // Left out, a PUT keeps the stored secret; an empty string removes it.
  if (value('secret')) receiver.secret = form.elements.secret.value;
  else if (form.elements.clearSecret.checked) receiver.secret = '';
  if (receiver.kind === 'email') {
    receiver.email = {
      to: value('emailTo').split(',').map(t => t.trim()).filter(Boolean), from: value('emailFrom'), smarthost: value('smarthost'),
      username: value('username') || null, requireTls: form.elements.requireTls.checked,
    };
  }
  return receiver;
}

async function saveReceiver(form) {
  clearErrors(form);
  const editing = form.elements.editing.value;
  const path = editing ? `/api/v1/receivers/${encodeURIComponent(editing)}` : '/api/v1/receivers';
  const { ok, status, body } = await api(path, { method: editing ? 'PUT' : 'POST', json: receiverFromForm(form) });
  if (ok) {
    toast(editing ? 'Receiver saved' : 'Receiver created');
    resetReceiver(form);
    await loadReceivers();
    return;
  }
  showErrors(form, document.getElementById('receiver-form-error'), status, body);
}

function resetReceiver(form) {
  clearErrors(form);
  form.reset();
  form.elements.editing.value = '';
  form.elements.name.readOnly = false;
  form.elements.secret.placeholder = 'signing key, Slack/Teams URL, SMTP password or routing key';
  document.getElementById('receiver-form-title').textContent = 'New receiver';
}

function editReceiver(receiver) {
  const form = document.getElementById('receiver-form');
  resetReceiver(form);
  document.getElementById('receiver-form-title').textContent = `Edit ${receiver.name}`;
  form.elements.editing.value = receiver.name;
  form.elements.name.value = receiver.name;
  form.elements.name.readOnly = true;
  form.elements.kind.value = receiver.kind;
  // Slack and Teams URLs are the secret: the target shows only their host, so the URL field stays empty for them.
  form.elements.url.value = ['webhook', 'alertmanager', 'pagerduty'].includes(receiver.kind) ? receiver.target : '';
  form.elements.secret.placeholder = receiver.hasSecret ? 'set: leave empty to keep it' : 'none set';
  form.elements.sendResolved.checked = !!receiver.sendResolved;
  if (receiver.email) {
    form.elements.emailTo.value = (receiver.email.to || []).join(', ');
    form.elements.emailFrom.value = receiver.email.from || '';
    form.elements.smarthost.value = receiver.email.smarthost || '';
    form.elements.username.value = receiver.email.username || '';
    form.elements.requireTls.checked = receiver.email.requireTls !== false;
  }
}

async function removeReceiver(receiver) {
  if (!confirm(`Delete the receiver "${receiver.name}"?`)) return;
  const { ok, status, body } = await api(`/api/v1/receivers/${encodeURIComponent(receiver.name)}`, { method: 'DELETE' });
  toast(ok ? 'Receiver deleted' : problemText(body, `Delete failed (${status})`));
  await loadReceivers();
}

// The editor is filled once (and on Reload), not on every poll, so a poll never overwrites what is being typed.
let routingLoaded = false;

export async function loadRouting(force = false) {
  if (routingLoaded && !force) return;
  const { ok, body } = await api('/api/v1/routing', { headers: { Accept: 'application/yaml' } });
  if (!ok) return;
  const editor = document.getElementById('routing-yaml');
  editor.value = typeof body === 'string' ? body : '';
  // What a browser test (or a user's script) waits for before reading or editing the tree.
  editor.dataset.loaded = 'true';
  routingLoaded = true;
}

async function saveRouting(form) {
  clearErrors(form);
  const { ok, status, body } = await api('/api/v1/routing', {
    method: 'PUT', headers: { Accept: 'application/json', 'Content-Type': 'application/yaml' }, body: form.elements.yaml.value,
  });
  if (ok) {
    toast('Routing saved');
    await loadRouting(true);
    return;
  }
  showErrors(form, document.getElementById('routing-form-error'), status, body);
}

async function runDryRun(form) {
  clearErrors(form);
  const { ok, status, body } = await api('/api/v1/routing/dry-run', { json: { labels: parseLabels(form.elements.labels.value) } });
  const list = document.getElementById('dry-run-result');
  if (!ok) {
    replace(list);
    showErrors(form, document.getElementById('dry-run-form-error'), status, body);
    return;
  }
  replace(list, body.routes.length ? body.routes.map(route => h('li', { dataset: { receiver: route.receiver } },
    h('strong', {}, route.receiver),
    h('div', { class: 'history' }, `route ${route.route} · grouped by ${labelsText(route.groupLabels) || 'nothing'}`),
    h('div', { class: 'history' }, `wait ${route.groupWait}, interval ${route.groupInterval}, repeat ${route.repeatInterval}${route.mutedNow ? ' · muted now' : ''}`),
    route.escalateTo ? h('div', { class: 'history' }, `escalates to ${route.escalateTo} after ${route.escalateAfter} unacknowledged (critical)`) : null))
    : [h('li', { class: 'empty' }, 'No receiver: no routing tree is configured.')]);
}
