import { api, h, replace, labelsText, ago, number, parseLabels } from './core.js';

const state = { metric: '', labels: '', minutes: 60, step: '1m', chart: null, series: [] };

const colors = { avg: '#4f8cff', p50: '#2fbf71', p95: '#e3b341', p99: '#f85149', band: 'rgba(163, 113, 247, 0.15)', anomaly: '#ff7b72' };

export function initExplorer() {
  const form = document.getElementById('explorer-form');
  form.addEventListener('submit', event => {
    event.preventDefault();
    state.metric = document.getElementById('ex-metric').value.trim();
    state.labels = document.getElementById('ex-labels').value.trim();
    state.minutes = Number(document.getElementById('ex-range').value);
    const query = new URLSearchParams({ metric: state.metric, labels: state.labels, range: state.minutes, step: state.step });
    history.replaceState(null, '', `#/explorer?${query}`);
    refreshExplorer();
  });
  for (const button of document.querySelectorAll('[data-step]')) {
    button.addEventListener('click', () => {
      state.step = button.dataset.step;
      document.querySelectorAll('[data-step]').forEach(b => b.classList.toggle('active', b === button));
      if (state.metric) form.requestSubmit();
    });
  }
  window.addEventListener('resize', () => state.chart?.setSize(size()));
}

/** Applies #/explorer?metric=..&labels=..&range=..&step=.. */
export function applyExplorerQuery(query) {
  const params = new URLSearchParams(query);
  if (params.get('metric')) {
    state.metric = params.get('metric');
    state.labels = params.get('labels') || '';
    state.minutes = Number(params.get('range') || 60);
    // The step buttons offer the steps the explorer draws; any other falls back to the first.
    const step = params.get('step');
    state.step = document.querySelector(`[data-step="${CSS.escape(step || '')}"]`) ? step : document.querySelector('[data-step]').dataset.step;
    document.getElementById('ex-metric').value = state.metric;
    document.getElementById('ex-labels').value = state.labels;
    document.getElementById('ex-range').value = String(state.minutes);
    document.querySelectorAll('[data-step]').forEach(b => b.classList.toggle('active', b.dataset.step === state.step));
  }
}

export async function refreshExplorer() {
  await loadSeriesCatalog();
  if (!state.metric) return true;
  const to = new Date();
  const from = new Date(to.getTime() - state.minutes * 60_000);
  const query = new URLSearchParams({ metric: state.metric, from: from.toISOString(), to: to.toISOString(), step: state.step });
  if (state.labels) query.set('labels', state.labels.replaceAll('=', ':'));
  const [rollups, anomalies] = await Promise.all([
    api(`/api/v1/rollups?${query}`),
    api(`/api/v1/anomalies?${new URLSearchParams({ metric: state.metric, from: from.toISOString(), to: to.toISOString() })}`),
  ]);
  document.getElementById('ex-title').textContent = state.metric;
  if (!rollups.ok) {
    document.getElementById('ex-meta').textContent = rollups.body?.detail || `Query failed (${rollups.status})`;
    return true;
  }
  const points = rollups.body.points;
  const wanted = parseLabels(state.labels);
  const found = (anomalies.ok ? anomalies.body.anomalies : [])
    .filter(a => Object.entries(wanted).every(([k, v]) => a.labels[k] === undefined || a.labels[k] === v));
  document.getElementById('ex-meta').textContent =
    `${rollups.body.series} series · ${points.length} points · step ${rollups.body.step} · ${found.length} anomalies`;
  draw(points, found);
  replace(document.getElementById('ex-anomalies'), found.length
    ? found.map(a => h('li', {}, h('span', { class: `sev ${a.severity}` }, a.severity),
        h('span', { class: 'grow' }, `${number(a.value)} (expected ${number(a.expected)}, band ${number(a.lower)}–${number(a.upper)})`,
          h('div', { class: 'sub' }, labelsText(a.labels))),
        h('span', { class: 'sub' }, ago(a.time))))
    : [h('li', { class: 'empty' }, 'None.')]);
  return true;
}

async function loadSeriesCatalog() {
  if (state.series.length) return;
  const { ok, body } = await api('/api/v1/series?limit=1000');
  if (!ok) return;
  state.series = body.series;
  const metrics = [...new Set(state.series.map(s => s.metric))].sort();
  replace(document.getElementById('ex-metrics'), metrics.map(m => h('option', { value: m })));
  const chips = document.getElementById('ex-labels-chips');
  const pairs = [...new Set(state.series.filter(s => !state.metric || s.metric === state.metric)
    .flatMap(s => Object.entries(s.labels).map(([k, v]) => `${k}:${v}`)))].slice(0, 40);
  replace(chips, pairs.map(pair => h('button', { type: 'button', class: 'chip', onclick: () => {
    const input = document.getElementById('ex-labels');
    input.value = input.value ? `${input.value},${pair}` : pair;
  } }, pair)));
}

function size() {
  const width = document.getElementById('chart').clientWidth || 900;
  return { width, height: 360 };
}

function draw(points, anomalies) {
  const container = document.getElementById('chart');
  document.getElementById('ex-empty').hidden = points.length > 0;
  const times = points.map(p => new Date(p.time).getTime() / 1000);
  const pick = name => points.map(p => p[name]);
  const lower = times.map(() => null);
  const upper = times.map(() => null);
  const marks = times.map(() => null);
  for (const anomaly of anomalies) {
    const at = new Date(anomaly.time).getTime() / 1000;
    let index = -1;
    let best = Infinity;
    times.forEach((t, i) => { const d = Math.abs(t - at); if (d < best) { best = d; index = i; } });
    if (index < 0) continue;
    marks[index] = anomaly.value;
    lower[index] = anomaly.lower;
    upper[index] = anomaly.upper;
  }
  const data = [times, pick('avg'), pick('p50'), pick('p95'), pick('p99'), upper, lower, marks];
  const options = {
    ...size(),
    cursor: { drag: { x: true, y: false } },
    scales: { x: { time: true } },
    axes: [
      { stroke: '#8b98a9', grid: { stroke: '#263041' }, ticks: { stroke: '#263041' } },
      { stroke: '#8b98a9', grid: { stroke: '#263041' }, ticks: { stroke: '#263041' }, size: 60 },
    ],
    series: [
      {},
      { label: 'avg', stroke: colors.avg, width: 2 },
      { label: 'p50', stroke: colors.p50, width: 1.5 },
      { label: 'p95', stroke: colors.p95, width: 1.5 },
      { label: 'p99', stroke: colors.p99, width: 1.5, dash: [6, 4] },
      { label: 'band upper', stroke: 'rgba(163,113,247,0.6)', width: 1, spanGaps: true },
      { label: 'band lower', stroke: 'rgba(163,113,247,0.6)', width: 1, spanGaps: true },
      { label: 'anomaly', stroke: colors.anomaly, width: 0, paths: () => null, points: { show: true, size: 10, fill: colors.anomaly, stroke: '#fff' } },
    ],
    bands: [{ series: [5, 6], fill: colors.band }],
  };
  state.chart?.destroy();
  state.chart = new window.uPlot(options, data, container);
}
