// The claims-hub dashboard: plain JavaScript against the hub's own /api (no external downloads, no library:
// a few hundred lines of DOM code do not pay for one). Every value from the hub is shown with textContent,
// never as HTML. Credentials are kept for this tab only (sessionStorage) and sent as HTTP basic auth.
'use strict';

const PAGE_SIZE = 25;
const LIST_SIZE = 10;
const REFRESH_MS = 10000;
// A clerk typing is not interrupted: no refresh within this long after the last key press.
const TYPING_PAUSE_MS = 15000;

const state = {claimsOffset: 0, unreadableOffset: 0, listOffsets: {}, lastKey: 0, choices: null, claim: null,
  encounter: null};

const api = {
  get: path => request('GET', path),
  post: (path, body) => request('POST', path, body),
  summary: () => api.get('/api/summary'),
  claims: (filters, offset) => api.get('/api/claims?' + new URLSearchParams({...filters, limit: PAGE_SIZE, offset})),
  claim: id => api.get('/api/claims/' + encodeURIComponent(id)),
  worklist: params => api.get('/api/worklist?' + new URLSearchParams(params)),
  unreadable: offset => api.get('/api/unreadable-inputs?' + new URLSearchParams({limit: PAGE_SIZE, offset})),
  unmatched: () => api.get('/api/unmatched-replies'),
  delivery: file => api.get('/api/deliveries/' + encodeURIComponent(file)),
  redeliver: file => api.post('/api/dead-letters/' + encodeURIComponent(file) + '/redeliver'),
  resubmit: (clinic, json) => api.post('/api/clinics/' + encodeURIComponent(clinic) + '/claims', json),
  encounter: (clinic, key) => api.get('/api/clinics/' + encodeURIComponent(clinic) + '/encounters/'
    + encodeURIComponent(key)),
  releaseEncounter: (clinic, key) => api.post('/api/clinics/' + encodeURIComponent(clinic) + '/encounters/'
    + encodeURIComponent(key) + '/release'),
  release: id => api.post('/api/claims/' + encodeURIComponent(id) + '/secondary/release'),
  remittances: clinic => api.get('/api/clinics/' + encodeURIComponent(clinic) + '/remittances'),
  remittanceClaims: (clinic, replyFileId, check) => api.get('/api/clinics/' + encodeURIComponent(clinic)
    + '/remittances/' + encodeURIComponent(replyFileId) + '/claims?' + new URLSearchParams({check})),
};

class HttpError extends Error {
  constructor(status, message, body) {
    super(message);
    this.status = status;
    this.body = body;
  }
}

async function request(method, path, body) {
  const credentials = sessionStorage.getItem('claimshub.credentials');
  // X-Requested-With: the hub then answers 401 without a Basic challenge, so the browser shows no login box of its own
  const headers = {'X-Requested-With': 'claims-hub-dashboard'};
  if (credentials) headers.Authorization = 'Basic ' + credentials;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, {method, headers, body});
  if (response.status === 401) {
    showLogin('User or password not accepted.');
    throw new HttpError(401, 'not logged in');
  }
  const answer = response.headers.get('Content-Type')?.includes('json') ? await response.json() : await response.text();
  if (!response.ok && !(answer && answer.outcome)) {
    throw new HttpError(response.status, answer && answer.error ? answer.error : 'HTTP ' + response.status, answer);
  }
  return answer;
}

// --- formatting: the browser's time zone and language, dates as a clerk writes them ----------------

const DATE = new Intl.DateTimeFormat(undefined, {year: 'numeric', month: '2-digit', day: '2-digit'});
const DATE_TIME = new Intl.DateTimeFormat(undefined, {year: 'numeric', month: '2-digit', day: '2-digit',
  hour: 'numeric', minute: '2-digit', timeZoneName: 'short'});
const TIME = new Intl.DateTimeFormat(undefined, {hour: 'numeric', minute: '2-digit', second: '2-digit'});
const MONEY = new Intl.NumberFormat(undefined, {style: 'currency', currency: 'USD'});

/** A calendar date (2026-10-20 or 20261020) as the clerk's locale writes it; no time zone shift. */
function formatDate(text) {
  if (!text) return '';
  const match = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(String(text));
  return match ? DATE.format(new Date(+match[1], +match[2] - 1, +match[3])) : String(text);
}

/** A moment (an ISO instant from the hub, UTC) in the browser's time zone. */
function formatMoment(text) {
  if (!text) return '';
  const date = new Date(text);
  return isNaN(date) ? String(text) : DATE_TIME.format(date);
}

function formatMoney(value) {
  return value === null || value === undefined || value === '' ? '' : MONEY.format(Number(value));
}

const STATUS_WORDS = {
  'rejected': "Rejected by the hub's checks", 'superseded': 'Replaced by a corrected claim',
  'validated': 'Checked, waiting to be sent', 'queued': 'In a file waiting to be sent', 'sending': 'Being sent',
  'delivered': 'Sent to the payer', 'printed': 'Printed (paper claim)', 'dead': 'Could not be delivered',
  'acknowledged': 'Received by the payer', 'accepted': 'Accepted by the payer', 'payer rejected': 'Rejected by the payer',
  'partially paid': 'Partly paid', 'paid': 'Paid', 'denied': 'Denied', 'reversed': 'Payment taken back',
  'file set aside': 'File could not be read', 'message unreadable': 'Message could not be read',
};

