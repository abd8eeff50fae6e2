// Tollgate's dashboard: reads /admin/api/dashboard and /admin/api/config, draws with plain SVG, and
// sends config changes to /admin/api/config. No library, nothing from the network but this gateway.
'use strict';

const COLORS = ['#1a73e8', '#e8710a', '#137333', '#b3261e', '#9334e6', '#12b5cb', '#f9ab00', '#5f6368'];
const SVG = 'http://www.w3.org/2000/svg';
const $ = (selector) => document.querySelector(selector);
let latest = null;
let shownConfigVersion = null;

function el(tag, attributes, text) {
  const node = tag.startsWith('svg:') ? document.createElementNS(SVG, tag.slice(4)) : document.createElement(tag);
  Object.entries(attributes || {}).forEach(([k, v]) => node.setAttribute(k, v));
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}

async function api(path, options) {
  const response = await fetch(path, Object.assign({ credentials: 'same-origin' }, options || {}));
  if (response.status === 401 || response.status === 403) {
    window.location = '/login';
    throw new Error('not logged in');
  }
  const body = await response.json();
  if (!response.ok && response.status !== 422) throw new Error(body.error ? body.error.message : response.statusText);
  return body;
}

const usd = (v) => Number(v || 0) === 0 ? '$0' : '$' + Number(v).toFixed(Number(v) >= 1 ? 2 : 4);
const percent = (v) => v === null || v === undefined ? 'n/a' : (100 * v).toFixed(1) + '%';

function fillRows(table, rows) {
  const body = $(table + ' tbody');
  body.replaceChildren(...rows);
}

// A stacked bar chart: one bar per time bucket, one colour per series. Each rect carries its numbers.
function stackedBars(svg, points, seriesKey, valueKey, format) {
  svg.replaceChildren();
  const buckets = [...new Set(points.map((p) => p.bucket))].sort();
  const names = [...new Set(points.map((p) => p[seriesKey]))].sort();
  const width = svg.clientWidth || 600, height = svg.clientHeight || 220, left = 48, bottom = 36, legend = 16 * Math.ceil(names.length / 3);
  const totals = buckets.map((b) => points.filter((p) => p.bucket === b).reduce((s, p) => s + Number(p[valueKey]), 0));
  const max = Math.max(...totals, 0) || 1;
  const plotHeight = height - bottom - legend;
  const barWidth = buckets.length ? Math.max(4, Math.min(60, (width - left - 10) / buckets.length - 4)) : 0;
  svg.appendChild(el('svg:line', { x1: left, y1: plotHeight, x2: width, y2: plotHeight, stroke: '#999' }));
  svg.appendChild(el('svg:text', { x: left - 4, y: 12, 'text-anchor': 'end', class: 'legend' }, format(max)));
  svg.appendChild(el('svg:text', { x: left - 4, y: plotHeight, 'text-anchor': 'end', class: 'legend' }, format(0)));
  if (!buckets.length) {
    svg.appendChild(el('svg:text', { x: left + 10, y: plotHeight / 2, class: 'empty' }, 'no requests in this window'));
  }
  buckets.forEach((bucket, i) => {
    let y = plotHeight;
    const x = left + 4 + i * (barWidth + 4);
    names.forEach((name, n) => {
      const point = points.find((p) => p.bucket === bucket && p[seriesKey] === name);
      if (!point || Number(point[valueKey]) === 0) return;
      const value = Number(point[valueKey]);
      const h = Math.max(1, plotHeight * value / max);
      y -= h;
      const rect = el('svg:rect', { x, y, width: barWidth, height: h, fill: COLORS[n % COLORS.length],
        class: 'bar', 'data-series': name, 'data-bucket': bucket, 'data-value': value });
      rect.appendChild(el('svg:title', {}, `${name} ${bucket}: ${format(value)}`));
      svg.appendChild(rect);
    });
    if (i === 0 || i === buckets.length - 1) {
      svg.appendChild(el('svg:text', { x, y: plotHeight + 14, class: 'legend' }, bucket.slice(11) || bucket));
    }
  });
  names.forEach((name, n) => {
    const x = left + (n % 3) * ((width - left) / 3), y = height - legend + 12 + 16 * Math.floor(n / 3);
    svg.appendChild(el('svg:rect', { x, y: y - 9, width: 10, height: 10, fill: COLORS[n % COLORS.length] }));
    svg.appendChild(el('svg:text', { x: x + 14, y, class: 'legend' }, name));
  });
}

