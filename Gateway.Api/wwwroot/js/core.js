// Shared helpers: API calls with the session cookie, DOM building without innerHTML, formatting.

export class Unauthorized extends Error {}

export async function api(path, options = {}) {
  const init = { credentials: 'same-origin', headers: { Accept: 'application/json' }, ...options };
  if (options.json !== undefined) {
    init.method = init.method || 'POST';
    init.headers = { ...init.headers, 'Content-Type': 'application/json' };
    init.body = JSON.stringify(options.json);
  }
  const response = await fetch(path, init);
  if (response.status === 401) throw new Unauthorized();
  const text = await response.text();
  let body = null;
  try { body = text ? JSON.parse(text) : null; } catch { body = text; }
  return { ok: response.ok, status: response.status, body };
}

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else el.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export function replace(container, ...children) {
  container.replaceChildren(...children.flat().filter(c => c !== null && c !== undefined));
}

// The health-score bands as the gateway serves them (GET /api/v1/score-bands, defined once in Contracts), highest first.
let scoreBands = null;

/** Loads the bands once; false while the gateway has not answered them. */
export async function loadScoreBands() {
  if (scoreBands) return true;
  const { ok, body } = await api('/api/v1/score-bands');
  if (ok) scoreBands = body;
  return ok;
}

/** The band a score falls in: the first whose minimum it reaches, else the lowest. Needs loadScoreBands() first. */
export function band(score) {
  if (score === null) return scoreBands.unknown;
  return (scoreBands.bands.find(b => score >= b.minimum) ?? scoreBands.bands[scoreBands.bands.length - 1]).name;
}

export function labelsText(labels) {
  if (!labels || typeof labels !== 'object') return '';
  return Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(', ');
}

export function parseLabels(text) {
  const labels = {};
  for (const pair of (text || '').split(',').map(p => p.trim()).filter(Boolean)) {
    const at = pair.search(/[:=]/);
    if (at > 0) labels[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
  }
  return labels;
}

export function ago(time) {
  if (!time) return '';
  const seconds = Math.round((Date.now() - new Date(time).getTime()) / 1000);
  if (Number.isNaN(seconds)) return '';
  if (seconds < 60) return `${Math.max(seconds, 0)}s ago`;
  if (seconds < 3600) return `${Math.round(seconds / 60)}m ago`;
  if (seconds < 86400) return `${Math.round(seconds / 3600)}h ago`;
  return `${Math.round(seconds / 86400)}d ago`;
}

export function number(value, digits = 1) {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  const abs = Math.abs(value);
  if (abs >= 1e6) return (value / 1e6).toFixed(digits) + 'M';
  if (abs >= 1e4) return (value / 1e3).toFixed(digits) + 'k';
  return Number.isInteger(value) ? String(value) : value.toFixed(digits);
}

export function toast(message) {
  const el = document.getElementById('toast');
  el.textContent = message;
  el.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { el.hidden = true; }, 3500);
}
