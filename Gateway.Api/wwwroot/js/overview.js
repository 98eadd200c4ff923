import { api, h, replace, band, labelsText, ago, number } from './core.js';

const RING = 2 * Math.PI * 52;

export async function refreshOverview() {
  const { ok, body } = await api('/api/v1/overview');
  if (!ok || !body) return false;

  const score = body.performanceScore;
  const scoreBand = body.systemHealth || band(score);
  document.getElementById('score-value').textContent = score === null || score === undefined ? '–' : Math.round(score);
  const scoreBandEl = document.getElementById('score-band');
  scoreBandEl.textContent = scoreBand;
  scoreBandEl.className = `band ${scoreBand}`;
  const arc = document.getElementById('score-arc');
  arc.setAttribute('stroke-dasharray', `${((score || 0) / 100) * RING} ${RING}`);
  arc.setAttribute('class', `ring-value ${scoreBand}${score === null || score === undefined ? ' none' : ''}`);

  document.getElementById('system-health').textContent = scoreBand;
  document.getElementById('system-health').className = `kpi-value band-text ${scoreBand}`;
  document.getElementById('alert-count').textContent = body.activeAlerts?.count ?? 0;
  const ingest = body.ingestRate || {};
  document.getElementById('ingest-rate').dataset.requests = ingest.requestsPerSecond ?? 0;
  document.getElementById('ingest-rate').textContent = ingest.samplesPerSecond !== null && ingest.samplesPerSecond !== undefined
    ? `${number(ingest.samplesPerSecond)}/s` : `${number(ingest.requestsPerSecond ?? 0, 2)} req/s`;
  document.getElementById('ingest-detail').textContent =
    `${number(ingest.requestsPerSecond ?? 0, 2)} requests/s · ${number((ingest.bytesPerSecond ?? 0) / 1024, 1)} KiB/s at the gateway`;
  document.getElementById('anomaly-count').textContent = (body.recentAnomalies || []).length;

  renderTiles(body.services || []);
  renderAlerts(body.activeAlerts?.items || []);
  renderAnomalies(body.recentAnomalies || []);
  const recommendations = body.recommendations || [];
  replace(document.getElementById('recommendations'), recommendations.length
    ? recommendations.map(r => h('li', {}, h('span', { class: 'grow' }, r)))
    : [h('li', { class: 'empty' }, 'None right now.')]);
  const sources = Object.entries(body.sources || {}).filter(([, v]) => v !== 'ok');
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
  replace(container, services.map(service => {
    const status = ['excellent', 'good', 'fair', 'poor'].includes(service.status) ? service.status : band(service.score);
    return h('div', { class: `tile ${status}`, dataset: { service: service.name } },
      h('div', { class: 'tile-head' },
        h('span', { class: 'tile-name', title: service.name }, service.name),
        h('span', { class: 'tile-score' }, service.score === null || service.score === undefined ? '–' : Math.round(service.score))),
      h('span', { class: `pill ${status}` }, service.status || status),
      h('div', { class: 'bars' }, (service.components || []).map(component => {
        const fill = h('span', { class: band(component.score) });
        fill.style.width = `${Math.max(0, Math.min(100, component.score ?? 0))}%`;
        return h('div', { class: 'bar-row' },
          h('span', {}, component.name),
          h('div', { class: 'bar' }, fill),
          h('span', {}, component.score === null || component.score === undefined ? '–' : Math.round(component.score)));
      })));
  }));
}

function renderAlerts(alerts) {
  replace(document.getElementById('active-alerts'), alerts.length
    ? alerts.map(alert => h('li', {},
        h('span', { class: `sev ${alert.severity || ''}` }, alert.severity || 'alert'),
        h('span', { class: 'grow' }, alert.ruleName || alert.name || 'alert',
          h('div', { class: 'sub' }, labelsText(alert.labels))),
        h('span', { class: 'sub' }, number(alert.value), ' · ', ago(alert.firedAt || alert.activeAt || alert.updatedAt))))
    : [h('li', { class: 'empty' }, 'Nothing is firing.')]);
}

function renderAnomalies(anomalies) {
  replace(document.getElementById('recent-anomalies'), anomalies.length
    ? anomalies.map(a => h('li', {},
        h('span', { class: `sev ${a.severity || 'warning'}` }, a.severity || 'anomaly'),
        h('span', { class: 'grow' }, a.metric || '', h('div', { class: 'sub' }, labelsText(a.labels))),
        h('span', { class: 'sub' }, `${number(a.value)} vs ${number(a.expected)}`, ' · ', ago(a.time || a.at || a.detectedAt))))
    : [h('li', { class: 'empty' }, 'No anomalies in the last hour.')]);
}
