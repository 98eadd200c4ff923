import { api, h, replace, band, loadScoreBands, labelsText, ago, number } from './core.js';

const RING = 2 * Math.PI * 52;

// Reads GET /api/v1/overview as the gateway types it (Gateway.Api/Overview/OverviewResponse.cs).
export async function refreshOverview() {
  if (!await loadScoreBands()) return false;
  const { ok, body } = await api('/api/v1/overview');
  if (!ok || !body) return false;

  const score = body.performanceScore;
  const health = body.systemHealth;
  document.getElementById('score-value').textContent = score === null ? '–' : Math.round(score);
  const scoreBandEl = document.getElementById('score-band');
  scoreBandEl.textContent = health;
  scoreBandEl.className = `band ${health}`;
  const arc = document.getElementById('score-arc');
  arc.setAttribute('stroke-dasharray', `${((score ?? 0) / 100) * RING} ${RING}`);
  arc.setAttribute('class', `ring-value ${health}${score === null ? ' none' : ''}`);

  document.getElementById('system-health').textContent = health;
  document.getElementById('system-health').className = `kpi-value band-text ${health}`;
  document.getElementById('alert-count').textContent = body.activeAlerts.count;
  const ingest = body.ingestRate;
  document.getElementById('ingest-rate').dataset.requests = ingest.requestsPerSecond;
  document.getElementById('ingest-rate').textContent = `${number(ingest.requestsPerSecond, 2)} req/s`;
  document.getElementById('ingest-detail').textContent = `${number(ingest.bytesPerSecond / 1024, 1)} KiB/s at the gateway`;
  document.getElementById('anomaly-count').textContent = body.recentAnomalies.length;

  renderTiles(body.services);
  renderAlerts(body.activeAlerts.items);
  renderAnomalies(body.recentAnomalies);
  replace(document.getElementById('recommendations'), body.recommendations.length
    ? body.recommendations.map(r => h('li', {}, h('span', { class: 'grow' }, r)))
    : [h('li', { class: 'empty' }, 'None right now.')]);
  const sources = Object.entries(body.sources).filter(([, v]) => v !== 'ok');
  document.getElementById('sources').textContent = sources.length
    ? `Partial data: ${sources.map(([k, v]) => `${k} (${v})`).join(', ')}` : `Updated ${new Date(body.generatedAt).toLocaleTimeString()}`;
  return true;
}

function renderTiles(services) {
  const container = document.getElementById('service-tiles');
  if (!services.length) {
    replace(container, h('p', { class: 'empty' }, 'No health scores yet: send some samples.'));
    return;
  }
  replace(container, services.map(service => h('div', { class: `tile ${service.status}`, dataset: { service: service.name } },
    h('div', { class: 'tile-head' },
      h('span', { class: 'tile-name', title: service.name }, service.name),
      h('span', { class: 'tile-score' }, Math.round(service.score))),
    h('span', { class: `pill ${service.status}` }, service.status),
    h('div', { class: 'bars' }, service.components.map(component => {
      const fill = h('span', { class: band(component.score) });
      fill.style.width = `${Math.max(0, Math.min(100, component.score))}%`;
      return h('div', { class: 'bar-row', title: component.detail },
        h('span', {}, component.name),
        h('div', { class: 'bar' }, fill),
        h('span', {}, Math.round(component.score)));
    })))));
}

function renderAlerts(alerts) {
  replace(document.getElementById('active-alerts'), alerts.length
    ? alerts.map(alert => h('li', {},
        h('span', { class: `sev ${alert.severity}` }, alert.severity),
        h('span', { class: 'grow' }, alert.ruleName, h('div', { class: 'sub' }, labelsText(alert.labels))),
        h('span', { class: 'sub' }, number(alert.value), ' · ', ago(alert.firedAt))))
    : [h('li', { class: 'empty' }, 'Nothing is firing.')]);
}

function renderAnomalies(anomalies) {
  replace(document.getElementById('recent-anomalies'), anomalies.length
    ? anomalies.map(a => h('li', {},
        h('span', { class: `sev ${a.severity}` }, a.severity),
        h('span', { class: 'grow' }, a.metric, h('div', { class: 'sub' }, labelsText(a.labels))),
        h('span', { class: 'sub' }, `${number(a.value)} vs ${number(a.expected)}`, ' · ', ago(a.time))))
    : [h('li', { class: 'empty' }, 'No anomalies in the last hour.')]);
}