function budgetChart(spend) {
  const svg = $('#budget-chart');
  svg.replaceChildren();
  const width = svg.clientWidth || 600;
  const scale = Math.max(spend.projectedUsd, spend.budgetUsd || 0, spend.spentUsd) || 1;
  const bar = (y, value, color, cls, label) => {
    svg.appendChild(el('svg:rect', { x: 0, y, height: 18, width: Math.max(1, (width - 160) * value / scale), fill: color,
      class: cls, 'data-value': value }));
    svg.appendChild(el('svg:text', { x: width - 155, y: y + 13, class: 'legend' }, `${label} ${usd(value)}`));
  };
  bar(4, spend.spentUsd, '#1a73e8', 'spent', 'spent');
  bar(30, spend.projectedUsd, '#f9ab00', 'projected', 'projected');
  if (spend.budgetUsd !== null) {
    const x = (width - 160) * spend.budgetUsd / scale;
    svg.appendChild(el('svg:line', { x1: x, x2: x, y1: 0, y2: 52, stroke: '#b3261e', 'stroke-width': 2, class: 'budget' }));
  }
  $('#budget-note').textContent = spend.budgetUsd === null
    ? `No monthly budget is set; ${(100 * spend.monthElapsed).toFixed(0)}% of ${spend.month} has passed.`
    : `${usd(spend.spentUsd)} of ${usd(spend.budgetUsd)} (${percent(spend.spentUsd / spend.budgetUsd)}).`;
}

// The provider's tightest quota, as /admin/api/providers reports it: requests or tokens left, or credit left.
function quotaText(quota) {
  if (quota === null) return 'no limit set';
  const scope = quota.scope.startsWith('model:') ? ` (${quota.scope.slice(6)})` : '';
  return quota.credit_usd !== undefined
    ? `$${quota.left_usd} of $${quota.credit_usd} credit${scope}`
    : `${quota.left} of ${quota.max} ${quota.limit}${scope}`;
}

function render(data) {
  latest = data;
  document.querySelectorAll('.bucket').forEach((n) => { n.textContent = data.bucket; });
  $('#total-requests').textContent = data.totals.requests;
  $('#success-rate').textContent = percent(data.totals.successRate);
  $('#fallback-rate').textContent = percent(data.totals.fallbackRate);
  $('#escalation-rate').textContent = data.totals.escalationRate === null ? 'no requests yet' : percent(data.totals.escalationRate);
  $('#month-spend').textContent = usd(data.spend.spentUsd);
  $('#month-projection').textContent = usd(data.spend.projectedUsd);
  budgetChart(data.spend);
  fillRows('#providers', data.providers.map((p) => {
    const row = el('tr', { 'data-provider': p.name });
    row.append(el('td', {}, p.name), el('td', { class: 'status status-' + p.status }, p.status),
      el('td', {}, p.cooldownUntil ? `${p.cooldownUntil.replace('T', ' ').slice(0, 19)} (${p.cooldownScope})` : '–'),
      el('td', {}, quotaText(p.quotaLeft)),
      el('td', {}, p.reason || ''));
    const toggle = el('button', { class: 'toggle-provider', 'data-provider': p.name }, p.enabled ? 'Disable' : 'Enable');
    toggle.addEventListener('click', () => change(['providers', p.name, 'enabled'], !p.enabled));
    const cell = el('td');
    cell.appendChild(toggle);
    row.appendChild(cell);
    return row;
  }));
  drawCharts();
  fillRows('#free-tier', data.freeTier.map((f) => {
    const row = el('tr', { 'data-provider': f.provider });
    row.append(el('td', {}, f.provider), el('td', { class: 'free-requests' }, f.free_requests),
      el('td', {}, f.free_tokens), el('td', {}, f.dailyLimit === null ? 'not configured' : f.dailyLimit));
    return row;
  }));
  fillRows('#recent', data.recent.map((r) => {
    const row = el('tr', { 'data-decision': r.decision_id });
    row.append(el('td', {}, r.started_at.replace('T', ' ').slice(0, 19)),
      el('td', { class: 'model' }, r.model || '–'), el('td', { class: 'outcome' }, r.outcome),
      el('td', { class: 'cost' }, usd(r.cost_usd)), el('td', {}, r.attempts),
      el('td', { class: 'explanation' }, r.decision), el('td', { class: 'justification' }, r.justification || ''));
    return row;
  }));
  $('#updated').textContent = 'updated ' + data.generatedAt.replace('T', ' ').slice(0, 19) + ' UTC';
}

function drawCharts() {
  if (!latest) return;
  stackedBars($('#chart-requests'), regroup(latest.series, $('#requests-by').value), 'key', 'requests', (v) => String(Math.round(v * 100) / 100));
  stackedBars($('#chart-spend'), regroup(latest.series, $('#spend-by').value), 'key', 'cost_usd', usd);
}

