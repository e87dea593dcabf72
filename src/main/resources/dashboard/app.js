// The claims-hub dashboard: plain JavaScript against the hub's own /api (no external downloads).
// Credentials are kept for this tab only (sessionStorage) and sent as HTTP basic auth.
'use strict';

const PAGE_SIZE = 25;
let offset = 0;

const api = {
  async get(path) {
    return request('GET', path);
  },
  async post(path) {
    return request('POST', path);
  },
  summary: () => api.get('/api/summary'),
  claims: (filters, offset) => api.get('/api/claims?' + new URLSearchParams({...filters, limit: PAGE_SIZE, offset})),
  claim: id => api.get('/api/claims/' + encodeURIComponent(id)),
  deadLetters: () => api.get('/api/dead-letters'),
  redeliver: file => api.post('/api/dead-letters/' + encodeURIComponent(file) + '/redeliver'),
};

async function request(method, path) {
  const credentials = sessionStorage.getItem('claimshub.credentials');
  const response = await fetch(path, {
    method,
    // X-Requested-With: the hub then answers 401 without a Basic challenge, so the browser shows no login box of its own
    headers: credentials ? {Authorization: 'Basic ' + credentials, 'X-Requested-With': 'claims-hub-dashboard'}
      : {'X-Requested-With': 'claims-hub-dashboard'},
  });
  if (response.status === 401) {
    showLogin('User or password not accepted.');
    throw new Error('not logged in');
  }
  const body = response.headers.get('Content-Type')?.includes('json') ? await response.json() : await response.text();
  if (!response.ok) {
    const message = body && body.error ? body.error : 'HTTP ' + response.status;
    throw new Error(message);
  }
  return body;
}

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function statusClass(status) {
  return 'status-' + String(status).toLowerCase().replace(/[ _]/g, '-');
}

function showLogin(message) {
  sessionStorage.removeItem('claimshub.credentials');
  document.getElementById('login-view').hidden = false;
  document.getElementById('app').hidden = true;
  document.getElementById('logout').hidden = true;
  document.getElementById('who').textContent = '';
  document.getElementById('login-error').textContent = message || '';
}

async function showApp() {
  document.getElementById('login-view').hidden = true;
  document.getElementById('app').hidden = false;
  document.getElementById('logout').hidden = false;
  document.getElementById('who').textContent = sessionStorage.getItem('claimshub.user') || '';
  // The summary first, alone: it checks the credentials once, so a wrong password counts as one failed login
  // (the hub throttles after a few) and a right one is remembered before the other requests need it.
  await loadSummary();
  await Promise.all([loadClaims(), loadDeadLetters()]);
}

async function loadSummary() {
  const summary = await api.summary();
  const payers = [...new Set(summary.counts.map(c => c.payer || '(none)'))].sort();
  const statuses = [...new Set(summary.counts.map(c => c.status))];
  const head = document.querySelector('#summary thead');
  const body = document.querySelector('#summary tbody');
  head.replaceChildren();
  body.replaceChildren();
  const headRow = el('tr');
  headRow.append(el('th', 'Status'), ...payers.map(p => el('th', p)), el('th', 'Total'));
  head.append(headRow);
  for (const status of statuses) {
    const row = el('tr');
    row.append(el('td', status, statusClass(status)));
    let total = 0;
    for (const payer of payers) {
      const count = summary.counts.find(c => c.status === status && (c.payer || '(none)') === payer)?.count || 0;
      total += count;
      row.append(el('td', count));
    }
    row.append(el('td', total));
    body.append(row);
  }
}

function filters() {
  const form = new FormData(document.getElementById('filters'));
  const result = {};
  for (const [key, value] of form.entries()) {
    if (value) result[key] = value;
  }
  return result;
}