function statusWords(status) {
  return STATUS_WORDS[status] || status || '';
}

// --- DOM helpers: text only ------------------------------------------------------------------------

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function cell(text, className) {
  return el('td', text === undefined || text === null ? '' : String(text), className);
}

function claimLink(id, text) {
  const link = el('a', text || ('#' + id));
  link.href = '#/claims/' + encodeURIComponent(id);
  return link;
}

function encounterLink(clinicId, key, text) {
  const link = el('a', text || key);
  link.href = '#/encounters/' + encodeURIComponent(clinicId) + '/' + encodeURIComponent(key);
  return link;
}

function emptyRow(body, columns, text) {
  const row = el('tr');
  const only = cell(text, 'empty');
  only.colSpan = columns;
  row.append(only);
  body.append(row);
}

function statusClass(status) {
  return 'status-' + String(status).toLowerCase().replace(/[ _]/g, '-');
}

function confirmAction(text) {
  const dialog = document.getElementById('confirm');
  document.getElementById('confirm-text').textContent = text;
  return new Promise(resolve => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), {once: true});
    dialog.returnValue = '';
    dialog.showModal();
    document.getElementById('confirm-cancel').focus();
  });
}

// --- log in and out --------------------------------------------------------------------------------

function showLogin(message) {
  sessionStorage.removeItem('claimshub.credentials');
  document.getElementById('login-view').hidden = false;
  document.getElementById('app').hidden = true;
  document.getElementById('nav').hidden = true;
  document.getElementById('logout').hidden = true;
  document.getElementById('who').textContent = '';
  document.getElementById('refreshed').textContent = '';
  document.getElementById('login-error').textContent = message || '';
}

async function showApp() {
  document.getElementById('login-view').hidden = true;
  document.getElementById('app').hidden = false;
  document.getElementById('nav').hidden = false;
  document.getElementById('logout').hidden = false;
  document.getElementById('who').textContent = sessionStorage.getItem('claimshub.user') || '';
  // One request first, alone: it checks the credentials once, so a wrong password counts as one failed login
  // (the hub throttles after a few) and a right one is remembered before the other requests need it.
  await api.summary();
  await route();
}

// --- pages -----------------------------------------------------------------------------------------

