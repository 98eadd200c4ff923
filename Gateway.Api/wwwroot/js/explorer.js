import { api, h, replace, labelsText, ago, number, parseLabels } from './core.js';

// from/to pin the window (a notification's link to the alert's time, or a range dragged on the chart); without them the
// explorer draws the last `minutes` up to now.
const state = { metric: '', labels: '', minutes: 60, step: '1m', from: null, to: null, drawn: null, asked: 0, chart: null, series: [] };

const colors = { avg: '#4f8cff', p50: '#2fbf71', p95: '#e3b341', p99: '#f85149', band: 'rgba(163, 113, 247, 0.15)', anomaly: '#ff7b72' };

const PINNED = 'pinned';

export function initExplorer() {
  const form = document.getElementById('explorer-form');
  form.addEventListener('submit', event => {
    event.preventDefault();
    state.metric = document.getElementById('ex-metric').value.trim();
    state.labels = document.getElementById('ex-labels').value.trim();
    const range = document.getElementById('ex-range').value;
    if (range !== PINNED) {
      state.from = null;
      state.to = null;
      state.minutes = Number(range);
    }
    showRange();
    refreshExplorer();
  });
  // A new range or step is drawn at once, and the URL follows, so a copied link opens what is on screen.
  document.getElementById('ex-range').addEventListener('change', () => {
    if (state.metric) form.requestSubmit();
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

/** Applies #/explorer?metric=..&labels=..&from=..&to=..&range=..&step=..; from and to, when both are times in order, win over range. */
export function applyExplorerQuery(query) {
  const params = new URLSearchParams(query);
  if (params.get('metric')) {
    state.metric = params.get('metric');
    state.labels = params.get('labels') || '';
    const pinned = pinnedWindow(params.get('from'), params.get('to'));
    state.from = pinned?.from ?? null;
    state.to = pinned?.to ?? null;
    state.minutes = pinned ? Math.ceil((pinned.to - pinned.from) / 60_000) : Number(params.get('range') || 60);
    // The step buttons offer the steps the explorer draws; any other falls back to the first.
    const step = params.get('step');
    state.step = document.querySelector(`[data-step="${CSS.escape(step || '')}"]`) ? step : document.querySelector('[data-step]').dataset.step;
    document.getElementById('ex-metric').value = state.metric;
    document.getElementById('ex-labels').value = state.labels;
    document.querySelectorAll('[data-step]').forEach(b => b.classList.toggle('active', b.dataset.step === state.step));
    showRange();
  }
}

function pinnedWindow(fromText, toText) {
  if (!fromText || !toText) return null;
  const from = new Date(fromText);
  const to = new Date(toText);
  return Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || from >= to ? null : { from, to };
}

/** Shows the range in the form (a pinned window as its own entry) and puts it into the URL. */
function showRange() {
  const select = document.getElementById('ex-range');
  const pinned = document.getElementById('ex-range-pinned');
  pinned.hidden = !state.from;
  if (state.from) {
    pinned.textContent = `${state.from.toLocaleString()} – ${state.to.toLocaleString()}`;
    select.value = PINNED;
  } else {
    select.value = String(state.minutes);
  }
  const query = new URLSearchParams({ metric: state.metric, labels: state.labels });
  if (state.from) {
    query.set('from', state.from.toISOString());
    query.set('to', state.to.toISOString());
  }
  query.set('range', state.minutes);
  query.set('step', state.step);
  history.replaceState(null, '', `#/explorer?${query}`);
}

/** A range dragged on the chart is pinned, as a link's is. */
function pin(from, to) {
  state.from = from;
  state.to = to;
  state.minutes = Math.max(1, Math.ceil((to - from) / 60_000));
  showRange();
  refreshExplorer();
}

function windowToDraw() {
  if (state.from) return { from: state.from, to: state.to };
  const to = new Date();
  return { from: new Date(to.getTime() - state.minutes * 60_000), to };
}

export async function refreshExplorer() {
  await loadSeriesCatalog();
  if (!state.metric) return true;
  const { from, to } = windowToDraw();
  // A poll that answers after a newer request (a range just picked) must not draw its older window over it.
  const asked = ++state.asked;
  const query = new URLSearchParams({ metric: state.metric, from: from.toISOString(), to: to.toISOString(), step: state.step });
  if (state.labels) query.set('labels', state.labels.replaceAll('=', ':'));
  const [rollups, anomalies] = await Promise.all([
    api(`/api/v1/rollups?${query}`),
    api(`/api/v1/anomalies?${new URLSearchParams({ metric: state.metric, from: from.toISOString(), to: to.toISOString() })}`),
  ]);
  if (asked !== state.asked) return true;
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
  draw(points, found, from, to);
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

function draw(points, anomalies, from, to) {
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
  state.drawn = { from, to };
  // The window drawn, for a reader of the page (and a browser test) to check against the URL.
  container.dataset.from = from.toISOString();
  container.dataset.to = to.toISOString();
  // Redrawn in place: a poll does not rebuild the chart under a user's cursor or drag.
  if (state.chart) {
    state.chart.setData(data);
    return;
  }
  const options = {
    ...size(),
    // A dragged range is pinned and fetched again (at its own resolution) instead of zoomed into the points on screen.
    cursor: { drag: { x: true, y: false, setScale: false } },
    // The x axis spans the window asked for, so a window with few points still reads as the time it covers.
    scales: { x: { time: true, range: () => [state.drawn.from.getTime() / 1000, state.drawn.to.getTime() / 1000] } },
    hooks: {
      setSelect: [u => {
        if (u.select.width < 1) return;
        const start = u.posToVal(u.select.left, 'x');
        const end = u.posToVal(u.select.left + u.select.width, 'x');
        u.setSelect({ left: 0, width: 0, top: 0, height: 0 }, false);
        pin(new Date(start * 1000), new Date(end * 1000));
      }],
    },
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
  state.chart = new window.uPlot(options, data, container);
}
