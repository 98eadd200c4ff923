import { api, h, replace, number } from './core.js';

// The Reliability view: SLOs with the error budget left (from GET /api/v1/slos/{id}/budget) and the kept reports
// (GET /api/v1/reports). A report's HTML is shown in a sandboxed frame: it is escaped when made, and the sandbox
// keeps any script out anyway.
const BUDGET_DAYS = 7;
const BUDGET_STEP = '1h';
// Budgets are range queries over 30-day windows: asked once a minute, not on every poll of the view.
const REFRESH_MS = 60000;
const state = { selected: null, chart: null, report: null, refreshedAt: 0 };

function budgetClass(remaining) {
  if (remaining === null || remaining === undefined) return '';
  if (remaining <= 0) return 'poor';
  if (remaining < 0.25) return 'fair';
  return remaining < 0.75 ? 'good' : 'excellent';
}

function percent(value) {
  return value === null || value === undefined ? '–' : `${(value * 100).toFixed(1)}%`;
}

async function budgetOf(slo) {
  const end = Math.floor(Date.now() / 1000);
  const start = end - BUDGET_DAYS * 86400;
  const { ok, body } = await api(`/api/v1/slos/${slo.id}/budget?start=${start}&end=${end}&step=${BUDGET_STEP}`);
  return ok ? body.points : [];
}

function latest(points) {
  for (let i = points.length - 1; i >= 0; i--) if (points[i].remaining !== null) return points[i];
  return null;
}

function drawBudget(slo, points) {
  const container = document.getElementById('slo-chart');
  document.getElementById('slo-chart-title').textContent = `Error budget left: ${slo.name}`;
  const data = [points.map(p => new Date(p.time).getTime() / 1000), points.map(p => p.remaining === null ? null : p.remaining * 100),
    points.map(p => p.burnRate)];
  const options = {
    width: Math.max(container.clientWidth, 320), height: 240, scales: { x: { time: true }, burn: { auto: true } },
    axes: [
      { stroke: '#8b98a9', grid: { stroke: '#263041' } },
      { stroke: '#8b98a9', grid: { stroke: '#263041' }, values: (u, ticks) => ticks.map(t => `${t}%`), size: 60 },
      { side: 1, scale: 'burn', stroke: '#e3b341', grid: { show: false } },
    ],
    series: [{}, { label: 'budget left %', stroke: '#2fbf71', width: 2 }, { label: 'burn rate', stroke: '#e3b341', width: 1.5, scale: 'burn' }],
  };
  state.chart?.destroy();
  state.chart = new window.uPlot(options, data, container);
}

async function refreshSlos() {
  const { ok, body } = await api('/api/v1/slos');
  const tbody = document.querySelector('#slos-table tbody');
  if (!ok || !Array.isArray(body) || body.length === 0) {
    replace(tbody, h('tr', {}, h('td', { colspan: 6, class: 'empty' }, ok ? 'No SLOs yet: POST /api/v1/slos.' : 'Alerting did not answer.')));
    return;
  }
  const budgets = await Promise.all(body.map(budgetOf));
  replace(tbody, body.map((slo, i) => {
    const last = latest(budgets[i]);
    return h('tr', { class: state.selected === slo.id ? 'selected' : '', onclick: () => { state.selected = slo.id; drawBudget(slo, budgets[i]); } },
      h('td', {}, slo.name), h('td', {}, slo.service), h('td', {}, `${slo.objective}% / ${slo.window}`), h('td', {}, slo.indicator.kind),
      h('td', {}, h('span', { class: `pill ${budgetClass(last?.remaining)}` }, percent(last?.remaining))),
      h('td', {}, last?.burnRate === null || last?.burnRate === undefined ? '–' : `${number(last.burnRate, 2)}×`));
  }));
  const shown = body.findIndex(s => s.id === state.selected);
  const index = shown >= 0 ? shown : 0;
  state.selected = body[index].id;
  drawBudget(body[index], budgets[index]);
}

async function showReport(id) {
  const { ok, body } = await api(`/api/v1/reports/${id}`);
  if (!ok) return;
  state.report = id;
  document.getElementById('report-title').textContent = body.title;
  document.getElementById('report-frame').srcdoc = body.html;
}

async function refreshReports() {
  const { ok, body } = await api('/api/v1/reports?limit=30');
  const list = document.getElementById('reports-list');
  if (!ok || !Array.isArray(body) || body.length === 0) {
    replace(list, h('li', { class: 'empty' }, ok ? 'No reports yet: the daily one is made at 06:00 UTC.' : 'Alerting did not answer.'));
    return;
  }
  replace(list, body.map(r => h('li', {}, h('a', { href: '#/reliability', onclick: event => { event.preventDefault(); showReport(r.id); } }, r.title))));
  if (!state.report) await showReport(body[0].id);
}

export async function refreshReliability() {
  if (Date.now() - state.refreshedAt < REFRESH_MS) return;
  await Promise.all([refreshSlos(), refreshReports()]);
  state.refreshedAt = Date.now();
}