function currentPage() {
  const hash = location.hash || '#/attention';
  const claim = /^#\/claims\/(\d+)$/.exec(hash);
  if (claim) return {page: 'claim', id: claim[1]};
  const encounter = /^#\/encounters\/([^/]+)\/(.+)$/.exec(hash);
  if (encounter) return {page: 'encounter', clinicId: decodeURIComponent(encounter[1]), key: decodeURIComponent(encounter[2])};
  const name = hash.replace(/^#\//, '');
  return {page: ['attention', 'claims', 'remittances', 'inputs'].includes(name) ? name : 'attention'};
}

async function route() {
  const {page, id, clinicId, key} = currentPage();
  for (const node of document.querySelectorAll('.page')) node.hidden = node.id !== 'page-' + page;
  for (const link of document.querySelectorAll('#nav a')) {
    if (link.dataset.page === page) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  document.getElementById('app-error').textContent = '';
  try {
    if (page === 'claim') await showClaim(id);
    else if (page === 'encounter') await showEncounter(clinicId, key);
    else await refresh();
  } catch (e) {
    if (e.status !== 401) document.getElementById('app-error').textContent = e.message;
  }
}

/** Reloads what the current page shows (the claim page is not reloaded under a clerk's edits). */
async function refresh() {
  const {page, clinicId, key} = currentPage();
  if (page === 'attention') await loadAttention();
  else if (page === 'encounter') await showEncounter(clinicId, key);
  else if (page === 'claims') await Promise.all([loadSummary(), loadClaims()]);
  else if (page === 'remittances') await loadRemittances();
  else if (page === 'inputs') await Promise.all([loadUnreadable(), loadUnmatched()]);
  else await loadAttentionCount();
  document.getElementById('refreshed').textContent = 'Updated ' + TIME.format(new Date());
}

function fillChoices(worklists) {
  if (state.choices) return;
  state.choices = worklists;
  for (const select of document.querySelectorAll('select.clinic-choice')) {
    for (const clinic of worklists.clinics) select.append(option(clinic.id, clinic.name));
  }
  for (const select of document.querySelectorAll('select.payer-choice')) {
    for (const payer of worklists.payers) select.append(option(payer.id, payer.name));
  }
}

function option(value, text) {
  const node = el('option', text);
  node.value = value;
  return node;
}

function formValues(id) {
  const result = {};
  for (const [key, value] of new FormData(document.getElementById(id)).entries()) {
    if (value) result[key] = value;
  }
  return result;
}

// --- Needs attention -------------------------------------------------------------------------------

async function loadAttentionCount() {
  const worklists = await api.worklist({limit: 1});
  fillChoices(worklists);
  showCount(worklists.lists);
}

function showCount(lists) {
  const total = lists.reduce((sum, list) => sum + (list.total || 0), 0);
  document.getElementById('attention-count').textContent = String(total);
}

async function loadAttention() {
  const filters = formValues('attention-filters');
  const worklists = await api.worklist({...filters, limit: LIST_SIZE});
  fillChoices(worklists);
  const lists = await Promise.all(worklists.lists.map(list => {
    const offset = state.listOffsets[list.key] || 0;
    return offset === 0 || list.total === null ? list
      : api.worklist({...filters, list: list.key, limit: LIST_SIZE, offset}).then(answer => answer.lists[0]);
  }));
  showCount(lists);
  const counts = document.getElementById('attention-counts');
  counts.replaceChildren(...lists.filter(list => list.total !== null).map(list => {
    const item = el('li');
    const link = el('a', `${list.title}: ${list.total}`);
    link.href = '#list-' + list.key;
    link.addEventListener('click', event => {
      event.preventDefault();
      document.getElementById('list-' + list.key).scrollIntoView();
    });
    item.append(link);
    if (list.total > 0) item.className = 'has-work';
    return item;
  }));
  const container = document.getElementById('attention-lists');
  // Empty lists are only a count above: the screen shows what needs work.
  container.replaceChildren(...lists.filter(list => list.total > 0).map(renderList));
  if (!container.children.length) container.append(el('p', 'Nothing needs attention.', 'hint'));
}

function renderList(list) {
  const section = el('section');
  section.id = 'list-' + list.key;
  section.append(el('h2', `${list.title} (${list.total})`));
  section.append(el('p', 'Next: ' + list.nextAction, 'hint'));
  const table = el('table', null, 'worklist');
  const head = el('tr');
  const claims = !['unreadable', 'unmatched'].includes(list.key);
  const columns = claims ? ['Patient', 'Account', 'Date of service', 'Payer', 'Amount', 'Reason', 'Next action', '']
    : ['When', 'Clinic', 'File', 'Reason', 'Next action'];
  head.append(...columns.map(name => el('th', name, name === 'Amount' ? 'amount' : null)));
  const thead = el('thead');
  thead.append(head);
  const body = el('tbody');
  for (const item of list.items) {
    const row = el('tr');
    if (claims) {
      const account = cell(item.claimId || list.key === 'held' ? '' : item.account);
      if (item.claimId) {
        account.append(claimLink(item.claimId, item.account));
        row.dataset.claimId = item.claimId;
      } else if (list.key === 'held') {
        account.append(encounterLink(item.clinicId, item.account));
        row.dataset.encounter = item.account;
      }
      row.append(cell(item.patient ?? 'removed (retention)'), account, cell(formatDate(item.dateOfService)),
        cell(payerName(item.payerId)), cell(formatMoney(item.amount), 'amount'), cell(reasonWithFile(list.key, item), 'reason'),
        cell(item.nextAction), actionCell(list.key, item));
    } else {
      row.append(cell(formatMoment(item.at)), cell(item.clinicId ?? payerName(item.payerId)), cell(item.fileName),
        cell(item.reason, 'reason'), cell(item.nextAction));
    }
    body.append(row);
  }
  if (!list.items.length) emptyRow(body, columns.length, 'Nothing here.');
  table.append(thead, body);
  section.append(table);
  if (list.total > LIST_SIZE) section.append(pager(list));
  return section;
}

/** A dead claim's reason names its file: the clerk redelivers files, not claims. */
function reasonWithFile(listKey, item) {
  return listKey === 'dead' && item.fileName && !String(item.reason).includes(item.fileName)
    ? `File ${item.fileName}: ${item.reason}` : item.reason;
}

function pager(list) {
  const offset = list.offset || 0;
  const box = el('p', null, 'pager');
  const prev = el('button', 'Previous');
  const next = el('button', 'Next');
  prev.disabled = offset === 0;
  next.disabled = offset + list.items.length >= list.total;
  prev.addEventListener('click', () => { state.listOffsets[list.key] = Math.max(0, offset - LIST_SIZE); loadAttention(); });
  next.addEventListener('click', () => { state.listOffsets[list.key] = offset + LIST_SIZE; loadAttention(); });
  const last = offset + list.items.length;
  box.append(prev, el('span', list.total === 0 ? '' : ` ${offset + 1}–${last} of ${list.total} `), next);
  return box;
}

function clinicName(id) {
  const clinic = state.choices?.clinics.find(c => c.id === id);
  return clinic ? clinic.name : id;
}

function payerName(id) {
  if (!id) return '';
  const payer = state.choices?.payers.find(p => p.id === id);
  return payer ? payer.name : id;
}

function actionCell(listKey, item) {
  const action = cell('');
  if (listKey === 'dead' && item.fileName) {
    const button = el('button', 'Redeliver');
    button.addEventListener('click', () => redeliver(item.fileName, button, document.getElementById('attention-message')));
    action.append(button);
  } else if (listKey === 'held') {
    const button = el('button', 'Release');
    button.addEventListener('click', () => releaseEncounter(item, button));
    action.append(button);
  } else if (item.claimId) {
    const open = claimLink(item.claimId, 'Open');
    open.className = 'button-link';
    action.append(open);
  }
  return action;
}

async function releaseEncounter(item, button) {
  const question = `Release the visit ${item.account} (${item.patient || 'patient'}) to be billed?`;
  button.disabled = true;
  await releaseVisit(item.clinicId, item.account, question, document.getElementById('attention-message'));
  button.disabled = false;
  await refresh();
}

/** After the clerk confirms, releases the visit (the hub audits it) and says in the message element what happened. */
async function releaseVisit(clinicId, key, question, message) {
  if (!await confirmAction(question)) return;
  try {
    await api.releaseEncounter(clinicId, key);
    message.textContent = `${key}: released; the hub bills it at its next release round.`;
    message.className = 'outcome good';
  } catch (e) {
    message.textContent = `${key}: ${e.status === 403 ? 'Not allowed: ' : ''}${e.message}`;
    message.className = 'outcome error';
  }
}

/**
 * Redeliver, then follow the file until the delivery's first attempt has an outcome, and say what it was:
 * "queued" is not an outcome (the file may be dead again a second later).
 */
async function redeliver(fileName, button, message) {
  if (!await confirmAction(`Send the file ${fileName} to the payer again?`)) return;
  button.disabled = true;
  message.textContent = `${fileName}: sending again…`;
  try {
    await api.redeliver(fileName);
    const deadline = Date.now() + 60000;
    let delivery = await api.delivery(fileName);
    while ((delivery.attempts === 0 || delivery.status === 'sending') && Date.now() < deadline) {
      await new Promise(resolve => setTimeout(resolve, 1000));
      delivery = await api.delivery(fileName);
    }
    message.textContent = deliveryOutcome(delivery);
    message.className = 'outcome ' + (delivery.status === 'delivered' ? 'good' : 'error');
  } catch (e) {
    message.textContent = `${fileName}: ${e.message}`;
    message.className = 'outcome error';
  }
  button.disabled = false;
  await refresh();
}

function deliveryOutcome(delivery) {
  const name = delivery.fileName;
  if (delivery.status === 'delivered') return `${name}: delivered to the payer.`;
  if (delivery.status === 'dead') return `${name}: failed again — ${delivery.lastError}. It is set aside again.`;
  if (delivery.attempts === 0) return `${name}: waiting to be sent; no attempt yet after a minute.`;
  return `${name}: attempt ${delivery.attempts} failed — ${delivery.lastError}. The hub tries again at `
    + `${formatMoment(delivery.nextAttemptAt)}.`;
}

// --- claims list (search) --------------------------------------------------------------------------

async function loadSummary() {
  const summary = await api.summary();
  const payers = [...new Set(summary.counts.map(c => c.payer || '(none)'))].sort();
  const statuses = [...new Set(summary.counts.map(c => c.status))];
  const head = document.querySelector('#summary thead');
  const body = document.querySelector('#summary tbody');
  const headRow = el('tr');
  headRow.append(el('th', 'Status'), ...payers.map(p => el('th', p === '(none)' ? p : payerName(p))), el('th', 'Total'));
  head.replaceChildren(headRow);
  body.replaceChildren();
  for (const status of statuses) {
    const row = el('tr');
    row.dataset.status = status;
    row.append(cell(statusWords(status), statusClass(status)));
    let total = 0;
    for (const payer of payers) {
      const count = summary.counts.find(c => c.status === status && (c.payer || '(none)') === payer)?.count || 0;
      total += count;
      row.append(cell(count));
    }
    row.append(cell(total));
    body.append(row);
  }
}

async function loadClaims() {
  if (!state.choices) await loadAttentionCount();
  const page = await api.claims(formValues('filters'), state.claimsOffset);
  const body = document.querySelector('#claims tbody');
  body.replaceChildren();
  for (const claim of page.items) {
    const row = el('tr');
    row.dataset.claimId = claim.id;
    const account = cell('');
    account.append(claimLink(claim.id, claim.clm01));
    row.append(account, cell(claim.clinicId), cell(payerName(claim.payerId)),
      cell(statusWords(claim.status), statusClass(claim.status)), cell(formatMoney(claim.totalCharge), 'amount'),
      cell(formatMoment(claim.receivedAt)));
    body.append(row);
  }
  if (!page.items.length) emptyRow(body, 6, 'No claims found.');
  const last = Math.min(state.claimsOffset + page.items.length, page.total);
  document.getElementById('page').textContent = page.total === 0 ? '' : `${state.claimsOffset + 1}–${last} of ${page.total}`;
  document.getElementById('prev').disabled = state.claimsOffset === 0;
  document.getElementById('next').disabled = last >= page.total;
}

// --- one claim -------------------------------------------------------------------------------------

async function showClaim(id) {
  if (!state.choices) await loadAttentionCount();
  const claim = await api.claim(id);
  state.claim = claim;
  const payload = claim.payload || {};
  const patient = payload.patient;
  document.getElementById('claim-title').textContent = `${claim.clm01} — ${patient
    ? [patient.lastName, patient.firstName].filter(Boolean).join(', ') : 'patient data removed (retention)'}`;
  const dates = (payload.lines || []).map(line => line.serviceDate).filter(Boolean).sort();
  const file = (claim.files || [])[0] || {};
  const facts = [
    ['Status', statusWords(claim.status)],
    ['Patient', patient ? [patient.lastName, patient.firstName, patient.middleName].filter(Boolean).join(', ') : null],
    ['Date of birth', patient ? formatDate(patient.birthDate) : null],
    ['Account', claim.clm01],
    ['Clinic', clinicName(claim.clinicId)],
    ['Date of service', dates.length ? formatDate(dates[0]) + (dates[0] !== dates[dates.length - 1]
      ? ' – ' + formatDate(dates[dates.length - 1]) : '') : null],
    ['Payer', payerName(claim.payerId)],
    ['Billed', formatMoney(claim.totalCharge)],
    ['Payer claim number', claim.payerClaimNumber],
    ['Payer\'s acknowledgement', claim.acknowledgement ? [statusWords(claim.acknowledgement.status),
      ...(claim.acknowledgement.reasons || []).map(r => `${r.code}: ${r.text}`)].join('; ') : null],
    ['Received', formatMoment(claim.receivedAt)],
    ['Source', claim.source ? [claim.source.kind, claim.source.name, claim.source.controlId].filter(Boolean).join(' ') : null],
    ['Sent in file', file.fileName],
    ['Patient data', claim.payloadPurgedAt ? 'removed on ' + formatMoment(claim.payloadPurgedAt) : null],
  ];
  const list = document.getElementById('claim-facts');
  list.replaceChildren();
  for (const [name, value] of facts) {
    if (value) list.append(el('dt', name), el('dd', value));
  }
  const reasons = document.getElementById('claim-reasons');
  reasons.replaceChildren(...(claim.reasons || []).map(r => el('li', `${r.where}: ${r.message}`)));
  if (!reasons.children.length) reasons.append(...replyReasons(claim).map(line => el('li', line)));
  document.getElementById('claim-reasons-box').hidden = !reasons.children.length;
  showLines(payload, claim.payment);
  const visit = document.getElementById('claim-encounter');
  visit.replaceChildren();
  if (claim.source && claim.source.kind === 'encounter') {
    visit.append(encounterLink(claim.clinicId, claim.source.name, 'Charges and credits of this visit'));
  }
  document.getElementById('claim-timeline').replaceChildren(...(claim.history || []).map(event => {
    const item = el('li');
    item.append(el('time', formatMoment(event.at)), el('strong', ' ' + statusWords(event.status)));
    if (event.detail) item.append(el('span', ' — ' + event.detail, 'detail'));
    return item;
  }));
  await showRelated(claim);
  showActions(claim);
}

/**
 * For a hub that lists no reasons for a payer's answer: the reasons the event that set the claim's status
 * recorded (its first line names the reply, the others are the payer's reasons).
 */
function replyReasons(claim) {
  const event = [...(claim.history || [])].reverse().find(e => e.status === claim.status && e.detail);
  if (!event || !['denied', 'payer rejected', 'dead'].includes(claim.status)) return [];
  const lines = event.detail.split('\n').filter(Boolean);
  return claim.status === 'dead' || lines.length === 1 ? lines : lines.slice(1);
}

/** Lines as sent, with what the payer's 835 said about each (found by the line control number). */
function showLines(payload, payment) {
  const paid = new Map(((payment && payment.lines) || []).map(line => [line.lineControlNumber, line]));
  const body = document.querySelector('#claim-lines tbody');
  body.replaceChildren();
  for (const line of payload.lines || []) {
    const answer = paid.get(line.lineControlNumber) || {};
    const row = el('tr');
    row.append(cell(formatDate(line.serviceDate)),
      cell([line.procedureCode, ...(line.modifiers || [])].filter(Boolean).join(' ') + (line.units > 1 ? ` ×${line.units}` : '')),
      cell(formatMoney(line.chargeAmount), 'amount'), cell(formatMoney(answer.allowed), 'amount'),
      cell(formatMoney(answer.paid), 'amount'), cell(formatMoney(answer.patientResponsibility), 'amount'),
      cell(adjustmentWords(answer.adjustments, answer.remarks)));
    body.append(row);
  }
  if (!(payload.lines || []).length) emptyRow(body, 7, 'The claim\'s lines were removed (retention).');
  const box = document.getElementById('claim-payment');
  box.replaceChildren();
  if (payment) {
    const facts = el('dl', null, 'facts');
    const pairs = [['Payer\'s decision', payment.claimStatusText], ['Billed', formatMoney(payment.billed)],
      ['Allowed', formatMoney(payment.allowed)], ['Paid', formatMoney(payment.paid)],
      ['Patient owes', formatMoney(payment.patientResponsibility)],
      ['Adjustments', adjustmentWords(payment.adjustments, payment.remarks)]];
    if (payment.remittance) {
      pairs.push(['Paid by', `${payment.remittance.checkOrEftNumber} on ${formatDate(payment.remittance.paymentDate)}`
        + ` (${formatMoney(payment.remittance.amount)} in all)`]);
    }
    for (const [name, value] of pairs) if (value) facts.append(el('dt', name), el('dd', value));
    box.append(el('h3', 'Payment'), facts);
  }
}

function adjustmentWords(adjustments, remarks) {
  const parts = (adjustments || []).map(a => `${a.groupText || a.group}: ${a.text || a.code} (${formatMoney(a.amount)})`);
  for (const remark of remarks || []) parts.push(`${remark.code}: ${remark.text}`);
  return parts.join('; ');
}

async function showRelated(claim) {
  const related = document.getElementById('claim-related');
  related.replaceChildren();
  const others = await api.claims({clm01: claim.clm01, clinic: claim.clinicId}, 0);
  for (const other of others.items.filter(o => o.id !== claim.id)) {
    const item = el('li');
    item.append(claimLink(other.id, `${other.clm01} to ${payerName(other.payerId)}`),
      el('span', ` — ${statusWords(other.status)}, received ${formatMoment(other.receivedAt)}`));
    related.append(item);
  }
  if (claim.secondaryClaim) {
    const item = el('li');
    item.append(el('span', 'Next payer\'s claim: '), claimLink(claim.secondaryClaim.id,
      `${claim.secondaryClaim.clm01} to ${payerName(claim.secondaryClaim.payerId)}`),
    el('span', ` — ${statusWords(claim.secondaryClaim.status)}`));
    related.append(item);
  }
  if (!related.children.length) related.append(el('li', 'none'));
}

function showActions(claim) {
  const corrected = structuredClone(claim.payload || {});
  // A claim the payer has (it gave a claim number) is corrected with a replacement: frequency 7 and its number.
  if (claim.payerClaimNumber) {
    corrected.frequencyCode = '7';
    corrected.originalPayerClaimNumber = claim.payerClaimNumber;
  }
  document.getElementById('corrected').value = claim.payload ? JSON.stringify(corrected, null, 2) : '';
  document.getElementById('resubmit-box').hidden = !claim.payload;
  document.getElementById('release').hidden = !(claim.payment && !claim.secondaryClaim);
  document.getElementById('claim-actions-hint').textContent = claim.payload
    ? 'Resubmitting sends the corrected claim through the same checks as a new one; it needs the operator role and is recorded in the audit log.'
    : 'The claim\'s content was removed (retention): correct it in the EHR and send it again.';
  document.getElementById('action-message').textContent = '';
}

async function resubmit() {
  const claim = state.claim;
  const message = document.getElementById('action-message');
  let json;
  try {
    json = JSON.stringify(JSON.parse(document.getElementById('corrected').value));
  } catch (e) {
    message.textContent = 'The corrected claim is not valid JSON: ' + e.message;
    return;
  }
  if (!await confirmAction(`Send a corrected claim for account ${claim.clm01} to ${payerName(claim.payerId)}?`)) return;
  try {
    showSubmission(await api.resubmit(claim.clinicId, json), 'Corrected claim');
  } catch (e) {
    message.textContent = e.status === 403 ? 'Not allowed: ' + e.message : e.message;
  }
}

async function release() {
  const claim = state.claim;
  const message = document.getElementById('action-message');
  if (!await confirmAction(`Release the next payer's claim for account ${claim.clm01}?`)) return;
  try {
    showSubmission(await api.release(claim.id), 'Next payer\'s claim');
  } catch (e) {
    message.textContent = e.status === 404 ? 'No next payer\'s claim is held for this claim.' : e.message;
  }
}

function showSubmission(result, what) {
  const message = document.getElementById('action-message');
  message.replaceChildren();
  if (result.outcome === 'accepted') {
    message.append(el('span', `${what} accepted: `), claimLink(result.claimId, 'claim #' + result.claimId));
  } else if (result.outcome === 'duplicate') {
    message.append(el('span', `${what} is the same as one the hub already has: `), claimLink(result.claimId, 'claim #' + result.claimId));
  } else {
    message.append(el('span', `${what} ${result.outcome}: ` + (result.reasons || [])
      .map(r => `${r.where}: ${r.message}`).join('; ')));
  }
}

// --- one visit (charge capture): its charges and credits --------------------------------------------

const ENCOUNTER_WORDS = {
  HELD: 'Held: charges are still being collected', BILLED: 'Billed', REJECTED: "Its claim was rejected by the hub's checks",
  REVERSED: 'Every charge was reversed', WAITING_PAYER_ID: "Waiting for the payer's claim number (277CA or 835)",
  PARKED: 'Changed after its claim was sent: held for a clerk',
};
const RELEASABLE = ['HELD', 'PARKED', 'WAITING_PAYER_ID'];

async function showEncounter(clinicId, key) {
  if (!state.choices) await loadAttentionCount();
  const encounter = await api.encounter(clinicId, key);
  // a later claim with the visit's own account number replaced the first; one with a suffix only added lines
  const sameAccount = new Set((await api.claims({clinic: clinicId, clm01: key}, 0)).items.map(c => c.id));
  const first = encounter.claimIds[0];
  document.getElementById('encounter-title').textContent = `${key} — ${clinicName(clinicId)}`;
  const claims = el('span');
  encounter.claimIds.forEach((id, i) => {
    if (i) claims.append(', ');
    claims.append(claimLink(id, '#' + id + (i === 0 ? '' : sameAccount.has(id) ? ' (replacement)' : ' (added lines)')));
  });
  const facts = [
    ['State', ENCOUNTER_WORDS[encounter.state] || encounter.state],
    ['Bill hold ends', encounter.state === 'HELD' && encounter.releaseAt ? formatMoment(encounter.releaseAt) : null],
    ['Claims', encounter.claimIds.length ? claims : null],
    ['What happened last', encounter.detail],
    ['First charge received', formatMoment(encounter.createdAt)],
    ['Last change', formatMoment(encounter.updatedAt)],
  ];
  const list = document.getElementById('encounter-facts');
  list.replaceChildren();
  for (const [name, value] of facts) {
    if (!value) continue;
    const dd = el('dd');
    dd.append(value);
    list.append(el('dt', name), dd);
  }
  list.dataset.state = encounter.state;
  const byId = new Map(encounter.lines.map(line => [line.id, line]));
  const body = document.querySelector('#encounter-lines tbody');
  body.replaceChildren();
  for (const line of encounter.lines) {
    const row = el('tr');
    row.dataset.line = line.transactionId || line.id;
    row.append(cell(formatMoment(line.receivedAt)), cell(line.kind === 'CHARGE' ? 'Charge' : 'Credit'),
      cell(line.transactionId), cell(line.messageControlId), cell(formatDate(line.serviceDate)),
      cell([line.procedureCode, ...(line.modifiers ? line.modifiers.split(':') : [])].filter(Boolean).join(' ')
        + (line.units > 1 ? ` ×${Number(line.units)}` : '')),
      cell(formatMoney(line.amount), 'amount'), lineState(encounter, line, byId, first, sameAccount));
    body.append(row);
  }
  if (!encounter.lines.length) emptyRow(body, 8, 'No charges.');
  document.getElementById('encounter-release').hidden = !RELEASABLE.includes(encounter.state);
  state.encounter = encounter;
}

/** A line's state in words: held until, billed on claim X, reversed by credit Y, sent as replacement Z, unmatched. */
function lineState(encounter, line, byId, first, sameAccount) {
  const td = cell('', 'reason');
  const name = id => {
    const other = byId.get(id);
    return other ? (other.transactionId || other.procedureCode || '#' + id) : '#' + id;
  };
  const credited = Number(line.credited) > 0 && line.kind === 'CHARGE' && line.state !== 'REVERSED'
    ? ` (${formatMoney(line.credited)} credited)` : '';
  if (line.kind === 'CHARGE' && line.state === 'HELD') {
    td.textContent = (encounter.state === 'HELD' && encounter.releaseAt
      ? 'Held until ' + formatMoment(encounter.releaseAt)
      : encounter.state === 'PARKED' ? 'Held for a clerk'
        : encounter.state === 'WAITING_PAYER_ID' ? "Waiting for the payer's claim number" : 'Not billed') + credited;
  } else if (line.kind === 'CHARGE' && line.state === 'BILLED') {
    const replacement = line.billedOnClaim !== first && sameAccount.has(line.billedOnClaim);
    td.append(replacement ? 'Sent as replacement claim ' : 'Billed on claim ',
      claimLink(line.billedOnClaim, '#' + line.billedOnClaim), credited);
  } else if (line.kind === 'CHARGE' && line.state === 'REVERSED') {
    td.textContent = 'Reversed by credit ' + name(line.reversedBy);
  } else if (line.state === 'APPLIED') {
    const charge = byId.get(line.reverses);
    td.textContent = (charge && charge.state === 'REVERSED' && charge.reversedBy === line.id ? 'Reverses charge '
      : 'Takes back part of charge ') + name(line.reverses);
  } else if (line.state === 'UNMATCHED') {
    td.textContent = 'Unmatched credit, not applied: ' + line.reason;
  } else {
    td.textContent = 'Refused: ' + line.reason;
  }
  return td;
}

async function releaseThisVisit() {
  const {clinicId, encounterKey} = state.encounter;
  await releaseVisit(clinicId, encounterKey, `Release the visit ${encounterKey} to be billed now?`,
    document.getElementById('encounter-message'));
  await showEncounter(clinicId, encounterKey);
}

// --- remittances -----------------------------------------------------------------------------------

async function loadRemittances() {
  if (!state.choices) await loadAttentionCount();
  const select = document.getElementById('remittance-clinic');
  const body = document.querySelector('#remittances tbody');
  const message = document.getElementById('remittance-message');
  if (!select.value) return;
  body.replaceChildren();
  message.textContent = '';
  let remittances;
  try {
    remittances = await api.remittances(select.value);
  } catch (e) {
    if (e.status === 404 || e.status === 405) {
      message.textContent = 'This hub does not record remittances per clinic yet.';
      return;
    }
    throw e;
  }
  for (const remittance of remittances) {
    const row = el('tr');
    row.append(cell(formatDate(remittance.paymentDate)), cell(payerName(remittance.payerId)),
      cell(remittance.checkNumber), cell(formatMoney(remittance.amount), 'amount'),
      cell((remittance.adjustments || []).map(a => `${a.reasonText || a.reasonCode} ${a.reference || ''}: `
        + formatMoney(a.amount)).join('; ')), claimsButton(select.value, remittance, row));
    body.append(row);
  }
  if (!remittances.length) emptyRow(body, 6, 'No remittances for this clinic.');
}

/** "Claims" opens a row under the remittance with the clinic's claims paid in it. */
function claimsButton(clinic, remittance, row) {
  const action = cell('');
  const button = el('button', 'Claims');
  button.setAttribute('aria-expanded', 'false');
  button.addEventListener('click', async () => {
    if (row.nextElementSibling?.classList.contains('paid-claims')) {
      row.nextElementSibling.remove();
      button.setAttribute('aria-expanded', 'false');
      return;
    }
    const claims = await api.remittanceClaims(clinic, remittance.replyFileId, remittance.checkNumber);
    const detail = el('tr', null, 'paid-claims');
    const inner = cell('');
    inner.colSpan = 6;
    const table = el('table');
    const head = el('tr');
    head.append(...['Account', 'Patient', 'Date of service', 'Status', 'Billed', 'Paid', 'Patient owes']
      .map(name => el('th', name, ['Billed', 'Paid', 'Patient owes'].includes(name) ? 'amount' : null)));
    const thead = el('thead');
    thead.append(head);
    const body = el('tbody');
    for (const claim of claims) {
      const line = el('tr');
      const account = cell('');
      account.append(claimLink(claim.claimId, claim.account));
      line.append(account, cell(claim.patient), cell(formatDate(claim.dateOfService)), cell(statusWords(claim.status)),
        cell(formatMoney(claim.billed), 'amount'), cell(formatMoney(claim.paid), 'amount'),
        cell(formatMoney(claim.patientResponsibility), 'amount'));
      body.append(line);
    }
    if (!claims.length) emptyRow(body, 7, 'No claims of this clinic in this payment.');
    table.append(thead, body);
    inner.append(table);
    detail.append(inner);
    row.after(detail);
    button.setAttribute('aria-expanded', 'true');
  });
  action.append(button);
  return action;
}

// --- unreadable inputs and unmatched replies -------------------------------------------------------

async function loadUnreadable() {
  const page = await api.unreadable(state.unreadableOffset);
  const body = document.querySelector('#unreadable tbody');
  body.replaceChildren();
  for (const input of page.items) {
    const row = el('tr');
    row.append(cell(formatMoment(input.at)), cell(input.clinicId), cell(input.fileName),
      cell(input.kind === 'file' ? 'the whole file' : `message ${input.messageNumber}`
        + (input.controlId ? ` (${input.controlId})` : '')), cell(input.reason, 'reason'));
    body.append(row);
  }
  if (!page.items.length) emptyRow(body, 5, 'Nothing unreadable.');
  const last = state.unreadableOffset + page.items.length;
  document.getElementById('unreadable-page').textContent = page.total ? `${state.unreadableOffset + 1}–${last} of ${page.total}` : '';
  document.getElementById('unreadable-prev').disabled = state.unreadableOffset === 0;
  document.getElementById('unreadable-next').disabled = last >= page.total;
}

async function loadUnmatched() {
  const body = document.querySelector('#unmatched tbody');
  let replies;
  try {
    replies = await api.unmatched();
  } catch (e) {
    body.replaceChildren();
    emptyRow(body, 5, e.status === 403 ? 'Shown only to users for every clinic.' : e.message);
    return;
  }
  body.replaceChildren();
  for (const reply of replies) {
    const row = el('tr');
    row.append(cell(payerName(reply.payerId)), cell(reply.kind), cell(reply.reference), cell(reply.detail, 'reason'),
      cell(String(reply.storedName || '').split(/[\\/]/).pop()));
    body.append(row);
  }
  if (!replies.length) emptyRow(body, 5, 'Every reply matched a claim.');
}

// --- wiring ----------------------------------------------------------------------------------------

document.getElementById('login').addEventListener('submit', async event => {
  event.preventDefault();
  const user = document.getElementById('user').value;
  const password = document.getElementById('password').value;
  sessionStorage.setItem('claimshub.credentials', btoa(unescape(encodeURIComponent(user + ':' + password))));
  sessionStorage.setItem('claimshub.user', user);
  try {
    await showApp();
  } catch (e) {
    if (e.status !== 401) showLogin(e.message);
  }
});
document.getElementById('logout').addEventListener('click', () => showLogin());
document.getElementById('filters').addEventListener('submit', event => {
  event.preventDefault();
  state.claimsOffset = 0;
  loadClaims();
});
document.getElementById('attention-filters').addEventListener('change', () => {
  state.listOffsets = {};
  loadAttention();
});
document.getElementById('remittance-clinic').addEventListener('change', () => loadRemittances());
document.getElementById('prev').addEventListener('click', () => { state.claimsOffset = Math.max(0, state.claimsOffset - PAGE_SIZE); loadClaims(); });
document.getElementById('next').addEventListener('click', () => { state.claimsOffset += PAGE_SIZE; loadClaims(); });
document.getElementById('unreadable-prev').addEventListener('click', () => { state.unreadableOffset = Math.max(0, state.unreadableOffset - PAGE_SIZE); loadUnreadable(); });
document.getElementById('unreadable-next').addEventListener('click', () => { state.unreadableOffset += PAGE_SIZE; loadUnreadable(); });
document.getElementById('resubmit').addEventListener('click', resubmit);
document.getElementById('release').addEventListener('click', release);
document.getElementById('encounter-release').addEventListener('click', releaseThisVisit);
document.addEventListener('keydown', () => { state.lastKey = Date.now(); });
window.addEventListener('hashchange', () => {
  if (!document.getElementById('app').hidden) route();
});

// Auto-refresh: every 10 s the page's data again, unless the clerk is typing or answering a question.
setInterval(() => {
  const app = document.getElementById('app');
  const active = document.activeElement;
  const typing = active && (active.tagName === 'TEXTAREA' || active.tagName === 'INPUT')
    || Date.now() - state.lastKey < TYPING_PAUSE_MS;
  // Not over what the clerk opened: a claim's page (maybe a correction in progress), a remittance's claims.
  const opened = currentPage().page === 'claim' || document.querySelector('#remittances .paid-claims');
  if (app.hidden || typing || opened || document.getElementById('confirm').open) return;
  refresh().catch(() => {});
}, REFRESH_MS);

if (sessionStorage.getItem('claimshub.credentials')) {
  showApp().catch(() => {});
} else {
  showLogin();
}
