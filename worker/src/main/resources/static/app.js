/*
 * LedgerBridge admin page: plain JavaScript over the REST API (/api/...), no framework, no build.
 * Every call carries the person's session cookie (and, for changes, its CSRF token), or a token kept in
 * sessionStorage; every API error is shown to the person.
 */
'use strict';

(function () {
  const TOKEN_KEY = 'ledgerbridge.adminToken';
  const DIRECTIONS = {
    QBO_TO_SALESFORCE: 'QuickBooks → Salesforce',
    SALESFORCE_TO_QBO: 'Salesforce → QuickBooks',
  };
  const WEEKDAYS = [
    ['MON', 'Mon', 'Monday'], ['TUE', 'Tue', 'Tuesday'], ['WED', 'Wed', 'Wednesday'],
    ['THU', 'Thu', 'Thursday'], ['FRI', 'Fri', 'Friday'], ['SAT', 'Sat', 'Saturday'], ['SUN', 'Sun', 'Sunday'],
  ];
  const MONTHS = [
    ['JAN', 'Jan', 'January'], ['FEB', 'Feb', 'February'], ['MAR', 'Mar', 'March'], ['APR', 'Apr', 'April'],
    ['MAY', 'May', 'May'], ['JUN', 'Jun', 'June'], ['JUL', 'Jul', 'July'], ['AUG', 'Aug', 'August'],
    ['SEP', 'Sep', 'September'], ['OCT', 'Oct', 'October'], ['NOV', 'Nov', 'November'], ['DEC', 'Dec', 'December'],
  ];
  const COMMON_ZONES = [
    'UTC', 'Europe/London', 'Europe/Dublin', 'Europe/Lisbon', 'Europe/Paris', 'Europe/Berlin', 'Europe/Amsterdam',
    'Europe/Madrid', 'Europe/Rome', 'Europe/Zurich', 'Europe/Stockholm', 'Europe/Warsaw', 'Europe/Athens',
    'Europe/Helsinki', 'Europe/Istanbul', 'America/New_York', 'America/Toronto', 'America/Chicago',
    'America/Denver', 'America/Phoenix', 'America/Los_Angeles', 'America/Vancouver', 'America/Anchorage',
    'Pacific/Honolulu', 'America/Mexico_City', 'America/Sao_Paulo', 'Africa/Johannesburg', 'Asia/Dubai',
    'Asia/Kolkata', 'Asia/Singapore', 'Asia/Hong_Kong', 'Asia/Shanghai', 'Asia/Tokyo', 'Australia/Perth',
    'Australia/Sydney', 'Pacific/Auckland',
  ];
  const OTHER_ZONE = '__other__';
  const JOBS_REFRESH_MS = 15000;
  const RUNS_POLL_MS = 2000;
  const RUNS_IDLE_MS = 5000;
  /** How long typing in the schedule must pause before the server is asked what the schedule does. */
  const PREVIEW_DELAY_MS = 300;
  /** What the form shows for a new job: every day at 02:00. */
  const NEW_JOB_SCHEDULE = { minute: ['0'], hour: ['2'] };

  const $ = (id) => document.getElementById(id);

  const state = {
    auth: null, // {token} for a pasted admin or API token, {csrfToken} for a signed-in person; null: signed out
    who: null, // GET /api/session: the actor and role the page acts as
    view: null,
    jobs: [],
    highlightJob: null,
    runsLimit: 50,
    pendingRuns: new Map(), // runId -> {jobId, jobName, since}: started here, not recorded yet
    errorsPage: 0,
    lastErrorsPage: null,
    errorDetails: new Map(), // error id -> GET /api/errors/{id}, shown under its row
    catalog: null, // GET /api/catalog: the objects LedgerBridge syncs, parents first
    form: null, // {mode, job, objects, baseline}
    previewsAsked: 0, // the latest schedule preview asked for; older answers are dropped
    timers: {},
    loading: {},
    runCharts: [], // the uPlot charts of the job shown on the Runs view
    chartedRuns: null, // which job and runs runCharts draw, so a poll that changed nothing keeps them as they are
    errorsChart: null, // the uPlot chart of open errors on the Errors view
    auditCursors: [null], // the cursor of each audit page from the newest to the one shown; null: the newest
    auditAsked: 0, // the latest audit page asked for; older answers are dropped
  };

  // ---------------------------------------------------------------- DOM helpers

  /** Builds an element: el('td', {class: 'x', onclick: fn}, 'text', child, ...). Text is never parsed as HTML. */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    if (attrs) {
      for (const [key, value] of Object.entries(attrs)) {
        if (value === null || value === undefined || value === false) continue;
        if (key.startsWith('on') && typeof value === 'function') {
          node.addEventListener(key.slice(2), value);
        } else if (key === 'class') {
          node.className = value;
        } else if (key === 'dataset') {
          Object.assign(node.dataset, value);
        } else if (value === true) {
          node.setAttribute(key, '');
        } else {
          node.setAttribute(key, String(value));
        }
      }
    }
    append(node, children);
    return node;
  }

  function append(node, children) {
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  /** Replaces a container's content, keeping keyboard focus on the element with the same data-focus-key. */
  function render(container, ...children) {
    const active = document.activeElement;
    const key = active && container.contains(active) ? active.dataset.focusKey : null;
    container.replaceChildren();
    append(container, children);
    if (key) {
      const again = container.querySelector(`[data-focus-key="${CSS.escape(key)}"]`);
      if (again) again.focus();
    }
  }

  function badge(text, kind, title) {
    return el('span', { class: `badge badge-${kind || 'neutral'}`, title }, capitalized(text));
  }

  function capitalized(text) {
    const label = String(text);
    return label.charAt(0).toUpperCase() + label.slice(1);
  }

  function statusKind(status) {
    switch (status) {
      case 'SUCCEEDED': case 'ACTIVE': case 'OK': case 'DONE': case 'SCHEDULED': case 'RESOLVED': case 'COMPLETED': case 'CLEAN': return 'ok';
      case 'PARTLY_FAILED': case 'ERRORS': case 'CHANGE_PENDING': case 'MISSING_PARENT': case 'DIFFERENCES': case 'REFUSED': return 'warn';
      case 'FAILED': case 'FAILING': case 'OPEN': case 'TERMINATED': case 'TIMED_OUT': return 'bad';
      case 'RUNNING': return 'info';
      default: return 'neutral';
    }
  }

  /** "a", "a and b", "a, b and c". */
  function wordList(items) {
    return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
  }

  function plural(n, noun) {
    return `${n} ${noun}${n === 1 ? '' : 's'}`;
  }

  function words(constant) {
    return String(constant).toLowerCase().replace(/_/g, ' ');
  }

  // ---------------------------------------------------------------- formatting

  const pad = (n) => String(n).padStart(2, '0');

  /** An instant in the browser's zone, e.g. "26 Nov, 04:44:01". */
  function fmtInstant(iso) {
    if (!iso) return '—';
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return iso;
    const sameYear = date.getFullYear() === new Date().getFullYear();
    return date.toLocaleString(undefined, {
      day: 'numeric', month: 'short', year: sameYear ? undefined : 'numeric',
      hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
    });
  }

  function timeEl(iso, text) {
    return el('time', { datetime: iso, title: iso }, text || fmtInstant(iso));
  }

  /**
   * A next-run time as the API gives it (ISO-8601 with the job zone's offset), shown in that zone:
   * "Thu 26 Nov, 06:30" and "UTC+01:00". The text is read from the string itself, so it is exact
   * whatever zone the browser is in.
   */
  function fmtZoned(iso) {
    const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:\d{2})?/.exec(iso || '');
    if (!m) return { when: iso, offset: '' };
    const [, y, mo, d, h, mi, , off] = m;
    const weekday = new Date(Date.UTC(+y, +mo - 1, +d)).getUTCDay();
    const dayName = WEEKDAYS[(weekday + 6) % 7][1];
    const year = +y === new Date().getFullYear() ? '' : ` ${y}`;
    const when = `${dayName} ${+d} ${MONTHS[+mo - 1][1]}${year}, ${h}:${mi}`;
    const offset = !off || off === 'Z' || off === '+00:00' ? 'UTC' : `UTC${off}`;
    return { when, offset };
  }

  function fmtDuration(ms) {
    if (ms === null || ms === undefined) return '—';
    if (ms < 1000) return `${ms} ms`;
    const s = ms / 1000;
    if (s < 60) return `${s.toFixed(1)} s`;
    const min = Math.floor(s / 60);
    if (min < 60) return `${min} min ${Math.round(s % 60)} s`;
    return `${Math.floor(min / 60)} h ${min % 60} min`;
  }

  function zoneOffsetNow(zone) {
    try {
      const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' }).formatToParts(new Date());
      const name = parts.find((p) => p.type === 'timeZoneName');
      return name ? name.value.replace('GMT', 'UTC') : '';
    } catch (e) {
      return '';
    }
  }

  function browserZone() {
    try {
      return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
    } catch (e) {
      return 'UTC';
    }
  }

  // ---------------------------------------------------------------- the API

  class ApiError extends Error {
    constructor(status, message, method, path) {
      super(message);
      this.status = status;
      this.method = method;
      this.path = path;
    }

    describe() {
      const where = `${this.method} ${this.path.split('?')[0]}`;
      return this.status ? `${this.message} (HTTP ${this.status}, ${where})` : `${this.message} (${where})`;
    }
  }

  /**
   * Calls the API as the page is signed in: with the token, or with the session cookie and, for a change, the
   * session's CSRF token. Resolves to the parsed JSON (null when empty), rejects with an ApiError.
   */
  async function api(method, path, body) {
    const headers = { Accept: 'application/json' };
    if (state.auth && state.auth.token) headers.Authorization = `Bearer ${state.auth.token}`;
    if (state.auth && state.auth.csrfToken && method !== 'GET') headers['X-CSRF-Token'] = state.auth.csrfToken;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response;
    try {
      response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (e) {
      throw new ApiError(0, `LedgerBridge did not answer: ${e.message}`, method, path);
    }
    const text = await response.text();
    let data = null;
    if (text) {
      try {
        data = JSON.parse(text);
      } catch (e) {
        data = text;
      }
    }
    if (!response.ok) {
      const message = data && typeof data === 'object' && data.message
        ? data.message
        : `${response.status} ${response.statusText || 'error'}${typeof data === 'string' && data ? `: ${data.slice(0, 200)}` : ''}`;
      const error = new ApiError(response.status, message, method, path);
      if (response.status === 401 && state.auth) {
        signedOut(state.auth.token ? `The token was refused: ${message}` : `You are signed out: ${message}`);
      }
      throw error;
    }
    return data;
  }

  const ROLE_RANK = { VIEWER: 0, OPERATOR: 1, ADMIN: 2 };

  /** Whether the signed-in role has {@code role} or more: the page offers only what the API would allow it. */
  function may(role) {
    return ROLE_RANK[state.who.role] >= ROLE_RANK[role];
  }

  function describe(error) {
    return error instanceof ApiError ? error.describe() : String(error && error.message ? error.message : error);
  }

  // ---------------------------------------------------------------- page-wide messages

  function notify(...parts) {
    state.noticeAt = Date.now();
    render($('notice'), ...parts);
  }

  function showError(error, context) {
    if (error instanceof ApiError && error.status === 401) return; // the sign-in form says it
    const box = $('page-error');
    render(box,
      el('p', null, el('strong', null, context ? `${context}: ` : 'Error: '), describe(error)),
      el('button', { type: 'button', class: 'button subtle small', onclick: clearError }, 'Dismiss'));
    box.scrollIntoView({ block: 'nearest' });
  }

  function clearError() {
    $('page-error').replaceChildren();
  }

  // ---------------------------------------------------------------- sign in

  function showLogin(message, tokenMessage) {
    stopTimers();
    $('nav').hidden = true;
    $('sign-out').hidden = true;
    $('signed-in-as').hidden = true;
    for (const view of document.querySelectorAll('.view')) view.hidden = view.id !== 'login-view';
    for (const [box, text] of [[$('signin-error'), message], [$('login-error'), tokenMessage]]) {
      box.textContent = text || '';
      box.hidden = !text;
    }
    $('password-input').setAttribute('aria-invalid', message ? 'true' : 'false');
    $('token-input').setAttribute('aria-invalid', tokenMessage ? 'true' : 'false');
    (tokenMessage ? $('token-input') : $('email-input')).focus();
  }

  /** Forgets how the page signed in (the server already refused it, or the person signed out) and asks again. */
  function signedOut(message) {
    const usedToken = state.auth && state.auth.token;
    state.auth = null;
    state.who = null;
    sessionStorage.removeItem(TOKEN_KEY);
    notify();
    clearError();
    if (usedToken) showLogin(null, message);
    else showLogin(message);
  }

  async function signOut() {
    if (state.auth && state.auth.csrfToken) {
      try {
        await api('DELETE', 'api/session');
      } catch (error) {
        // Signed out here either way; a session the server still holds ends by itself.
      }
    }
    signedOut();
  }

  /** Signs a person in with email and password: the server sets the session cookie and answers the CSRF token. */
  async function signInWithPassword(event) {
    event.preventDefault();
    const email = $('email-input').value.trim();
    const password = $('password-input').value;
    if (!email || !password) {
      showLogin('Enter your email and password.');
      return;
    }
    const submit = $('signin-submit');
    submit.disabled = true;
    try {
      const session = await api('POST', 'api/session', { email, password });
      $('password-input').value = '';
      state.auth = { csrfToken: session.csrfToken };
      state.who = session;
      startApp();
    } catch (error) {
      showLogin(error instanceof ApiError && error.status === 401 ? error.message : `Could not sign in: ${describe(error)}`);
    } finally {
      submit.disabled = false;
    }
  }

  async function signInWithToken(event) {
    event.preventDefault();
    const token = $('token-input').value.trim();
    if (!token) {
      showLogin(null, 'Enter the admin token or an API token.');
      return;
    }
    state.auth = { token };
    const submit = $('login-submit');
    submit.disabled = true;
    try {
      state.who = await api('GET', 'api/session');
      sessionStorage.setItem(TOKEN_KEY, token);
      $('token-input').value = '';
      startApp();
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 401)) {
        state.auth = null;
        showLogin(null, `Could not check the token: ${describe(error)}`);
      }
    } finally {
      submit.disabled = false;
    }
  }

  /**
   * The code of the refusal the OpenID Connect provider's sign-in sent the browser back with (?signInError=...),
   * taken off the address so a reload does not show it again.
   */
  function takeSignInRefusal() {
    const params = new URLSearchParams(location.search);
    const code = params.get('signInError');
    if (code) {
      params.delete('signInError');
      const query = params.toString();
      history.replaceState(null, '', `${location.pathname}${query ? `?${query}` : ''}${location.hash}`);
    }
    return code;
  }

  /**
   * Shows "Sign in with <provider>" when the server has an OpenID Connect provider set up; resolves to what each
   * refusal code of its sign-in means (GET /api/session/methods, which needs no credential).
   */
  async function offerSignInMethods() {
    try {
      // Without the page's credential: a token this tab kept may be refused, which resume() handles.
      const response = await fetch('api/session/methods', { headers: { Accept: 'application/json' } });
      if (!response.ok) return {};
      const methods = await response.json();
      if (methods.oidc) {
        $('oidc-signin-link').textContent = `Sign in with ${methods.oidc.displayName}`;
        $('oidc-signin-link').href = methods.oidc.signInPath;
      }
      $('oidc-signin').hidden = !methods.oidc;
      return methods.refusals || {};
    } catch (error) {
      return {}; // the password form still works, and resume() says when LedgerBridge cannot be reached
    }
  }

  /** After a reload: the token this tab kept, else the session cookie if the person is still signed in. */
  async function resume() {
    const refusal = takeSignInRefusal();
    const refusals = offerSignInMethods();
    const token = sessionStorage.getItem(TOKEN_KEY);
    // Without a token the browser sends the session cookie, if it has one; a 401 then just means signed out.
    state.auth = token ? { token } : null;
    try {
      state.who = await api('GET', 'api/session');
      if (!token) state.auth = { csrfToken: state.who.csrfToken };
      startApp();
    } catch (error) {
      state.auth = null;
      if (!(error instanceof ApiError && error.status === 401)) showLogin(`Could not reach LedgerBridge: ${describe(error)}`);
      else if (!token) showLogin(refusal && ((await refusals)[refusal] || `The sign-in was refused (${refusal}).`));
    }
  }

  async function startApp() {
    $('login-view').hidden = true;
    $('nav').hidden = false;
    $('sign-out').hidden = false;
    $('sign-out').textContent = state.auth.token ? 'Forget token' : 'Sign out';
    $('signed-in-as').hidden = false;
    $('signed-in-as').textContent = `${state.who.actor.label} · ${capitalized(state.who.role.toLowerCase())}`;
    $('nav-access').hidden = !may('ADMIN');
    $('nav-schedule').hidden = !may('ADMIN');
    $('jobs-schedule').hidden = !may('ADMIN');
    $('connect-new').hidden = !may('ADMIN');
    $('errors-bulk').hidden = !may('OPERATOR');
    const params = new URLSearchParams(location.search);
    if (params.has('connected')) {
      const connected = params.get('connected');
      notify(connected === 'salesforce' ? 'The Salesforce org is connected.' : `QuickBooks company ${connected} is connected.`);
      history.replaceState(null, '', location.pathname + (location.hash || '#status'));
    }
    let catalogError = null;
    if (!state.catalog) {
      try {
        await loadCatalog();
      } catch (error) {
        catalogError = error;
      }
    }
    route(false);
    if (catalogError) showError(catalogError, 'Could not load the objects LedgerBridge syncs');
  }

  /** The objects LedgerBridge syncs, from the server's catalog: every object list and the order hint. */
  async function loadCatalog() {
    state.catalog = await api('GET', 'api/catalog');
    const filter = $('errors-object');
    filter.replaceChildren(filter.options[0], ...state.catalog.map((o) => el('option', { value: o.name }, o.name)));
    const rules = state.catalog.filter((o) => o.parents.length).map((o) => `${wordList(o.parents)} before ${o.name}`);
    $('job-objects-hint').textContent = rules.length ? `Parents first: ${rules.join('; ')}.` : 'They sync in the order listed.';
  }

  // ---------------------------------------------------------------- routing

  function parseHash() {
    const hash = decodeURIComponent(location.hash.replace(/^#/, ''));
    const slash = hash.indexOf('/');
    return slash < 0 ? { view: hash || 'jobs', arg: null } : { view: hash.slice(0, slash), arg: hash.slice(slash + 1) };
  }

  function stopTimers() {
    for (const key of Object.keys(state.timers)) {
      clearTimeout(state.timers[key]);
      delete state.timers[key];
    }
  }

  function route(moveFocus) {
    if (!state.auth) return;
    stopTimers();
    let { view, arg } = parseHash();
    const views = { jobs: showJobs, schedule: showSchedule, edit: showSchedule, runs: showRuns, errors: showErrors, status: showStatus, connections: showConnections, audit: showAudit, access: showAccess };
    if (!views[view]) {
      view = 'jobs';
      arg = null;
    } else if ((view === 'schedule' || view === 'edit') && !may('ADMIN')) {
      notify(`Scheduling and changing jobs needs the Admin role; you are signed in as ${words(state.who.role)}.`);
      view = 'jobs';
      arg = null;
    }
    state.view = view;
    const section = view === 'edit' ? 'schedule' : view;
    for (const node of document.querySelectorAll('.view')) node.hidden = node.id !== `${section}-view`;
    for (const link of document.querySelectorAll('#nav a')) {
      if (link.dataset.view === section) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
    clearError();
    if (!state.noticeAt || Date.now() - state.noticeAt > 1500) $('notice').replaceChildren();
    views[view](arg);
    const title = document.querySelector(`#${section}-view h1`);
    document.title = `${title.textContent} · LedgerBridge admin`;
    if (moveFocus) title.focus();
  }

  // ---------------------------------------------------------------- jobs

  async function showJobs() {
    await loadJobs();
  }

  async function loadJobs() {
    if (state.loading.jobs) return;
    state.loading.jobs = true;
    try {
      state.jobs = await api('GET', 'api/jobs');
      renderJobs();
      $('jobs-updated').textContent = `Updated ${new Date().toLocaleTimeString(undefined, { hourCycle: 'h23' })}`;
    } catch (error) {
      showError(error, 'Could not load the jobs');
    } finally {
      state.loading.jobs = false;
      if (state.view === 'jobs' && state.auth) {
        clearTimeout(state.timers.jobs);
        state.timers.jobs = setTimeout(loadJobs, JOBS_REFRESH_MS);
      }
    }
  }

  function renderJobs() {
    const content = $('jobs-content');
    if (!state.jobs.length) {
      render(content, el('div', { class: 'empty card' },
        el('p', null, 'No job is scheduled yet.'),
        may('ADMIN') ? el('a', { class: 'button primary', href: '#schedule' }, 'Schedule a sync') : null));
      return;
    }
    const jobs = [...state.jobs].sort((a, b) => a.name.localeCompare(b.name));
    const rows = jobs.map(jobRow);
    render(content, el('div', { class: 'table-wrap' },
      el('table', { class: 'data jobs', id: 'jobs-table' },
        el('caption', { class: 'visually-hidden' }, `${jobs.length} scheduled job${jobs.length === 1 ? '' : 's'}`),
        el('thead', null, el('tr', null,
          el('th', { scope: 'col' }, 'Job'),
          el('th', { scope: 'col' }, 'Objects, in order'),
          el('th', { scope: 'col' }, 'Schedule'),
          el('th', { scope: 'col' }, 'State'),
          el('th', { scope: 'col' }, 'Next runs'),
          el('th', { scope: 'col' }, 'Last run'),
          el('th', { scope: 'col' }, el('span', { class: 'visually-hidden' }, 'Actions')))),
        el('tbody', null, rows))));
    if (state.highlightJob) {
      const row = content.querySelector(`tr[data-job-id="${CSS.escape(state.highlightJob)}"]`);
      if (row) {
        row.classList.add('highlight');
        row.scrollIntoView({ block: 'nearest' });
      }
      state.highlightJob = null;
    }
  }

  /** Next runs as the API gives them, each shown in the schedule's own zone. */
  function nextRunsList(isoTimes) {
    return el('ol', { class: 'plain next-runs' }, isoTimes.map((iso) => {
      const { when, offset } = fmtZoned(iso);
      return el('li', null, el('time', { datetime: iso, title: iso }, when), ' ', el('span', { class: 'offset' }, offset));
    }));
  }

  function jobRow(job) {
    const key = (what) => `job-${job.id}-${what}`;
    const nextRuns = job.nextRuns && job.nextRuns.length
      ? nextRunsList(job.nextRuns)
      : el('span', { class: 'muted' }, job.state === 'PAUSED' ? 'none while paused' : 'none');

    // Each role sees the actions the API allows it: operators run and pause, admins also edit and delete.
    const actions = [];
    if (may('OPERATOR')) {
      if (!job.external) {
        actions.push(el('button', {
          type: 'button', class: 'button small', 'aria-label': `Run ${job.name} now`, dataset: { focusKey: key('run'), action: 'run' },
          onclick: () => runNow(job),
        }, 'Run now'));
      }
      actions.push(job.state === 'PAUSED'
        ? el('button', {
          type: 'button', class: 'button small', 'aria-label': `Resume ${job.name}`, dataset: { focusKey: key('pause'), action: 'resume' },
          onclick: () => pauseOrResume(job, 'resume'),
        }, 'Resume')
        : el('button', {
          type: 'button', class: 'button small', 'aria-label': `Pause ${job.name}`, dataset: { focusKey: key('pause'), action: 'pause' },
          title: job.external ? 'Pausing an external job takes it over as a LedgerBridge job' : null,
          onclick: () => pauseOrResume(job, 'pause'),
        }, 'Pause'));
    }
    if (may('ADMIN') && !job.external) {
      actions.push(el('a', {
        class: 'button small', href: `#edit/${encodeURIComponent(job.id)}`, 'aria-label': `Edit ${job.name}`,
        dataset: { focusKey: key('edit'), action: 'edit' },
      }, 'Edit'));
    }
    if (may('ADMIN')) {
      actions.push(el('button', {
        type: 'button', class: 'button small danger-outline', 'aria-label': `Delete ${job.name}`,
        dataset: { focusKey: key('delete'), action: 'delete' }, onclick: () => deleteJob(job),
      }, 'Delete'));
    }

    return el('tr', { dataset: { jobId: job.id } },
      el('th', { scope: 'row', class: 'job-cell' },
        el('div', { class: 'job-name' }, job.name,
          job.external ? badge('external', 'info', 'Started outside LedgerBridge, e.g. with the temporal CLI') : null),
        job.id !== job.name ? el('div', { class: 'muted small' }, 'id ', el('code', null, job.id)) : null,
        el('div', { class: 'small company-line' }, el('span', { class: 'muted' }, 'Company '), el('span', { class: 'mono' }, job.companyId)),
        el('div', { class: 'direction small' }, DIRECTIONS[job.direction] || job.direction)),
      el('td', null, el('ol', { class: 'objects-inline' }, (job.objects || []).map((o) => el('li', null, o)))),
      el('td', { class: 'schedule-cell' },
        el('div', null, job.scheduleDescription || '—'),
        el('div', { class: 'small' }, el('span', { class: 'muted' }, 'Time zone '), job.timeZone || 'UTC'),
        job.cron ? el('div', { class: 'small muted', title: 'The UTC cron Temporal runs' }, 'Temporal cron ', el('code', null, job.cron)) : null),
      el('td', null,
        badge(job.state === 'PAUSED' ? 'Paused' : 'Active', job.state === 'PAUSED' ? 'neutral' : 'ok'),
        el('div', { class: 'small muted temporal-state', title: temporalStateHelp(job.temporalState) }, 'Temporal: ', words(job.temporalState || 'unknown'))),
      el('td', null, nextRuns),
      el('td', null, lastRunCell(job)),
      el('td', { class: 'actions-cell' }, el('div', { class: 'row-actions' }, actions)));
  }

  function temporalStateHelp(temporalState) {
    switch (temporalState) {
      case 'SCHEDULED': return 'Temporal runs the job as defined';
      case 'PAUSED': return 'No cron chain runs in Temporal';
      case 'CHANGE_PENDING': return 'The change is applied when the run in progress ends';
      case 'UNKNOWN': return 'Temporal did not answer in time; the job is shown as stored';
      default: return null;
    }
  }

  function totals(objectReports) {
    const sum = { read: 0, created: 0, updated: 0, unchanged: 0, deferred: 0, failed: 0 };
    for (const o of objectReports || []) for (const k of Object.keys(sum)) sum[k] += o[k] || 0;
    return sum;
  }

  function lastRunCell(job) {
    const run = job.lastRun;
    if (!run) return el('span', { class: 'muted last-run-none' }, 'not run yet');
    const sum = totals(run.objectReports);
    const detail = (run.objectReports || [])
      .map((o) => `${o.object}: ${o.read} read, ${o.created} created, ${o.updated} updated, ${o.unchanged} unchanged, ${o.deferred} deferred, ${o.failed} failed`)
      .join('\n');
    return el('div', { class: 'last-run' },
      el('div', null, badge(words(run.status), statusKind(run.status))),
      el('div', { class: 'small' }, timeEl(run.finishedAt || run.startedAt)),
      run.status === 'RUNNING' ? el('div', { class: 'small' }, el('a', { href: `#runs/${encodeURIComponent(job.id)}` }, 'In progress: follow it on Runs')) : null,
      run.status === 'RUNNING' ? null : el('div', { class: 'small counts-line', title: detail || null },
        `${sum.read} read · ${sum.created} created · ${sum.updated} updated · ${sum.unchanged} unchanged`,
        sum.deferred ? ` · ${sum.deferred} deferred` : '',
        sum.failed ? el('span', { class: 'bad-text' }, ` · ${sum.failed} failed`) : ''),
      run.cause ? el('div', { class: 'small muted' }, run.cause) : null,
      temporalLink(run),
      run.status === 'RUNNING' ? null
        : el('a', { class: 'small', href: `#runs/${encodeURIComponent(job.id)}`, dataset: { focusKey: `job-${job.id}-runs` } }, 'All runs', el('span', { class: 'visually-hidden' }, ` of ${job.name}`)));
  }

  async function runNow(job) {
    try {
      const run = await api('POST', `api/jobs/${encodeURIComponent(job.id)}/run`);
      state.pendingRuns.set(run.runId, { jobId: job.id, jobName: job.name, since: Date.now() });
      notify(`Run of ${job.name} started. `, el('a', { href: `#runs/${encodeURIComponent(job.id)}` }, 'Follow it on Runs'), '.');
    } catch (error) {
      showError(error, `Could not run ${job.name}`);
    }
  }

  async function pauseOrResume(job, action) {
    try {
      const updated = await api('POST', `api/jobs/${encodeURIComponent(job.id)}/${action}`);
      state.jobs = state.jobs.map((j) => (j.id === job.id ? updated : j));
      if (updated.id !== job.id) state.jobs.push(updated);
      renderJobs();
      notify(action === 'pause' ? `${job.name} is paused: no scheduled run starts until you resume it.` : `${job.name} is active again.`);
    } catch (error) {
      showError(error, `Could not ${action} ${job.name}`);
    }
  }

  async function deleteJob(job) {
    const what = job.external ? 'Its Temporal workflow is terminated at once.' : 'Its schedule stops at once; its run history stays.';
    if (!window.confirm(`Delete the job "${job.name}"? ${what}`)) return;
    try {
      await api('DELETE', `api/jobs/${encodeURIComponent(job.id)}`);
      state.jobs = state.jobs.filter((j) => j.id !== job.id);
      renderJobs();
      notify(`${job.name} is deleted.`);
      $('jobs-title').focus();
    } catch (error) {
      showError(error, `Could not delete ${job.name}`);
    }
  }

  // ---------------------------------------------------------------- schedule form

  function setupForm() {
    const months = $('sched-month-checks');
    for (const [value, short, long] of MONTHS) {
      months.append(el('label', { class: 'check' },
        el('input', { type: 'checkbox', name: 'month', value, 'aria-label': long }), short));
    }
    const days = $('sched-dow-checks');
    for (const [value, short, long] of WEEKDAYS) {
      days.append(el('label', { class: 'check' },
        el('input', { type: 'checkbox', name: 'dayOfWeek', value, 'aria-label': long }), short));
    }
    for (const radio of document.querySelectorAll('input[name="dayKind"]')) radio.addEventListener('change', syncDayKind);
    for (const radio of document.querySelectorAll('input[name="direction"]')) radio.addEventListener('change', renderObjects);
    // Both: not every way of picking a zone (or a script choosing one) sends input events.
    for (const type of ['input', 'change']) $('job-schedule').addEventListener(type, previewSoon);

    const zone = $('sched-zone');
    const zones = [...COMMON_ZONES];
    const mine = browserZone();
    if (!zones.includes(mine)) zones.splice(1, 0, mine);
    for (const name of zones) {
      const offset = zoneOffsetNow(name);
      zone.append(el('option', { value: name }, offset && name !== 'UTC' ? `${name} (now ${offset})` : name));
    }
    zone.append(el('option', { value: OTHER_ZONE }, 'Other: type an IANA name…'));
    zone.addEventListener('change', syncZone);
    try {
      const all = Intl.supportedValuesOf ? Intl.supportedValuesOf('timeZone') : [];
      $('zone-names').append(...all.map((name) => el('option', { value: name })));
    } catch (e) {
      // no list of zones in this browser: the text box still takes any name
    }

    $('object-add').addEventListener('click', addObject);
    $('job-form').addEventListener('submit', submitJob);
  }

  function syncDayKind() {
    const kind = document.querySelector('input[name="dayKind"]:checked').value;
    $('day-week-box').hidden = kind !== 'week';
    $('day-month-box').hidden = kind !== 'month';
    $('sched-dow').disabled = kind !== 'week';
    $('sched-dom').disabled = kind !== 'month';
  }

  function syncZone() {
    const other = $('sched-zone').value === OTHER_ZONE;
    $('sched-zone-other-box').hidden = !other;
    if (other && document.activeElement === $('sched-zone')) $('sched-zone-other').focus();
  }

  function setZone(name) {
    const select = $('sched-zone');
    if ([...select.options].some((o) => o.value === name)) {
      select.value = name;
      $('sched-zone-other').value = '';
    } else {
      select.value = OTHER_ZONE;
      $('sched-zone-other').value = name;
    }
    syncZone();
  }

  async function showSchedule(jobId) {
    const form = $('job-form');
    clearFormError();
    fillCompanies();
    if (jobId) {
      $('schedule-title').textContent = 'Edit job';
      $('job-submit').textContent = 'Save changes';
      form.setAttribute('aria-busy', 'true');
      try {
        const job = await api('GET', `api/jobs/${encodeURIComponent(jobId)}`);
        // The server reads the job's schedule, also a raw cron, into the form's fields.
        const { fields } = await api('POST', 'api/schedules/preview', { schedule: job.schedule });
        $('schedule-title').textContent = `Edit job “${job.name}”`;
        document.title = `${$('schedule-title').textContent} · LedgerBridge admin`;
        fillForm(job, fields);
      } catch (error) {
        showError(error, `Could not load job ${jobId}`);
      } finally {
        form.removeAttribute('aria-busy');
      }
    } else {
      $('schedule-title').textContent = 'Schedule a sync';
      $('job-submit').textContent = 'Schedule';
      fillForm(null, { ...NEW_JOB_SCHEDULE, timeZone: browserZone() });
      if (!state.jobs.length) {
        // Opened directly: learn the known companies for the suggestions and the default.
        try {
          state.jobs = await api('GET', 'api/jobs');
        } catch (error) {
          showError(error, 'Could not load the jobs for company suggestions');
          return;
        }
        const known = fillCompanies();
        if (state.form.mode === 'create' && !$('job-company').value && known.size === 1) $('job-company').value = [...known][0];
      }
    }
  }

  function fillCompanies() {
    $('known-jobs').replaceChildren(...state.jobs.map((j) => el('option', { value: j.id }, j.name)));
    const known = new Set(state.jobs.map((j) => j.companyId).filter(Boolean));
    const list = $('known-companies');
    list.replaceChildren(...[...known].sort().map((id) => el('option', { value: id })));
    return known;
  }

  /**
   * Fills the form from a job (edit) or with defaults (create), then remembers what it shows.
   * {@code fields} is the schedule as the preview gives it: months and days of the week one by one.
   */
  function fillForm(job, fields) {
    const known = fillCompanies();
    state.form = { mode: job ? 'edit' : 'create', job, objects: job ? [...job.objects] : [], baseline: null };
    $('job-name').value = job ? job.name : '';
    $('job-company').value = job ? job.companyId : (known.size === 1 ? [...known][0] : '');
    const direction = job ? job.direction : 'QBO_TO_SALESFORCE';
    for (const radio of document.querySelectorAll('input[name="direction"]')) radio.checked = radio.value === direction;

    $('sched-minute').value = (fields.minute || []).join(', ');
    $('sched-hour').value = (fields.hour || []).join(', ');
    tick('month', fields.month || []);
    tick('dayOfWeek', fields.dayOfWeek || []);
    $('sched-dom').value = (fields.dayOfMonth || []).join(', ');
    const kind = fields.dayOfMonth ? 'month' : 'week';
    for (const radio of document.querySelectorAll('input[name="dayKind"]')) radio.checked = radio.value === kind;
    syncDayKind();
    setZone(fields.timeZone || 'UTC');
    for (const node of document.querySelectorAll('#job-form [aria-invalid]')) node.removeAttribute('aria-invalid');
    renderObjects();
    state.form.baseline = JSON.stringify(scheduleFromForm());
    previewSchedule();
  }

  function tick(name, values) {
    for (const box of document.querySelectorAll(`#job-form input[name="${name}"]`)) box.checked = values.includes(box.value);
  }

  /** Asks for a preview once typing in the schedule pauses. */
  function previewSoon() {
    clearTimeout(state.timers.preview);
    state.timers.preview = setTimeout(previewSchedule, PREVIEW_DELAY_MS);
  }

  /** Shows what the form's schedule does, as the server compiles it: description, Temporal's cron, next runs. */
  async function previewSchedule() {
    const asked = ++state.previewsAsked;
    const box = $('sched-preview');
    box.setAttribute('aria-busy', 'true');
    try {
      const preview = await api('POST', 'api/schedules/preview', { schedule: scheduleFromForm() });
      if (asked !== state.previewsAsked) return;
      render(box,
        el('p', { class: 'preview-description' }, el('strong', null, 'Runs '), preview.description),
        el('p', { class: 'small muted', title: 'The UTC cron Temporal runs' }, 'Temporal cron ', el('code', null, preview.cron)),
        el('p', { class: 'small muted' }, 'Next runs'),
        nextRunsList(preview.nextRuns));
    } catch (error) {
      if (asked !== state.previewsAsked) return;
      render(box, el('p', { class: 'preview-problem' },
        el('strong', null, 'Not a schedule yet: '), error instanceof ApiError && error.status === 400 ? error.message : describe(error)));
    } finally {
      if (asked === state.previewsAsked) box.removeAttribute('aria-busy');
    }
  }

  function renderObjects() {
    const objects = state.form.objects;
    const list = $('object-list');
    const items = objects.map((name, i) => el('li', { class: 'object-item', dataset: { object: name } },
      el('span', { class: 'object-pos', 'aria-hidden': 'true' }, i + 1),
      el('span', { class: 'object-name' }, name),
      el('span', { class: 'object-tools' },
        el('button', { type: 'button', class: 'button small icon', 'aria-label': `Move ${name} up`, title: 'Move up',
          disabled: i === 0, dataset: { focusKey: `up-${name}` }, onclick: () => moveObject(i, -1) }, '↑'),
        el('button', { type: 'button', class: 'button small icon', 'aria-label': `Move ${name} down`, title: 'Move down',
          disabled: i === objects.length - 1, dataset: { focusKey: `down-${name}` }, onclick: () => moveObject(i, 1) }, '↓'),
        el('button', { type: 'button', class: 'button small subtle', 'aria-label': `Remove ${name}`,
          dataset: { focusKey: `remove-${name}` }, onclick: () => removeObject(i) }, 'Remove'))));
    render(list, items);
    $('object-empty').hidden = objects.length > 0;
    const select = $('object-add-select');
    const direction = document.querySelector('input[name="direction"]:checked').value;
    const sides = (state.catalog || []).filter((o) => !objects.includes(o.name))
      .map((o) => [o.name, o.directions.find((d) => d.direction === direction)])
      .filter(([, side]) => side);
    select.replaceChildren(...sides.map(([name, side]) => el('option', { value: name },
      side.salesforceObject ? `${name} (Salesforce ${side.salesforceObject})` : name)));
    select.disabled = sides.length === 0;
    $('object-add').disabled = sides.length === 0;
  }

  /** Tells screen readers what a form button did, without a visible message that moves the page. */
  function announce(text) {
    $('form-announce').textContent = text;
  }

  function addObject() {
    const name = $('object-add-select').value;
    if (!name) return;
    state.form.objects.push(name);
    renderObjects();
    announce(`${name} added at position ${state.form.objects.length}.`);
    const select = $('object-add-select');
    (select.disabled ? $('object-list').querySelector(`[data-focus-key="remove-${name}"]`) : select).focus();
  }

  function moveObject(index, delta) {
    const objects = state.form.objects;
    const target = index + delta;
    if (target < 0 || target >= objects.length) return;
    const [name] = objects.splice(index, 1);
    objects.splice(target, 0, name);
    renderObjects();
    announce(`${name} moved to position ${target + 1}.`);
    const button = $('object-list').querySelector(`[data-focus-key="${delta < 0 ? 'up' : 'down'}-${name}"]`);
    const fallback = $('object-list').querySelector(`[data-focus-key="${delta < 0 ? 'down' : 'up'}-${name}"]`);
    (button && !button.disabled ? button : fallback).focus();
  }

  function removeObject(index) {
    const [name] = state.form.objects.splice(index, 1);
    renderObjects();
    announce(`${name} removed.`);
    const next = $('object-list').querySelectorAll('.object-item')[Math.min(index, state.form.objects.length - 1)];
    (next ? next.querySelector('[data-focus-key^="remove-"]') : $('object-add-select')).focus();
  }

  function splitValues(text, commasOnly) {
    return text.split(commasOnly ? ',' : /[\s,]+/).map((v) => v.trim()).filter(Boolean);
  }

  /** The schedule the form shows, as the API takes it: left-out fields are every value, or None for a day field. */
  function scheduleFromForm() {
    const schedule = {};
    const minute = splitValues($('sched-minute').value);
    const hour = splitValues($('sched-hour').value);
    if (minute.length) schedule.minute = minute;
    if (hour.length) schedule.hour = hour;
    const month = checked('month', MONTHS.length);
    if (month.length) schedule.month = month;
    const kind = document.querySelector('input[name="dayKind"]:checked').value;
    if (kind === 'week') {
      const days = checked('dayOfWeek', WEEKDAYS.length);
      if (days.length) schedule.dayOfWeek = days;
    } else {
      const days = splitValues($('sched-dom').value, true);
      if (days.length) schedule.dayOfMonth = days;
    }
    const zone = $('sched-zone').value === OTHER_ZONE ? $('sched-zone-other').value.trim() : $('sched-zone').value;
    if (zone) schedule.timeZone = zone;
    return schedule;
  }

  function checked(name, all) {
    const values = [...document.querySelectorAll(`#job-form input[name="${name}"]:checked`)].map((b) => b.value);
    return values.length === all ? [] : values;
  }

  function formRequest() {
    return {
      name: $('job-name').value.trim(),
      companyId: $('job-company').value.trim(),
      direction: document.querySelector('input[name="direction"]:checked').value,
      objects: [...state.form.objects],
      schedule: scheduleFromForm(),
    };
  }

  async function submitJob(event) {
    event.preventDefault();
    clearFormError();
    const request = formRequest();
    const { mode, job } = state.form;
    let body = request;
    if (mode === 'edit') {
      body = {};
      if (request.name !== job.name) body.name = request.name;
      if (request.companyId !== job.companyId) body.companyId = request.companyId;
      if (request.direction !== job.direction) body.direction = request.direction;
      if (JSON.stringify(request.objects) !== JSON.stringify(job.objects)) body.objects = request.objects;
      if (JSON.stringify(request.schedule) !== state.form.baseline) body.schedule = request.schedule;
      if (!Object.keys(body).length) {
        notify('Nothing to save: no field was changed.');
        return;
      }
    }
    const submit = $('job-submit');
    submit.disabled = true;
    try {
      const saved = mode === 'edit'
        ? await api('PUT', `api/jobs/${encodeURIComponent(job.id)}`, body)
        : await api('POST', 'api/jobs', body);
      state.highlightJob = saved.id;
      notify(mode === 'edit'
        ? `${saved.name} is saved: ${saved.scheduleDescription}.`
        : `${saved.name} is scheduled: ${saved.scheduleDescription}.`);
      location.hash = '#jobs';
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 401)) showFormError(error);
    } finally {
      submit.disabled = false;
    }
  }

  /** Shows the API's message next to the form and marks the field it names ("schedule.dayOfWeek: ..."). */
  function showFormError(error) {
    const box = $('form-error');
    const message = error instanceof ApiError && error.status >= 400 && error.status < 500 ? error.message : describe(error);
    box.replaceChildren(el('strong', null, state.form.mode === 'edit' ? 'Not saved: ' : 'Not scheduled: '), message);
    box.hidden = false;
    box.scrollIntoView({ block: 'nearest' });
    const field = error instanceof ApiError ? (/^([\w.[\]]+):/.exec(error.message) || [])[1] : null;
    const targets = {
      name: 'job-name', companyId: 'job-company', direction: 'job-direction', objects: 'job-objects',
      'schedule.minute': 'sched-minute', 'schedule.hour': 'sched-hour', 'schedule.month': 'sched-months',
      'schedule.dayOfWeek': 'sched-days', 'schedule.dayOfMonth': 'sched-days', 'schedule.timeZone': 'sched-zone',
      schedule: 'job-schedule',
    };
    const base = field ? field.replace(/\[\d+\]$/, '') : null;
    const target = base && (targets[base] || targets[base.split('.')[0]]);
    if (target) {
      const node = $(target === 'sched-zone' && $('sched-zone').value === OTHER_ZONE ? 'sched-zone-other' : target);
      node.setAttribute('aria-invalid', 'true');
      const described = (node.getAttribute('aria-describedby') || '').split(' ').filter((id) => id && id !== 'form-error');
      node.setAttribute('aria-describedby', [...described, 'form-error'].join(' '));
    }
  }

  function clearFormError() {
    const box = $('form-error');
    box.replaceChildren();
    box.hidden = true;
    for (const node of document.querySelectorAll('#job-form [aria-invalid]')) node.removeAttribute('aria-invalid');
  }

  // ---------------------------------------------------------------- runs

  /** The hash names the job filter: #runs for every job, #runs/<jobId> for one. */
  async function showRuns(jobId) {
    state.runsLimit = 50;
    await fillRunJobs(jobId || '');
    await loadRuns();
  }

  async function fillRunJobs(wanted) {
    try {
      state.jobs = await api('GET', 'api/jobs');
    } catch (error) {
      showError(error, 'Could not load the jobs for the filter');
    }
    const select = $('runs-job');
    const current = wanted;
    const ids = state.jobs.map((j) => j.id);
    const options = [el('option', { value: '' }, 'All jobs'),
      ...[...state.jobs].sort((a, b) => a.name.localeCompare(b.name)).map((j) => el('option', { value: j.id }, j.name))];
    if (current && !ids.includes(current)) options.push(el('option', { value: current }, `${current} (deleted)`));
    select.replaceChildren(...options);
    select.value = current || '';
  }

  async function loadRuns() {
    if (state.loading.runs) return;
    state.loading.runs = true;
    let keepPolling = false;
    try {
      const params = new URLSearchParams({ limit: String(state.runsLimit) });
      if ($('runs-job').value) params.set('jobId', $('runs-job').value);
      if ($('runs-status').value) params.set('status', $('runs-status').value);
      const runs = await api('GET', `api/runs?${params}`);
      // The list has no live progress: ask for each running run on its own.
      const live = await Promise.all(runs.map((run) => (run.status === 'RUNNING'
        ? api('GET', `api/runs/${encodeURIComponent(run.runId)}`).catch(() => run)
        : run)));
      const listed = new Set(live.map((r) => r.runId));
      const waiting = [];
      for (const [runId, pending] of state.pendingRuns) {
        if (listed.has(runId)) {
          state.pendingRuns.delete(runId);
        } else if (Date.now() - pending.since > 120000) {
          state.pendingRuns.delete(runId);
        } else if (!$('runs-job').value || $('runs-job').value === pending.jobId) {
          waiting.push({ runId, ...pending });
        }
      }
      renderRuns(live, waiting);
      const jobId = $('runs-job').value;
      showRunCharts(jobId, jobId ? await recentRunsOf(jobId, runs) : []);
      keepPolling = live.some((r) => r.status === 'RUNNING') || state.pendingRuns.size > 0;
      $('runs-polling').textContent = keepPolling ? 'Live: updating every 2 seconds' : '';
    } catch (error) {
      showError(error, 'Could not load the runs');
    } finally {
      state.loading.runs = false;
      if (state.view === 'runs' && state.auth) {
        clearTimeout(state.timers.runs);
        state.timers.runs = setTimeout(loadRuns, keepPolling ? RUNS_POLL_MS : RUNS_IDLE_MS);
      }
    }
  }

  function renderRuns(runs, waiting) {
    const content = $('runs-content');
    if (!runs.length && !waiting.length) {
      render(content, el('p', { class: 'empty card' }, 'No run matches: a job\'s runs appear here once they start.'));
      return;
    }
    const waitingRows = waiting.map((w) => el('tr', { dataset: { runId: w.runId, jobId: w.jobId } },
      el('td', null, 'just now'),
      el('th', { scope: 'row' }, w.jobName),
      el('td', null, badge('starting', 'info')),
      el('td', null, '—'),
      el('td', { colspan: 2, class: 'muted' }, 'Waiting for Temporal to start the run…')));
    const rows = runs.map(runRow);
    render(content,
      el('div', { class: 'table-wrap' },
        el('table', { class: 'data runs', id: 'runs-table' },
          el('caption', { class: 'visually-hidden' }, 'Runs, newest first'),
          el('thead', null, el('tr', null,
            el('th', { scope: 'col' }, 'Started'),
            el('th', { scope: 'col' }, 'Job'),
            el('th', { scope: 'col' }, 'Status'),
            el('th', { scope: 'col' }, 'Duration'),
            el('th', { scope: 'col' }, 'Objects'),
            el('th', { scope: 'col' }, 'API calls'))),
          el('tbody', null, waitingRows, rows))),
      runs.length >= state.runsLimit
        ? el('p', null, el('button', { type: 'button', class: 'button', onclick: () => { state.runsLimit += 50; loadRuns(); } }, 'Show older runs'))
        : null);
  }

  function runRow(run) {
    // A run started by hand: "...-manual", or "...-manual-<millis>" from before one such run at a time.
    const manual = /-manual(-\d+)?$/.test(run.workflowId || '');
    const running = run.status === 'RUNNING';
    const duration = running && run.startedAt
      ? `${fmtDuration(Date.now() - new Date(run.startedAt).getTime())} so far`
      : fmtDuration(run.durationMillis);
    return el('tr', { dataset: { runId: run.runId, jobId: run.jobId || '' }, class: running ? 'running' : null },
      el('td', null, timeEl(run.startedAt), el('div', { class: 'small muted' }, manual ? 'run now' : 'scheduled'),
        temporalLink(run)),
      el('th', { scope: 'row', class: 'job-col' },
        el('div', null, run.jobName || run.jobId),
        el('div', { class: 'small muted nowrap' }, DIRECTIONS[run.direction] || run.direction),
        el('div', { class: 'small muted mono', title: 'QuickBooks company' }, run.companyId)),
      el('td', null, badge(words(run.status), statusKind(run.status)),
        run.openErrors ? el('div', { class: 'small' }, el('a', { href: '#errors' }, plural(run.openErrors, 'open error'))) : null),
      el('td', { class: 'num' }, duration),
      el('td', null, running && run.progress ? progressTable(run) : countsTable(run)),
      el('td', { class: 'small' }, apiCalls(run.apiCalls)));
  }

  // The run's workflow in Temporal's web UI; the API sends temporalUrl only when LEDGERBRIDGE_TEMPORAL_UI_URL is set.
  function temporalLink(run) {
    if (!run.temporalUrl) return null;
    return el('div', { class: 'small temporal-link' },
      el('a', { href: run.temporalUrl, target: '_blank', rel: 'noopener noreferrer' }, 'In Temporal',
        el('span', { class: 'visually-hidden' }, ` (workflow ${run.workflowId}, opens Temporal's web UI)`)));
  }

  /** The systems a run's apiCalls count calls to, as people name them. */
  const API_SYSTEMS = { QUICKBOOKS: 'QuickBooks', SALESFORCE: 'Salesforce' };

  function apiCalls(calls) {
    if (!calls || !Object.keys(calls).length) return el('span', { class: 'muted' }, '—');
    return el('ul', { class: 'plain' }, Object.entries(calls).map(([k, v]) => el('li', null, `${API_SYSTEMS[k] || k}: ${v}`)));
  }

  const COUNT_COLUMNS = ['read', 'created', 'updated', 'unchanged', 'deferred', 'failed', 'conflicts'];

  function countsTable(run) {
    const reports = run.objectReports || [];
    if (!reports.length) {
      return el('div', null,
        el('span', { class: 'muted' }, run.status === 'RUNNING' ? 'starting…' : (run.objects || []).join(', ') || '—'),
        run.cause ? el('div', { class: 'small cause' }, el('strong', null, 'Cause: '), run.cause) : null);
    }
    const notes = [];
    for (const o of reports) {
      if (o.error) {
        const type = o.failureType && !o.error.startsWith(o.failureType) ? `${o.failureType}: ` : '';
        notes.push(el('li', { class: 'bad-text' }, el('strong', null, `${o.object}: `), type, o.error));
      }
      if (o.note) notes.push(el('li', null, el('strong', null, `${o.object}: `), o.note));
    }
    const errors = reports.map((o) => o.error).filter(Boolean);
    if (run.cause && !errors.some((e) => run.cause.includes(e) || e.includes(run.cause))) {
      notes.unshift(el('li', { class: run.status === 'SUCCEEDED' ? null : 'bad-text' }, el('strong', null, 'Cause: '), run.cause));
    }
    return el('div', null,
      el('table', { class: 'counts' },
        el('thead', null, el('tr', null, el('th', { scope: 'col' }, 'Object'), el('th', { scope: 'col' }, 'Status'),
          COUNT_COLUMNS.map((c) => el('th', { scope: 'col', class: 'num' }, c)))),
        el('tbody', null, reports.map((o) => el('tr', null,
          el('th', { scope: 'row' }, o.object),
          el('td', null, badge(words(o.status), statusKind(o.status))),
          COUNT_COLUMNS.map((c) => el('td', { class: `num${o[c] ? '' : ' zero'}${c === 'failed' && o[c] ? ' bad-text' : ''}` }, o[c] ?? 0)))))),
      notes.length ? el('ul', { class: 'notes small' }, notes) : null);
  }

  function progressTable(run) {
    return el('ul', { class: 'progress-list', 'aria-label': `Progress of ${run.jobName || run.jobId}` }, run.progress.map((p) => {
      const counts = ['created', 'updated', 'unchanged', 'deferred', 'failed']
        .filter((c) => p[c] !== null && p[c] !== undefined)
        .map((c) => `${p[c]} ${c}`).join(' · ');
      const label = p.total !== null && p.total !== undefined ? `${p.done} of ${p.total}` : `${p.done} records`;
      const waiting = p.state === 'WAITING';
      const detail = [
        counts ? el('span', null, counts) : null,
        p.attempt > 1 ? el('span', { class: 'warn-text' }, ` · attempt ${p.attempt}`) : null,
        p.lastFailure ? el('div', { class: 'bad-text' }, p.lastFailure) : null,
      ].filter(Boolean);
      return el('li', { class: `progress-item state-${String(p.state).toLowerCase()}` },
        el('span', { class: 'object-name' }, p.object),
        el('span', null, badge(words(p.state), statusKind(p.state))),
        waiting ? el('span') : el('progress', {
          max: p.total || 1, value: p.total ? p.done : (p.state === 'DONE' ? 1 : undefined),
          'aria-label': `${p.object}: ${label}`,
        }),
        el('span', { class: 'small' }, waiting ? '' : label),
        detail.length ? el('div', { class: 'small muted progress-detail' }, detail) : null);
    }));
  }

  // ---------------------------------------------------------------- charts

  const CHART_HEIGHT = 200;
  /** The time either side of a chart's only point, which uPlot would otherwise put at the start of a span of years. */
  const LONE_POINT_MARGIN_S = 3600;
  /** Axis steps for counts: a chart of a few records has ticks at whole records, never at 0.5. */
  const WHOLE_STEPS = [1, 2, 5].flatMap((step) => [1, 10, 100, 1000, 10000, 100000, 1000000].map((power) => step * power))
    .sort((a, b) => a - b);

  /**
   * A line chart into target, as wide as it: chart is {title, unit, whole, series: [{label, color}]}, x is {label,
   * and optionally utc: true and a uPlot date format for the legend}, xs are times in seconds, rows one array per series.
   * Its legend shows the last point's numbers until the pointer picks another one (uPlot would show "--").
   */
  function lineChart(target, chart, x, xs, rows) {
    return new window.uPlot({
      title: chart.title,
      width: target.clientWidth,
      height: CHART_HEIGHT,
      tzDate: x.utc ? (seconds) => window.uPlot.tzDate(new Date(seconds * 1000), 'Etc/UTC') : undefined,
      scales: {
        x: { time: true, range: (u, min, max) => (xs.length === 1 ? [xs[0] - LONE_POINT_MARGIN_S, xs[0] + LONE_POINT_MARGIN_S] : [min, max]) },
        // From zero, so a point is compared with none at all rather than with the lowest one.
        y: { range: (u, min, max) => window.uPlot.rangeNum(0, Math.max(max, 1), 0.1, true) },
      },
      hooks: { setCursor: [(u) => { if (u.cursor.idx === null || u.cursor.idx === undefined) u.setLegend({ idx: xs.length - 1 }); }] },
      axes: [{ label: x.label }, { label: chart.unit, incrs: chart.whole ? WHOLE_STEPS : undefined }],
      series: [{ label: x.label, value: x.legendDate }, ...chart.series.map((s) => ({
        label: s.label, stroke: s.color, width: 2, points: { show: true, size: 6, fill: s.color },
      }))],
    }, [xs, ...rows], target);
  }

  /** uPlot draws at a fixed size: the charts follow the page's width (kept as they are while another view hides them). */
  function resizeCharts() {
    for (const chart of [...state.runCharts, state.errorsChart].filter(Boolean)) {
      const width = chart.root.parentNode.clientWidth;
      if (width) chart.setSize({ width, height: CHART_HEIGHT });
    }
  }

  // ---------------------------------------------------------------- run charts

  /** How many of a job's newest runs the charts draw. */
  const CHARTED_RUNS = 50;

  const reportSum = (run, count) => (run.objectReports || []).reduce((sum, o) => sum + (o[count] || 0), 0);

  /** The charts of a job's runs: what each draws per run, and the words a person reads it by. */
  const RUN_CHARTS = [
    {
      title: 'Records synced per run', unit: 'records', whole: true, series: [
        { label: 'Created + updated', color: '#0b6e69', value: (run) => reportSum(run, 'created') + reportSum(run, 'updated') },
        { label: 'Failed', color: '#b3261e', value: (run) => reportSum(run, 'failed') },
      ],
    },
    {
      title: 'Run duration', unit: 'seconds', whole: false, series: [
        { label: 'Duration', color: '#1d4f9a', value: (run) => (run.durationMillis === null || run.durationMillis === undefined ? null : run.durationMillis / 1000) },
      ],
    },
    {
      title: 'API calls per run', unit: 'calls', whole: true, series: [
        { label: API_SYSTEMS.QUICKBOOKS, color: '#2ca01c', value: (run) => (run.apiCalls && run.apiCalls.QUICKBOOKS) || 0 },
        { label: API_SYSTEMS.SALESFORCE, color: '#8a5300', value: (run) => (run.apiCalls && run.apiCalls.SALESFORCE) || 0 },
      ],
    },
  ];

  /** A job's newest runs, newest first: the listed runs themselves unless the list is filtered by status. */
  async function recentRunsOf(jobId, listed) {
    if (!$('runs-status').value) return listed.slice(0, CHARTED_RUNS);
    return api('GET', `api/runs?${new URLSearchParams({ jobId, limit: String(CHARTED_RUNS) })}`);
  }

  /** Charts of one job's recent runs above its runs table; nothing for all jobs, whose runs do not add up to a trend. */
  function showRunCharts(jobId, recentRuns) {
    const box = $('run-charts');
    // Oldest to newest, and only runs that ended: a running run has neither its duration nor its final counts yet.
    const runs = recentRuns.filter((run) => run.status !== 'RUNNING' && run.finishedAt).reverse();
    const charted = JSON.stringify([jobId, runs.map((run) => run.runId)]);
    if (charted === state.chartedRuns) return;
    state.chartedRuns = charted;
    for (const chart of state.runCharts) chart.destroy();
    state.runCharts = [];
    box.hidden = !jobId;
    if (!jobId) {
      box.replaceChildren();
      return;
    }
    if (!runs.length) {
      render(box, el('p', { class: 'empty card' }, 'No runs yet: charts of this job\'s runs appear here once one has ended.'));
      return;
    }
    if (typeof window.uPlot !== 'function') {
      render(box, el('p', { class: 'card muted' }, 'The charts could not be loaded; the table below has the same numbers.'));
      return;
    }
    const figures = RUN_CHARTS.map(() => el('figure', { class: 'chart card' }));
    render(box, el('p', { class: 'small muted' },
      `The job's last ${plural(runs.length, 'ended run')}, oldest to newest; point at a chart to read one run's numbers.`),
    el('div', { class: 'chart-grid' }, figures));
    const times = runs.map((run) => new Date(run.startedAt).getTime() / 1000);
    state.runCharts = RUN_CHARTS.map((chart, i) =>
      lineChart(figures[i], chart, { label: 'Run started' }, times, chart.series.map((s) => runs.map(s.value))));
  }

  // ---------------------------------------------------------------- errors chart

  /** How many days the errors chart goes back. */
  const ERROR_HISTORY_DAYS = 30;
  /** Every error type, in the order the type filter lists them, with the colour of its line (a type not named here still counts in "All types"). */
  const ERROR_TYPE_COLORS = {
    VALIDATION: '#b3261e', DUPLICATE: '#8a5300', MISSING_PARENT: '#6b4fa0', CONFLICT: '#c2185b', AUTH: '#1d4f9a',
    CONFIGURATION: '#5b6675', RATE_LIMIT: '#2ca01c', REMOTE_UNAVAILABLE: '#00838f', INVALID_JOB: '#3e2723',
  };

  async function loadErrorHistory() {
    try {
      showErrorsChart(await api('GET', `api/errors/history?days=${ERROR_HISTORY_DAYS}`));
    } catch (error) {
      showError(error, 'Could not load the open errors of the last days');
    }
  }

  /** Open errors at the end of each day, in all and by type: whether errors pile up or get fixed, which the list cannot show. */
  function showErrorsChart(history) {
    const box = $('errors-chart');
    if (state.errorsChart) state.errorsChart.destroy();
    state.errorsChart = null;
    box.hidden = false;
    const days = history.days;
    const types = Object.keys(ERROR_TYPE_COLORS).filter((type) => days.some((day) => day.openByType[type]));
    if (!types.length) {
      render(box, el('p', { class: 'empty card' }, `No error was open in the last ${ERROR_HISTORY_DAYS} days.`));
      return;
    }
    if (typeof window.uPlot !== 'function') {
      render(box, el('p', { class: 'card muted' }, 'The chart of open errors could not be loaded.'));
      return;
    }
    const figure = el('figure', { class: 'chart card' });
    render(box, el('p', { class: 'small muted' },
      `Open errors at the end of each of the last ${ERROR_HISTORY_DAYS} days (UTC; today: now), every company and job: the filters below do not apply.`),
    figure);
    const chart = {
      title: `Open errors, last ${ERROR_HISTORY_DAYS} days`, unit: 'open errors', whole: true, series: [
        { label: 'All types', color: '#1c2430' },
        ...types.map((type) => ({ label: capitalized(words(type)), color: ERROR_TYPE_COLORS[type] })),
      ],
    };
    state.errorsChart = lineChart(figure, chart, { label: 'Day (UTC)', utc: true, legendDate: '{YYYY}-{MM}-{DD}' },
      days.map((day) => Date.parse(`${day.date}T00:00:00Z`) / 1000),
      [days.map((day) => day.open), ...types.map((type) => days.map((day) => day.openByType[type] || 0))]);
  }

  // ---------------------------------------------------------------- errors

  function errorFilter() {
    return {
      companyId: $('errors-company').value.trim(),
      object: $('errors-object').value,
      direction: $('errors-direction').value,
      type: $('errors-type').value,
      jobId: $('errors-job').value.trim(),
      sourceId: $('errors-source').value.trim(),
    };
  }

  async function showErrors() {
    fillCompanies();
    await Promise.all([loadErrors(), loadErrorHistory()]);
  }

  async function loadErrors() {
    const filter = errorFilter();
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(filter)) if (v) params.set(k, v);
    params.set('status', $('errors-status').value);
    params.set('page', String(state.errorsPage));
    params.set('size', $('errors-size').value);
    try {
      const page = await api('GET', `api/errors?${params}`);
      state.lastErrorsPage = page;
      renderErrors(page);
    } catch (error) {
      showError(error, 'Could not load the errors');
    }
  }

  function renderErrors(page) {
    const content = $('errors-content');
    const from = page.total ? page.page * page.size + 1 : 0;
    const to = page.page * page.size + page.items.length;
    const pager = el('nav', { class: 'pager', 'aria-label': 'Error pages' },
      el('button', { type: 'button', class: 'button small', disabled: page.page === 0, dataset: { focusKey: 'errors-prev' },
        onclick: () => { state.errorsPage = Math.max(0, page.page - 1); loadErrors(); } }, '← Previous'),
      el('span', { class: 'small' }, page.total ? `${from}–${to} of ${page.total}` : 'none'),
      el('button', { type: 'button', class: 'button small', disabled: to >= page.total, dataset: { focusKey: 'errors-next' },
        onclick: () => { state.errorsPage = page.page + 1; loadErrors(); } }, 'Next →'));
    if (!page.items.length) {
      render(content, el('p', { class: 'empty card' },
        page.total ? 'No errors on this page.' : 'No error matches these filters. Records that fail to sync appear here with their reason.'),
      page.total ? pager : null);
      return;
    }
    render(content,
      el('div', { class: 'table-wrap' },
        el('table', { class: 'data errors', id: 'errors-table' },
          el('caption', { class: 'visually-hidden' }, `Record errors ${from} to ${to} of ${page.total}`),
          el('thead', null, el('tr', null,
            el('th', { scope: 'col' }, 'Record'),
            el('th', { scope: 'col' }, 'Type'),
            el('th', { scope: 'col' }, 'Message'),
            el('th', { scope: 'col', class: 'num' }, 'Attempts'),
            el('th', { scope: 'col' }, 'Seen'),
            el('th', { scope: 'col' }, 'Status'),
            el('th', { scope: 'col' }, el('span', { class: 'visually-hidden' }, 'Actions')))),
          el('tbody', null, page.items.map(errorRow)))),
      pager);
  }

  function errorRow(e) {
    const record = e.scope === 'OBJECT' ? `every ${e.object}` : `${e.object} ${e.sourceId}`;
    const links = [];
    if (e.links && e.links.quickBooks) links.push(el('a', { href: e.links.quickBooks, target: '_blank', rel: 'noopener noreferrer' }, 'QuickBooks'));
    if (e.links && e.links.salesforce) links.push(el('a', { href: e.links.salesforce, target: '_blank', rel: 'noopener noreferrer' }, 'Salesforce'));
    const open = e.status === 'OPEN';
    const detail = state.errorDetails.get(e.id);
    const row = el('tr', { dataset: { errorId: String(e.id) } },
      el('th', { scope: 'row' },
        el('div', { class: 'record' }, record, e.scope === 'OBJECT' ? badge('whole object', 'bad', 'The object\'s run failed as a whole') : null),
        el('div', { class: 'small muted' }, DIRECTIONS[e.direction] || e.direction),
        el('div', { class: 'small muted' }, 'Company ', el('span', { class: 'mono' }, e.companyId)),
        e.jobId ? el('div', { class: 'small' }, el('a', { href: `#runs/${encodeURIComponent(e.jobId)}` }, `job ${e.jobId}`)) : null,
        links.length ? el('div', { class: 'small links' }, 'Open in ', links.flatMap((l, i) => (i ? [' · ', l] : [l]))) : null),
      el('td', null, badge(words(e.type), statusKind(e.type)), e.remoteCode ? el('div', { class: 'small muted mono' }, e.remoteCode) : null),
      el('td', { class: 'message' }, e.message || '—'),
      el('td', { class: 'num' }, e.attempts),
      el('td', { class: 'small' },
        el('div', null, 'first ', timeEl(e.firstSeenAt)),
        el('div', null, 'last ', timeEl(e.lastSeenAt)),
        e.lastRetry ? el('div', { class: 'muted' }, 'retry asked ', timeEl(e.lastRetry.requestedAt)) : null),
      el('td', null, badge(words(e.status), statusKind(e.status))),
      el('td', { class: 'actions-cell' }, el('div', { class: 'row-actions' },
        open && may('OPERATOR') ? el('button', { type: 'button', class: 'button small', 'aria-label': `Retry ${record}`, dataset: { focusKey: `retry-${e.id}` },
          onclick: () => retryError(e) }, 'Retry') : null,
        open && may('OPERATOR') ? el('button', { type: 'button', class: 'button small danger-outline', 'aria-label': `Dismiss the error of ${record}`,
          dataset: { focusKey: `dismiss-${e.id}` }, onclick: () => dismissError(e) }, 'Dismiss') : null,
        el('button', { type: 'button', class: 'button small subtle', 'aria-expanded': detail ? 'true' : 'false',
          'aria-controls': `error-detail-${e.id}`, 'aria-label': `History of ${record}`, dataset: { focusKey: `history-${e.id}` },
          onclick: () => toggleErrorDetail(e) }, detail ? 'Hide history' : 'History'))));
    if (!detail) return row;
    return [row, el('tr', { class: 'detail-row', id: `error-detail-${e.id}` },
      el('td', { colspan: 7 }, errorDetail(detail)))];
  }

  /** The single-error view: the retry's Temporal state and the record's older errors. */
  function errorDetail(d) {
    const retry = d.lastRetry
      ? el('p', { class: 'small' }, 'Last retry asked ', timeEl(d.lastRetry.requestedAt), ', workflow ',
        el('code', null, d.lastRetry.workflowId), d.lastRetry.state ? [': ', badge(words(d.lastRetry.state), statusKind(d.lastRetry.state))] : null)
      : el('p', { class: 'small muted' }, 'No retry asked yet.');
    const history = d.history && d.history.length
      ? el('ol', { class: 'history small' }, d.history.map((h) => el('li', null,
        badge(words(h.status), statusKind(h.status)), ' ', badge(words(h.type), statusKind(h.type)), ' ',
        timeEl(h.firstSeenAt), ' – ', timeEl(h.lastSeenAt), ` · ${plural(h.attempts, 'attempt')} · `, h.message || '')))
      : el('p', { class: 'small muted' }, 'No older errors for this record.');
    return el('div', { class: 'error-detail' }, retry, el('h3', { class: 'small-heading' }, 'Older errors of this record'), history);
  }

  async function toggleErrorDetail(e) {
    if (state.errorDetails.has(e.id)) {
      state.errorDetails.delete(e.id);
    } else {
      try {
        state.errorDetails.set(e.id, await api('GET', `api/errors/${e.id}`));
      } catch (error) {
        showError(error, `Could not load error ${e.id}`);
        return;
      }
    }
    if (state.lastErrorsPage) renderErrors(state.lastErrorsPage);
  }

  function retrySummary(result) {
    const workflows = result.workflows ? result.workflows.length : 0;
    return `${result.retried} of ${result.matched} matching open error${result.matched === 1 ? '' : 's'} retried in ${workflows} workflow${workflows === 1 ? '' : 's'}`
      + (result.retried < result.matched ? '; retry again for the rest' : '')
      + '. An error closes once its record syncs.';
  }

  async function retryError(e) {
    try {
      const result = await api('POST', `api/errors/${e.id}/retry`);
      notify(`Retry of ${e.object} ${e.sourceId} started: ${retrySummary(result)}`);
      await loadErrors();
    } catch (error) {
      showError(error, `Could not retry error ${e.id}`);
    }
  }

  async function dismissError(e) {
    if (!window.confirm(`Dismiss the error of ${e.object} ${e.sourceId}? It leaves the open list and is not retried.`)) return;
    try {
      await api('POST', `api/errors/${e.id}/dismiss`);
      notify(`The error of ${e.object} ${e.sourceId} is dismissed.`);
      await loadErrors();
    } catch (error) {
      showError(error, `Could not dismiss error ${e.id}`);
    }
  }

  function selection() {
    const body = {};
    for (const [k, v] of Object.entries(errorFilter())) if (v) body[k] = v;
    return body;
  }

  function describeSelection(body) {
    const labels = { companyId: 'company', object: 'object', direction: 'direction', type: 'type', jobId: 'job', sourceId: 'record id' };
    const parts = Object.entries(body).map(([k, v]) => `${labels[k] || k} ${k === 'direction' ? DIRECTIONS[v] : v}`);
    return parts.length ? `matching ${parts.join(', ')}` : 'of every company, object, direction, type and job';
  }

  async function retryAll() {
    const body = selection();
    if (!window.confirm(`Retry every open error ${describeSelection(body)}?`)) return;
    try {
      const result = await api('POST', 'api/errors/retry', body);
      notify(`Retry started: ${retrySummary(result)}`);
      await loadErrors();
    } catch (error) {
      showError(error, 'Could not retry the matching errors');
    }
  }

  async function dismissAll() {
    const body = selection();
    if (!window.confirm(`Dismiss every open error ${describeSelection(body)}?`)) return;
    try {
      const result = await api('POST', 'api/errors/dismiss', body);
      notify(`${result.dismissed} error${result.dismissed === 1 ? '' : 's'} dismissed.`);
      await loadErrors();
    } catch (error) {
      showError(error, 'Could not dismiss the matching errors');
    }
  }

  // ---------------------------------------------------------------- status and connections

  async function showStatus() {
    try {
      const [status, jobs] = await Promise.all([api('GET', 'api/status'), api('GET', 'api/jobs')]);
      state.jobs = jobs;
      fillCompanies();
      const inStatus = new Set(status.companies.map((c) => c.companyId));
      const others = [...new Set(jobs.map((j) => j.companyId))].filter((id) => id && !inStatus.has(id));
      const connections = await Promise.all(others.map((id) => api('GET', `api/connections/quickbooks/${encodeURIComponent(id)}`)
        .catch((error) => ({ realmId: id, error }))));
      // A company never reconciled answers 404: it simply has no findings yet.
      const reconciliations = await Promise.all(status.companies.map((c) =>
        api('GET', `api/reconciliations/latest?companyId=${encodeURIComponent(c.companyId)}`).catch(() => null)));
      renderStatus(status, connections, reconciliations);
    } catch (error) {
      showError(error, 'Could not load the status');
    }
  }

  function renderStatus(status, connections, reconciliations) {
    const t = status.totals;
    const tile = (label, value, kind) => el('div', { class: `tile${value && kind ? ` tile-${kind}` : ''}` },
      el('span', { class: 'tile-value' }, Number(value).toLocaleString()), el('span', { class: 'tile-label' }, label));
    const companies = status.companies.map((c, i) => el('section', { class: 'card company', 'aria-labelledby': `company-${c.companyId}` },
      el('div', { class: 'company-head' },
        el('h2', { id: `company-${c.companyId}`, class: 'h3' }, 'QuickBooks company ', el('span', { class: 'mono' }, c.companyId)),
        connectionBadge(c.connected),
        c.openErrors ? el('a', { class: 'small', href: '#errors' }, plural(c.openErrors, 'open error')) : null,
        connectButton(c.companyId, c.connected)),
      c.objects.length ? objectStatusTable(c) : el('p', { class: 'muted' }, 'Nothing synced yet.'),
      c.connected ? reconciliationBlock(c.companyId, reconciliations[i]) : null));
    const extra = connections.length
      ? el('section', { class: 'card', 'aria-labelledby': 'other-companies' },
        el('h2', { id: 'other-companies', class: 'h3' }, 'Other companies in jobs'),
        el('ul', { class: 'plain' }, connections.map((c) => el('li', { class: 'company-head' },
          el('span', { class: 'mono' }, c.realmId),
          c.error ? el('span', { class: 'bad-text small' }, describe(c.error)) : connectionBadge(c.connected),
          connectButton(c.realmId, c.connected)))))
      : null;
    render($('status-content'),
      el('div', { class: 'tiles', role: 'group', 'aria-label': 'Totals across every company' },
        tile('records in sync', t.inSync),
        tile('open errors', t.openErrors, 'bad'),
        tile('deferred', t.deferred, 'warn'),
        tile('objects failing', t.objectsFailing, 'bad')),
      el('p', { class: 'small muted' }, 'As of ', timeEl(status.generatedAt)),
      companies.length ? companies : el('p', { class: 'empty card' }, 'No company has synced yet.'),
      extra,
      status.salesforce ? salesforceCard(status.salesforce) : null,
      realTimeCard(status.realTime || []));
  }

  /** The Salesforce org as this server last saw it: where, as whom, which API version, the daily API calls left. */
  function salesforceCard(org) {
    const known = org.apiCallsUsed != null;
    const atReserve = known && org.apiCallsReserve != null && org.apiCallsLeft <= org.apiCallsReserve;
    return el('section', { class: 'card', 'aria-labelledby': 'salesforce-org' },
      el('h2', { id: 'salesforce-org', class: 'h3' }, 'Salesforce org'),
      el('dl', { class: 'facts' },
        el('dt', null, 'Org'), el('dd', { class: 'mono' }, org.orgId ? `${org.orgId} at ${org.instanceUrl}` : org.instanceUrl || org.loginUrl),
        el('dt', null, 'User'), el('dd', { id: 'salesforce-user' }, org.userName
          ? [`${org.userName} `, el('span', { class: 'mono' }, `${org.username} · ${org.userId}`)]
          : org.userId ? el('span', { class: 'mono' }, org.userId) : el('span', { class: 'muted' }, 'known once connected')),
        el('dt', null, 'API version'), el('dd', null, org.apiVersion),
        el('dt', null, 'Daily API calls'), el('dd', { id: 'salesforce-api-calls' }, known
          ? [`${org.apiCallsUsed.toLocaleString()} of ${org.apiCallsLimit.toLocaleString()} used, `,
            el('strong', { class: atReserve ? 'bad-text' : null }, `${org.apiCallsLeft.toLocaleString()} left`),
            ' as of ', timeEl(org.observedAt),
            org.apiCallsReserve == null ? null : atReserve
              ? el('div', { class: 'bad-text' }, `Down to the ${org.apiCallsReserve.toLocaleString()} kept for the org's other users: runs stop with API_RESERVE until Salesforce's rolling 24 hours free more.`)
              : el('div', { class: 'muted' }, `${org.apiCallsReserve.toLocaleString()} kept for the org's other users`)]
          : el('span', { class: 'muted' }, 'not known until Salesforce answers a call (from its Sforce-Limit-Info header)'))));
  }

  // ---------------------------------------------------------------- reconciliation

  const RECORD_CLASSES = [
    ['linkedEqual', 'Equal'], ['linkedDifferent', 'Different'], ['onlyInQuickBooks', 'Only in QuickBooks'],
    ['onlyInSalesforce', 'Only in Salesforce'], ['dangling', 'Dangling links'], ['openErrors', 'Open errors'],
  ];
  const SAMPLE_WORDS = {
    LINKED_DIFFERENT: 'differs', ONLY_IN_QUICKBOOKS: 'only in QuickBooks', ONLY_IN_SALESFORCE: 'only in Salesforce',
    DANGLING: 'dangling link', OPEN_ERROR: 'open error',
  };

  /** A company's newest reconciliation, per object, with the buttons that start one. */
  function reconciliationBlock(companyId, r) {
    const head = el('div', { class: 'company-head reconcile-head' },
      el('h3', { id: `reconcile-${companyId}` }, 'Reconciliation'),
      r ? [badge(words(r.status), statusKind(r.status)), ' ', el('span', { class: 'small' },
        r.status === 'RUNNING' ? ['started ', timeEl(r.startedAt)]
          : [plural(r.differences, 'record'), ' differ', r.differences === 1 ? 's' : '', ' · ', timeEl(r.finishedAt || r.startedAt),
            r.scheduled ? ' (scheduled)' : ' (by hand)', r.repair ? ', repairing' : ''])]
        : el('span', { class: 'small muted' }, 'not reconciled yet'),
      may('OPERATOR') ? el('span', { class: 'reconcile-actions' },
        el('button', { type: 'button', class: 'button small', dataset: { focusKey: `reconcile-${companyId}` },
          onclick: () => startReconciliation(companyId, false) }, 'Reconcile now'),
        el('button', { type: 'button', class: 'button small', dataset: { focusKey: `repair-${companyId}` },
          title: 'Compare, then sync again what differs, the way the company\'s jobs sync it',
          onclick: () => startReconciliation(companyId, true) }, 'Reconcile and repair')) : null);
    if (!r || !r.objects || !r.objects.length) return el('section', { class: 'reconcile', 'aria-labelledby': `reconcile-${companyId}` }, head,
      r && r.error ? el('p', { class: 'small bad-text' }, r.error) : null);
    const samples = r.objects.flatMap((o) => (o.samples || []).filter((s) => SAMPLE_WORDS[s.recordClass])
      .map((s) => el('li', null, `${o.object} ${SAMPLE_WORDS[s.recordClass]}: QuickBooks `,
        el('span', { class: 'mono' }, s.quickBooksId || '—'), `, ${o.salesforceObject || 'Salesforce'} `,
        el('span', { class: 'mono' }, s.salesforceId || '—'), s.fields && s.fields.length ? ` (${s.fields.join(', ')})` : '')));
    return el('section', { class: 'reconcile', 'aria-labelledby': `reconcile-${companyId}` }, head,
      el('div', { class: 'table-wrap' }, el('table', { class: 'data reconcile-table' },
        el('caption', { class: 'visually-hidden' }, `Reconciliation of company ${companyId} by object`),
        el('thead', null, el('tr', null,
          ['Object', 'Salesforce', ...RECORD_CLASSES.map(([, label]) => label), 'Differing fields']
            .map((h, i) => el('th', { scope: 'col', class: i >= 2 && i <= 7 ? 'num' : null }, h)))),
        el('tbody', null, r.objects.map((o) => el('tr', null,
          el('th', { scope: 'row' }, o.object),
          el('td', null, o.salesforceObject || '—'),
          o.error
            ? el('td', { colspan: RECORD_CLASSES.length + 1, class: 'bad-text small' }, `Could not be compared: ${o.error}`)
            : [...RECORD_CLASSES.map(([key]) => el('td', { class: `num${key !== 'linkedEqual' && o.counts[key] ? ' bad-text' : ''}` },
              o.counts[key].toLocaleString())),
            el('td', { class: 'small' }, Object.entries(o.differingFields || {}).map(([f, n]) => `${f} (${n})`).join(', ') || '—')]))))),
      samples.length ? el('details', { class: 'small reconcile-samples' }, el('summary', null, 'Examples (up to 20 per object and kind)'),
        el('ul', { class: 'plain' }, samples)) : null);
  }

  async function startReconciliation(companyId, repair) {
    try {
      const started = await api('POST', 'api/reconciliations', { companyId, repair });
      notify(`Reconciliation of company ${companyId} started (${started.objects.join(', ')})${repair ? ', repairing' : ''}; this page updates when it ends.`);
      await awaitReconciliation(started.id);
      showStatus();
    } catch (error) {
      showError(error, 'Could not reconcile');
    }
  }

  /** Polls a reconciliation until it has ended; 404 until its workflow has recorded its start. */
  async function awaitReconciliation(id) {
    for (let i = 0; i < 600; i++) {
      const found = await api('GET', `api/reconciliations/${encodeURIComponent(id)}`).catch((error) => {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      });
      if (found && found.status !== 'RUNNING') return found;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    return null;
  }

  const SYSTEM_NAMES = { quickbooks: 'QuickBooks webhooks', salesforce: 'Salesforce notifications' };

  function realTimeCard(sources) {
    return el('section', { class: 'card', 'aria-labelledby': 'real-time' },
      el('h2', { id: 'real-time', class: 'h3' }, 'Real-time notifications'),
      el('p', { class: 'small muted' }, 'What this server received since it started; changes of objects that an active job syncs are synced within seconds.'),
      el('div', { class: 'table-wrap' }, el('table', { class: 'data' },
        el('caption', { class: 'visually-hidden' }, 'Real-time notifications by sending system'),
        el('thead', null, el('tr', null,
          ['Source', 'State', 'Endpoint', 'Notifications', 'Records syncing', 'Records ignored', 'Last notification', 'Last refusal']
            .map((h, i) => el('th', { scope: 'col', class: i >= 3 && i <= 5 ? 'num' : null }, h)))),
        el('tbody', null, sources.map((s) => el('tr', null,
          el('th', { scope: 'row' }, SYSTEM_NAMES[s.system] || s.system),
          el('td', null, s.enabled ? badge('on', 'ok') : badge('off', 'neutral', 'Set its secret to turn it on (see the README)')),
          el('td', { class: 'mono small' }, s.endpoints.join(' · ')),
          el('td', { class: 'num' }, s.notifications.toLocaleString()),
          el('td', { class: 'num' }, s.recordsSyncing.toLocaleString()),
          el('td', { class: 'num' }, s.recordsIgnored.toLocaleString()),
          el('td', null, s.lastNotificationAt ? timeEl(s.lastNotificationAt) : el('span', { class: 'muted' }, 'none yet')),
          el('td', null, s.lastRejectedAt
            ? [timeEl(s.lastRejectedAt), el('div', { class: 'small bad-text' }, s.lastRejection)]
            : el('span', { class: 'muted' }, '—'))))))));
  }

  function connectionBadge(connected) {
    return connected ? badge('connected', 'ok') : badge('not connected', 'bad');
  }

  function connectButton(realmId, connected) {
    if (!may('ADMIN')) return null;
    return el('button', {
      type: 'button', class: `button small${connected ? '' : ' primary'}`, dataset: { focusKey: `connect-${realmId}` },
      'aria-label': `${connected ? 'Reconnect' : 'Connect'} QuickBooks company ${realmId}`, onclick: connectQuickBooks,
    }, connected ? 'Reconnect' : 'Connect QuickBooks');
  }

  function objectStatusTable(c) {
    return el('div', { class: 'table-wrap' }, el('table', { class: 'data status-table' },
      el('caption', { class: 'visually-hidden' }, `Objects of company ${c.companyId}`),
      el('thead', null, el('tr', null,
        ['Object', 'Direction', 'State', 'In sync', 'Open errors', 'Deferred', 'Last successful sync', 'Last run', 'Jobs']
          .map((h, i) => el('th', { scope: 'col', class: i >= 3 && i <= 5 ? 'num' : null }, h)))),
      el('tbody', null, c.objects.map((o) => el('tr', null,
        el('th', { scope: 'row' }, o.object),
        el('td', null, DIRECTIONS[o.direction] || o.direction),
        el('td', null, badge(words(o.state), statusKind(o.state))),
        el('td', { class: 'num', title: `${o.linked} records linked on both sides` }, `${o.inSync.toLocaleString()} of ${o.linked.toLocaleString()}`),
        el('td', { class: 'num' }, o.openErrors,
          Object.keys(o.errorsByType || {}).length
            ? el('div', { class: 'small muted' }, Object.entries(o.errorsByType).map(([k, v]) => `${v} ${words(k)}`).join(', '))
            : null),
        el('td', { class: 'num' }, o.deferred),
        el('td', null, o.lastSuccessfulSync ? timeEl(o.lastSuccessfulSync) : el('span', { class: 'muted' }, 'never')),
        el('td', null, o.lastRun
          ? [badge(words(o.lastRun.status), statusKind(o.lastRun.status)), el('div', { class: 'small' }, timeEl(o.lastRun.finishedAt)),
            o.lastRun.error ? el('div', { class: 'small bad-text' }, o.lastRun.error) : null]
          : el('span', { class: 'muted' }, '—')),
        el('td', { class: 'small' }, (o.jobs || []).map((j, i) => [i ? ', ' : '', el('a', { href: `#runs/${encodeURIComponent(j)}` }, j)])))))));
  }

  async function connectQuickBooks() {
    const result = $('connect-result');
    // Opened during the click, so no popup blocker stops it; pointed at Intuit once the API answers.
    const tab = window.open('', '_blank');
    if (tab) tab.opener = null;
    try {
      const { authorizationUrl } = await api('POST', 'api/connections/quickbooks/authorizations');
      if (tab) tab.location.href = authorizationUrl;
      render(result,
        tab ? 'QuickBooks authorization opened in a new tab. If it did not, use this link: ' : 'Open the QuickBooks authorization to connect: ',
        el('a', { href: authorizationUrl, target: '_blank', rel: 'noopener noreferrer' }, 'Connect to QuickBooks'),
        '. Choose the company there; LedgerBridge keeps its tokens when Intuit sends you back here.');
      result.hidden = false;
    } catch (error) {
      if (tab) tab.close();
      showError(error, 'Could not start connecting QuickBooks');
    }
  }

  async function checkConnection(event) {
    event.preventDefault();
    const realm = $('connection-realm').value.trim();
    const out = $('connection-check-result');
    if (!realm) {
      out.textContent = 'Enter a realmId.';
      return;
    }
    try {
      const answer = await api('GET', `api/connections/quickbooks/${encodeURIComponent(realm)}`);
      render(out, 'Company ', el('span', { class: 'mono' }, answer.realmId), ' is ', connectionBadge(answer.connected), '.');
    } catch (error) {
      render(out, el('span', { class: 'bad-text' }, describe(error)));
    }
  }

  // ---------------------------------------------------------------- connections

  const CONNECTION_STATE_KINDS = { CONNECTED: 'ok', NEEDS_REAUTHORIZATION: 'bad', NOT_CONNECTED: 'neutral' };

  /**
   * #connections; #connections/reconnect[/realmId] where Intuit's Reconnect URL leads, and #connections/connect-salesforce
   * where /connect/salesforce leads: straight into the connect flow.
   */
  async function showConnections(arg) {
    if (arg === 'connect-salesforce') {
      history.replaceState(null, '', '#connections');
      await startSalesforceConnect();
      return;
    }
    const reconnect = /^reconnect(?:\/(\d+))?$/.exec(arg || '');
    if (reconnect) {
      // Off the reconnect step first, so going back to this page never starts the flow again.
      history.replaceState(null, '', '#connections');
      await startReconnect(reconnect[1]);
      return;
    }
    await loadConnections();
  }

  async function startReconnect(realmId) {
    const box = $('connections-reconnect');
    const company = realmId ? `QuickBooks company ${realmId}` : 'a QuickBooks company';
    if (state.who.role !== 'ADMIN') {
      render(box, `Only an admin can reconnect ${company}; you are signed in as ${words(state.who.role)}. Ask an admin to open this page.`);
      box.hidden = false;
      await loadConnections();
      return;
    }
    render(box, `Taking you to QuickBooks to reconnect ${company}…`);
    box.hidden = false;
    try {
      const { authorizationUrl } = await api('POST', 'api/connections/quickbooks/authorizations');
      window.location.assign(authorizationUrl);
    } catch (error) {
      box.hidden = true;
      showError(error, `Could not start reconnecting ${company}`);
      await loadConnections();
    }
  }

  /** The web-server flow: Salesforce's consent page, then its callback stores the org's refresh token. */
  async function startSalesforceConnect() {
    const box = $('connections-reconnect');
    if (state.who.role !== 'ADMIN') {
      render(box, `Only an admin can connect the Salesforce org; you are signed in as ${words(state.who.role)}. Ask an admin to open this page.`);
      box.hidden = false;
      await loadConnections();
      return;
    }
    render(box, 'Taking you to Salesforce to connect the org…');
    box.hidden = false;
    try {
      const { authorizationUrl } = await api('POST', 'api/connections/salesforce/authorizations');
      window.location.assign(authorizationUrl);
    } catch (error) {
      box.hidden = true;
      showError(error, 'Could not start connecting Salesforce');
      await loadConnections();
    }
  }

  async function loadConnections() {
    try {
      renderConnections(await api('GET', 'api/connections'));
    } catch (error) {
      showError(error, 'Could not load the connections');
    }
  }

  function renderConnections(connections) {
    const admin = state.who.role === 'ADMIN';
    const when = (iso) => (iso ? timeEl(iso) : el('span', { class: 'muted' }, '—'));
    render($('connections-content'), el('div', { class: 'table-wrap' },
      el('table', { class: 'data', id: 'connections-table' },
        el('caption', { class: 'visually-hidden' }, 'Connections to QuickBooks companies and the Salesforce org'),
        el('thead', null, el('tr', null,
          el('th', { scope: 'col' }, 'Connection'), el('th', { scope: 'col' }, 'State'),
          el('th', { scope: 'col' }, 'Access token expires'), el('th', { scope: 'col' }, 'Refresh token expires'),
          el('th', { scope: 'col' }, 'Authorization ends'), el('th', { scope: 'col' }, 'Last success'),
          el('th', { scope: 'col' }, 'Last failure'), el('th', { scope: 'col' }, 'API calls left today'),
          el('th', { scope: 'col' }, 'Actions'))),
        el('tbody', null, connections.map((c) => {
          const quickBooks = c.system === 'QUICKBOOKS';
          const name = quickBooks ? `QuickBooks company ${c.accountId}` : `Salesforce org ${c.accountId}`;
          return el('tr', { dataset: { connection: `${c.system}-${c.accountId}` } },
            el('th', { scope: 'row' }, quickBooks ? 'QuickBooks company ' : 'Salesforce org ', el('span', { class: 'mono' }, c.accountId),
              quickBooks ? null : el('div', { class: 'small muted' }, `by the ${c.authFlow} flow`)),
            el('td', null, badge(words(c.state), CONNECTION_STATE_KINDS[c.state] || 'neutral'),
              c.reason ? el('div', { class: 'small' }, c.reason) : null),
            el('td', { class: 'small' }, when(c.accessTokenExpiresAt)),
            el('td', { class: 'small' }, when(c.refreshTokenExpiresAt)),
            el('td', { class: 'small' }, when(c.authorizationCapAt)),
            el('td', { class: 'small' }, when(c.lastSuccessAt)),
            el('td', { class: 'small' }, c.lastFailureAt
              ? [timeEl(c.lastFailureAt), el('div', { class: 'bad-text' }, `${words(c.lastFailureType || '')}: ${c.lastFailureReason || ''}`)]
              : el('span', { class: 'muted' }, 'none')),
            el('td', { class: 'small' }, c.apiCallsLeft == null ? el('span', { class: 'muted' }, quickBooks ? '—' : 'not known yet')
              : `${Number(c.apiCallsLeft).toLocaleString()} of ${Number(c.apiCallsLimit).toLocaleString()}`),
            el('td', { class: 'actions-cell' }, el('div', { class: 'row-actions' },
              // The page's own reconnect step: the same one Intuit's Reconnect URL (c.reconnectUrl) leads to.
              quickBooks ? el('a', { class: 'button small', href: `#connections/reconnect/${encodeURIComponent(c.accountId)}`,
                'aria-label': `Reconnect ${name}` }, 'Reconnect') : null,
              // The web-server flow's connect step, the one /connect/salesforce (c.reconnectUrl) leads to.
              !quickBooks && c.reconnectUrl ? el('a', { class: 'button small', href: '#connections/connect-salesforce',
                'aria-label': c.state === 'CONNECTED' ? `Reconnect ${name}` : `Connect ${name}` },
              c.state === 'CONNECTED' ? 'Reconnect' : 'Connect Salesforce') : null,
              admin && c.disconnectable ? el('button', {
                type: 'button', class: 'button small danger-outline', 'aria-label': `Disconnect ${name}`,
                dataset: { focusKey: `disconnect-${c.system}-${c.accountId}` }, onclick: () => disconnect(c),
              }, 'Disconnect') : null,
              quickBooks || c.reconnectUrl ? null : el('span', { class: 'muted small' }, 'Credentials come from the configuration'))));
        })))));
  }

  async function disconnect(connection) {
    const quickBooks = connection.system === 'QUICKBOOKS';
    const name = quickBooks ? `QuickBooks company ${connection.accountId}` : `the Salesforce org ${connection.accountId}`;
    const provider = quickBooks ? 'Intuit' : 'Salesforce';
    if (!window.confirm(`Disconnect ${name}? Its token is revoked at ${provider} and its jobs fail until it is connected again.`)) return;
    try {
      await api('DELETE', quickBooks ? `api/connections/quickbooks/${encodeURIComponent(connection.accountId)}` : 'api/connections/salesforce');
      notify(quickBooks ? `${name} is disconnected.` : `The Salesforce org ${connection.accountId} is disconnected.`);
    } catch (error) {
      showError(error, `Could not disconnect ${name}`);
    }
    await loadConnections();
  }

  // ---------------------------------------------------------------- audit trail

  const AUDIT_PAGE_SIZE = 50;

  async function showAudit() {
    state.auditCursors = [null];
    await loadAudit();
  }

  async function loadAudit() {
    const params = new URLSearchParams({ limit: String(AUDIT_PAGE_SIZE) });
    const filter = { action: $('audit-action').value, target: $('audit-target').value.trim(), actor: $('audit-actor').value.trim() };
    for (const [k, v] of Object.entries(filter)) if (v) params.set(k, v);
    const cursor = state.auditCursors[state.auditCursors.length - 1];
    if (cursor) params.set('cursor', String(cursor));
    const asked = ++state.auditAsked;
    try {
      const page = await api('GET', `api/audit?${params}`);
      if (asked === state.auditAsked) renderAudit(page);
    } catch (error) {
      if (asked === state.auditAsked) showError(error, 'Could not load the audit trail');
    }
  }

  function renderAudit(page) {
    const newer = state.auditCursors.length > 1;
    const pager = el('nav', { class: 'pager', 'aria-label': 'Audit trail pages' },
      el('button', { type: 'button', class: 'button small', disabled: !newer, dataset: { focusKey: 'audit-newer' },
        onclick: () => { state.auditCursors.pop(); loadAudit(); } }, '← Newer'),
      el('button', { type: 'button', class: 'button small', disabled: !page.nextCursor, dataset: { focusKey: 'audit-older' },
        onclick: () => { state.auditCursors.push(page.nextCursor); loadAudit(); } }, 'Older →'));
    if (!page.events.length) {
      render($('audit-content'), el('p', { class: 'empty card' },
        newer ? 'No older changes.' : 'No change matches these filters. Changes made through the API or this page appear here.'),
      newer ? pager : null);
      return;
    }
    render($('audit-content'),
      el('div', { class: 'table-wrap' },
        el('table', { class: 'data audit', id: 'audit-table' },
          el('caption', { class: 'visually-hidden' }, 'Changes, newest first'),
          el('thead', null, el('tr', null,
            el('th', { scope: 'col' }, 'When'),
            el('th', { scope: 'col' }, 'Action'),
            el('th', { scope: 'col' }, 'Target'),
            el('th', { scope: 'col' }, 'Details'),
            el('th', { scope: 'col' }, 'Who'),
            el('th', { scope: 'col' }, 'From'),
            el('th', { scope: 'col' }, 'Outcome'))),
          el('tbody', null, page.events.map(auditRow)))),
      pager);
  }

  function auditRow(event) {
    return el('tr', { dataset: { auditId: String(event.id) } },
      el('td', { class: 'small' }, timeEl(event.occurredAt)),
      el('th', { scope: 'row' }, capitalized(words(event.action))),
      el('td', { class: 'mono small' }, event.target || '—'),
      el('td', { class: 'small' }, auditDetails(event.details)),
      el('td', null, event.actor.label),
      el('td', { class: 'mono small' }, event.sourceAddress || '—'),
      el('td', null, badge(words(event.outcome), statusKind(event.outcome), `HTTP ${event.httpStatus}`)));
  }

  /** What was done, a line per value: lists joined with commas, anything nested as its JSON. */
  function auditDetails(details) {
    if (!details) return '—';
    return el('dl', { class: 'audit-details' }, Object.entries(details).map(([name, value]) => [
      el('dt', null, name),
      el('dd', null, Array.isArray(value) ? value.join(', ') : value !== null && typeof value === 'object' ? JSON.stringify(value) : String(value)),
    ]));
  }

  // ---------------------------------------------------------------- start

  // ---------------------------------------------------------------- people & tokens (admins)

  async function showAccess() {
    $('token-secret').hidden = true;
    await Promise.all([loadPeople(), loadTokens()]);
  }

  async function loadPeople() {
    try {
      renderPeople(await api('GET', 'api/people'));
    } catch (error) {
      showError(error, 'Could not load the people');
    }
  }

  async function loadTokens() {
    try {
      renderTokens(await api('GET', 'api/tokens'));
    } catch (error) {
      showError(error, 'Could not load the API tokens');
    }
  }

  function roleSelect(person) {
    return el('select', {
      'aria-label': `Role of ${person.name}`, disabled: person.disabled, dataset: { focusKey: `role-${person.id}` },
      onchange: (e) => changeRole(person, e.target.value),
    }, ['VIEWER', 'OPERATOR', 'ADMIN'].map((role) => el('option', { value: role, selected: role === person.role }, capitalized(words(role)))));
  }

  function renderPeople(people) {
    if (!people.length) {
      render($('people-content'), el('p', { class: 'empty card' }, 'No people yet: add the first one below.'));
      return;
    }
    render($('people-content'), el('div', { class: 'table-wrap' },
      el('table', { class: 'data', id: 'people-table' },
        el('caption', { class: 'visually-hidden' }, 'People'),
        el('thead', null, el('tr', null,
          el('th', { scope: 'col' }, 'Name'), el('th', { scope: 'col' }, 'Email'), el('th', { scope: 'col' }, 'Role'),
          el('th', { scope: 'col' }, 'State'), el('th', { scope: 'col' }, 'Added'), el('th', { scope: 'col' }, 'Actions'))),
        el('tbody', null, people.map((person) => el('tr', { dataset: { personId: String(person.id) } },
          el('th', { scope: 'row' }, person.name),
          el('td', { class: 'mono small' }, person.email),
          el('td', null, roleSelect(person)),
          el('td', null, person.disabled ? badge('disabled', 'bad') : badge('active', 'ok')),
          el('td', { class: 'small' }, timeEl(person.createdAt), el('br'), person.createdBy),
          el('td', null, person.disabled ? '—' : el('button', {
            type: 'button', class: 'button small danger-outline', dataset: { focusKey: `disable-${person.id}` },
            onclick: () => disablePerson(person),
          }, 'Disable'))))))));
  }

  function renderTokens(tokens) {
    if (!tokens.length) {
      render($('tokens-content'), el('p', { class: 'empty card' }, 'No API tokens yet: create one below for a script or the CLI.'));
      return;
    }
    render($('tokens-content'), el('div', { class: 'table-wrap' },
      el('table', { class: 'data', id: 'tokens-table' },
        el('caption', { class: 'visually-hidden' }, 'API tokens, newest first'),
        el('thead', null, el('tr', null,
          el('th', { scope: 'col' }, 'Name'), el('th', { scope: 'col' }, 'Role'), el('th', { scope: 'col' }, 'State'),
          el('th', { scope: 'col' }, 'Expires'), el('th', { scope: 'col' }, 'Created'), el('th', { scope: 'col' }, 'Actions'))),
        el('tbody', null, tokens.map((token) => el('tr', { dataset: { tokenId: String(token.id) } },
          el('th', { scope: 'row' }, token.name),
          el('td', null, capitalized(words(token.role))),
          el('td', null, badge(words(token.state), token.state === 'ACTIVE' ? 'ok' : 'neutral')),
          el('td', { class: 'small' }, timeEl(token.expiresAt)),
          el('td', { class: 'small' }, timeEl(token.createdAt), el('br'), token.createdBy),
          el('td', null, token.state !== 'ACTIVE' ? '—' : el('button', {
            type: 'button', class: 'button small danger-outline', dataset: { focusKey: `revoke-${token.id}` },
            onclick: () => revokeToken(token),
          }, 'Revoke'))))))));
  }

  function formError(box, error) {
    box.textContent = error ? describe(error) : '';
    box.hidden = !error;
  }

  async function addPerson(event) {
    event.preventDefault();
    const person = {
      name: $('person-name').value.trim(), email: $('person-email').value.trim(),
      role: $('person-role').value, password: $('person-password').value,
    };
    try {
      const added = await api('POST', 'api/people', person);
      formError($('person-error'));
      $('person-form').reset();
      notify(`${added.name} can sign in now with ${added.email}, as ${words(added.role)}.`);
      await loadPeople();
    } catch (error) {
      formError($('person-error'), error);
    }
  }

  async function changeRole(person, role) {
    try {
      await api('PUT', `api/people/${person.id}`, { role });
      notify(`${person.name} is now ${words(role)}.`);
    } catch (error) {
      showError(error, `Could not change the role of ${person.name}`);
    }
    await loadPeople();
  }

  async function disablePerson(person) {
    if (!window.confirm(`Disable ${person.name}? They are signed out and cannot sign in again.`)) return;
    try {
      await api('POST', `api/people/${person.id}/disable`);
      notify(`${person.name} is disabled.`);
    } catch (error) {
      showError(error, `Could not disable ${person.name}`);
    }
    await loadPeople();
  }

  async function createToken(event) {
    event.preventDefault();
    const days = Number($('token-days').value);
    try {
      const created = await api('POST', 'api/tokens', {
        name: $('token-name').value.trim(), role: $('token-role').value, expiresInDays: days,
      });
      formError($('token-error'));
      $('token-form').reset();
      const box = $('token-secret');
      render(box,
        el('p', null, el('strong', null, `Token "${created.token.name}" created. `),
          'Copy its secret now: it is shown only this once.'),
        el('p', null, el('code', { id: 'token-secret-value', class: 'mono' }, created.secret)));
      box.hidden = false;
      await loadTokens();
    } catch (error) {
      formError($('token-error'), error);
    }
  }

  async function revokeToken(token) {
    if (!window.confirm(`Revoke the token "${token.name}"? Requests with it are refused from now on.`)) return;
    try {
      await api('DELETE', `api/tokens/${token.id}`);
      notify(`The token "${token.name}" is revoked.`);
    } catch (error) {
      showError(error, `Could not revoke the token "${token.name}"`);
    }
    await loadTokens();
  }

  function init() {
    $('signin-form').addEventListener('submit', signInWithPassword);
    $('login-form').addEventListener('submit', signInWithToken);
    $('access-refresh').addEventListener('click', showAccess);
    $('person-form').addEventListener('submit', addPerson);
    $('token-form').addEventListener('submit', createToken);
    $('sign-out').addEventListener('click', () => signOut());
    $('jobs-refresh').addEventListener('click', loadJobs);
    $('runs-refresh').addEventListener('click', loadRuns);
    $('runs-filter').addEventListener('submit', (e) => { e.preventDefault(); loadRuns(); });
    $('runs-job').addEventListener('change', () => {
      const job = $('runs-job').value;
      history.replaceState(null, '', job ? `#runs/${encodeURIComponent(job)}` : '#runs');
      state.runsLimit = 50;
      loadRuns();
    });
    $('runs-status').addEventListener('change', () => { state.runsLimit = 50; loadRuns(); });
    $('errors-filter').addEventListener('submit', (e) => { e.preventDefault(); state.errorsPage = 0; loadErrors(); });
    for (const id of ['errors-object', 'errors-direction', 'errors-type', 'errors-status', 'errors-size']) {
      $(id).addEventListener('change', () => { state.errorsPage = 0; loadErrors(); });
    }
    $('errors-refresh').addEventListener('click', showErrors);
    $('errors-retry-all').addEventListener('click', retryAll);
    $('errors-dismiss-all').addEventListener('click', dismissAll);
    $('status-refresh').addEventListener('click', showStatus);
    $('connect-new').addEventListener('click', connectQuickBooks);
    $('connections-refresh').addEventListener('click', () => loadConnections());
    $('connection-check').addEventListener('submit', checkConnection);
    $('audit-refresh').addEventListener('click', showAudit);
    $('audit-filter').addEventListener('submit', (e) => { e.preventDefault(); showAudit(); });
    $('audit-action').addEventListener('change', showAudit);
    window.addEventListener('hashchange', () => route(true));
    window.addEventListener('resize', resizeCharts);
    setupForm();

    resume();
  }

  init();
}());