async function loadClaims() {
  const page = await api.claims(filters(), offset);
  const body = document.querySelector('#claims tbody');
  body.replaceChildren();
  for (const claim of page.items) {
    const row = el('tr', null, 'clickable');
    row.dataset.claimId = claim.id;
    row.append(el('td', claim.id), el('td', claim.clinicId), el('td', claim.clm01), el('td', claim.payerId || ''),
      el('td', claim.status, statusClass(claim.status)), el('td', claim.totalCharge ?? ''), el('td', claim.receivedAt));
    row.addEventListener('click', () => showClaim(claim.id));
    body.append(row);
  }
  const last = Math.min(offset + page.items.length, page.total);
  document.getElementById('page').textContent = page.total === 0 ? 'no claims' : `${offset + 1}–${last} of ${page.total}`;
  document.getElementById('prev').disabled = offset === 0;
  document.getElementById('next').disabled = last >= page.total;
}

async function showClaim(id) {
  const claim = await api.claim(id);
  document.getElementById('detail').hidden = false;
  document.getElementById('detail-title').textContent = `${claim.clm01} (${claim.clinicId})`;
  const facts = document.getElementById('detail-facts');
  facts.replaceChildren();
  const file = (claim.files || [])[0] || {};
  const pairs = [['Status', claim.status], ['Payer', claim.payerId], ['Charge', claim.totalCharge],
    ['File', file.fileName], ['File status', file.batchStatus], ['ISA13', file.isa13], ['ST02', file.st02],
    ['Payer claim number', claim.payerClaimNumber], ['Received', claim.receivedAt],
    ['Source', claim.source ? [claim.source.kind, claim.source.name].filter(Boolean).join(' ') : null]];
  for (const [name, value] of pairs) {
    if (value !== undefined && value !== null) facts.append(el('dt', name), el('dd', value));
  }
  const reasons = document.getElementById('detail-reasons');
  reasons.replaceChildren(...(claim.reasons || []).map(r => el('li', `${r.where}: ${r.message} (${r.code})`)));
  if (!reasons.children.length) reasons.append(el('li', 'none'));
  const timeline = document.getElementById('detail-timeline');
  timeline.replaceChildren(...(claim.history || []).map(e => el('li', `${e.at} ${e.status}${e.detail ? ' — ' + e.detail : ''}`)));
  document.getElementById('detail').scrollIntoView();
}

async function loadDeadLetters() {
  const dead = await api.deadLetters();
  const body = document.querySelector('#dead tbody');
  body.replaceChildren();
  for (const letter of dead) {
    const row = el('tr');
    const button = el('button', 'Redeliver');
    button.addEventListener('click', async () => {
      button.disabled = true;
      try {
        await api.redeliver(letter.fileName);
        document.getElementById('dead-message').textContent = `${letter.fileName} queued for delivery again.`;
        await Promise.all([loadDeadLetters(), loadSummary(), loadClaims()]);
      } catch (e) {
        document.getElementById('dead-message').textContent = `${letter.fileName}: ${e.message}`;
        button.disabled = false;
      }
    });
    const action = el('td');
    action.append(button);
    row.append(el('td', letter.fileName), el('td', letter.payerId), el('td', letter.claimCount ?? ''),
      el('td', letter.lastError || ''), action);
    body.append(row);
  }
  if (!dead.length) {
    const row = el('tr');
    const cell = el('td', 'none');
    cell.colSpan = 5;
    row.append(cell);
    body.append(row);
  }
}

document.getElementById('login').addEventListener('submit', async event => {
  event.preventDefault();
  const user = document.getElementById('user').value;
  const password = document.getElementById('password').value;
  sessionStorage.setItem('claimshub.credentials', btoa(unescape(encodeURIComponent(user + ':' + password))));
  sessionStorage.setItem('claimshub.user', user);
  try {
    await showApp();
  } catch (e) {
    if (e.message !== 'not logged in') showLogin(e.message);
  }
});
document.getElementById('logout').addEventListener('click', () => showLogin());
document.getElementById('filters').addEventListener('submit', event => {
  event.preventDefault();
  offset = 0;
  loadClaims();
});
document.getElementById('prev').addEventListener('click', () => { offset = Math.max(0, offset - PAGE_SIZE); loadClaims(); });
document.getElementById('next').addEventListener('click', () => { offset += PAGE_SIZE; loadClaims(); });

if (sessionStorage.getItem('claimshub.credentials')) {
  showApp().catch(() => {});
} else {
  showLogin();
}
