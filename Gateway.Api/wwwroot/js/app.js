import { Unauthorized } from './core.js';
import { refreshOverview } from './overview.js';
import { initExplorer, applyExplorerQuery, refreshExplorer } from './explorer.js';
import { initAlerts, refreshAlerts } from './alerts.js';
import { refreshReliability } from './reliability.js';

// Live without reloading: the visible view polls every few seconds.
const POLL_MS = 5000;
const views = { overview: refreshOverview, explorer: refreshExplorer, alerts: refreshAlerts, reliability: refreshReliability };
let current = 'overview';
let timer = null;

function route() {
  const [path, query] = (location.hash.replace(/^#\/?/, '') || 'overview').split('?');
  current = views[path] ? path : 'overview';
  document.querySelectorAll('.tabs a').forEach(a => a.classList.toggle('active', a.dataset.view === current));
  document.querySelectorAll('main > .view').forEach(v => { v.hidden = v.id !== `view-${current}`; });
  if (current === 'explorer') applyExplorerQuery(query || '');
  tick();
}

async function tick() {
  clearTimeout(timer);
  const live = document.getElementById('live');
  try {
    await views[current]();
    live.classList.remove('stale');
    document.getElementById('live-text').textContent = `Live · ${new Date().toLocaleTimeString()}`;
  } catch (error) {
    if (error instanceof Unauthorized) {
      showSignIn();
      return;
    }
    live.classList.add('stale');
    document.getElementById('live-text').textContent = 'Reconnecting…';
  }
  timer = setTimeout(tick, POLL_MS);
}

// The login page takes the key in a form POST; keys never go into a URL.
function showSignIn() {
  location.assign('/login');
}

initExplorer();
initAlerts();
window.addEventListener('hashchange', route);
route();