// The series come per provider × model × coder; a chart shows them summed by one of those.
function regroup(series, by) {
  const sums = new Map();
  series.forEach((p) => {
    const id = p.bucket + '\u0000' + p[by];
    const s = sums.get(id) || { bucket: p.bucket, key: p[by], requests: 0, cost_usd: 0 };
    s.requests += Number(p.requests);
    s.cost_usd += Number(p.cost_usd);
    sums.set(id, s);
  });
  return [...sums.values()];
}

function renderConfig(config) {
  // Redrawn only when the policy changed, so that a reordering in progress is not undone by the refresh.
  if (config.version === shownConfigVersion) return;
  shownConfigVersion = config.version;
  $('#policy-version').textContent = 'policy v' + config.version;
  $('#overlay-file').textContent = config.overlayFile;
  $('#overlay').textContent = config.overlay || '(empty: nothing changed from the dashboard yet)';
  fillRows('#models', config.models.map((m) => {
    const row = el('tr', { 'data-model': m.name });
    const toggle = el('button', { class: 'toggle-model', 'data-model': m.name }, m.enabled ? 'Disable' : 'Enable');
    toggle.addEventListener('click', () => change(['models', m.name, 'enabled'], !m.enabled));
    const cell = el('td');
    cell.appendChild(toggle);
    row.append(el('td', {}, m.name + (m.enabled ? '' : ' (disabled)')), el('td', {}, m.provider), el('td', {}, m.free ? 'free' : 'paid'), cell);
    return row;
  }));
  if (!config.routes.length) {
    $('#routes').replaceChildren(el('p', {}, 'No routes in routes.yaml: every request is decided over the whole catalog.'));
  } else $('#routes').replaceChildren(...config.routes.map((r) => {
    const box = el('div', { class: 'route', 'data-route': r.name });
    box.appendChild(el('strong', {}, r.name));
    box.appendChild(document.createTextNode(` (${r.strategy})` + (r.candidates.length ? '' : ': every model in the catalog')));
    const list = el('ol');
    const order = [...r.candidates];
    const draw = () => {
      list.replaceChildren(...order.map((name, i) => {
        const item = el('li', { 'data-candidate': name }, name + ' ');
        const up = el('button', { class: 'up', title: 'earlier' }, '↑');
        up.disabled = i === 0;
        up.addEventListener('click', () => { [order[i - 1], order[i]] = [order[i], order[i - 1]]; draw(); });
        const down = el('button', { class: 'down', title: 'later' }, '↓');
        down.disabled = i === order.length - 1;
        down.addEventListener('click', () => { [order[i + 1], order[i]] = [order[i], order[i + 1]]; draw(); });
        item.append(up, down);
        return item;
      }));
    };
    draw();
    box.appendChild(list);
    if (order.length > 1) {
      const save = el('button', { class: 'save-order' }, 'Save order');
      save.addEventListener('click', () => change(['routes', r.name, 'candidates'], order));
      box.appendChild(save);
    }
    return box;
  }));
}

async function change(path, value) {
  const status = $('#config-status');
  status.textContent = 'applying…';
  try {
    const result = await api('/admin/api/config', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ path, value }) });
    status.textContent = result.applied ? `applied: policy v${result.version}` : 'refused: ' + result.problems.join('; ');
    status.className = result.applied ? 'applied' : 'refused';
  } catch (e) {
    status.textContent = 'failed: ' + e.message;
  }
  await refresh();
}

async function refresh() {
  try {
    const [data, config] = await Promise.all([api('/admin/api/dashboard?window=' + $('#window').value), api('/admin/api/config')]);
    render(data);
    renderConfig(config);
    $('#error').textContent = '';
    document.body.dataset.loaded = 'true';
  } catch (e) {
    $('#error').textContent = e.message;
  }
}

$('#window').addEventListener('change', refresh);
$('#requests-by').addEventListener('change', drawCharts);
$('#spend-by').addEventListener('change', drawCharts);
$('#set-value').addEventListener('submit', (event) => {
  event.preventDefault();
  let path, value;
  try {
    path = JSON.parse($('#set-path').value);
  } catch (e) {
    $('#config-status').textContent = 'the path must be a JSON list, e.g. ["gateway", "upstream-timeout-seconds"]';
    return;
  }
  const raw = $('#set-value-input').value;
  try { value = JSON.parse(raw); } catch (e) { value = raw; }
  change(path, value);
});
refresh();
// Every 5 s by default; /dashboard?refresh=N sets the seconds, 0 turns it off (a page that holds still).
const every = Number(new URLSearchParams(window.location.search).get('refresh') ?? 5);
if (every > 0) setInterval(refresh, every * 1000);
