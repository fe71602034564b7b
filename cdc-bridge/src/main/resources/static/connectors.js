// The connectors page, live: every 2 s it reads /api/connectors and writes each connector's
// status, reason, progress, lag and warnings into the page's data-field elements (as text, never
// as markup). When connectors come or go, or what decides their buttons changes (paused, a
// snapshot running or stopped, a refused or skipped change, the tables), it reads this page
// again and puts its #connectors in place of the old one: the buttons, their CSRF tokens and
// their confirmations stay the server's. Without JavaScript the page reloads itself every 5 s
// (<noscript> in its head) and works as it always did. It also lists the alerts from /api/alerts,
// and draws each connector's last hour of events/s and retained WAL from its
// /api/connectors/NAME/history, read again once a new sample is due: small SVG charts built node
// by node, their labels set as text, a missing figure (null) a break in the line, never a zero.
(function () {
  'use strict';

  const POLL_MILLIS = 2000;

  // confirmations for the forms that carry one (no inline handler: script-src 'self')
  document.addEventListener('submit', (event) => {
    const message = event.target.dataset ? event.target.dataset.confirm : undefined;
    if (message && !window.confirm(message)) {
      event.preventDefault();
    }
  });

  function field(section, name) {
    return section.querySelector('[data-field="' + name + '"]');
  }

  function setText(element, text) {
    if (element && element.textContent !== text) {
      element.textContent = text;
    }
  }

  function orNa(value, unit) {
    return value === null || value === undefined ? 'n/a' : value + unit;
  }

  // What the buttons and the structure of a connector's section depend on, as the API says it...
  function shapeOf(connector) {
    const delivery = connector.delivery || {};
    return JSON.stringify({
      paused: connector.status === 'paused',
      snapshotRunning: connector.snapshot.state === 'running',
      snapshotStopped: connector.snapshot.stopped ? String(connector.snapshot.stopped.at) : null,
      refused: delivery.refusedEvent ? delivery.refusedEvent.topic + ' ' + delivery.refusedEvent.key : null,
      skipped: (delivery.skipped || []).length,
      tables: connector.tables.map((t) => [t.table, t.topic, t.replicaIdentity, t.beforeImage].join(' | '))
    });
  }

  // ...and as the page shows it
  function shapeShown(section) {
    const stopped = section.querySelector('.snapshot-stopped');
    const refused = section.querySelectorAll('.refused code');
    return JSON.stringify({
      paused: section.querySelector('form.resume') !== null,
      snapshotRunning: section.querySelector('form.snapshot-stop') !== null,
      snapshotStopped: stopped ? stopped.dataset.at : null,
      refused: refused.length >= 2 ? refused[0].textContent + ' ' + refused[1].textContent : null,
      skipped: section.querySelectorAll('details.skipped tbody tr').length,
      tables: Array.from(section.querySelectorAll('table.tables tbody tr'),
        (row) => Array.from(row.cells, (cell) => cell.textContent).join(' | '))
    });
  }

  function update(section, c) {
    const status = field(section, 'status');
    if (status && status.textContent !== c.status) {
      status.textContent = c.status;
      status.className = 'status status-' + c.status;
    }
    const reason = field(section, 'reason');
    if (reason) {
      setText(reason, c.reason || '');
      reason.hidden = !c.reason;
    }
    setText(field(section, 'snapshot-state'), c.snapshot.state);
    setText(field(section, 'snapshot-rows-done'), String(c.snapshot.rowsDone));
    setText(field(section, 'snapshot-rows-total'), String(c.snapshot.rowsTotal));
    setText(field(section, 'events-published'), String(c.eventsPublished));
    setText(field(section, 'events-per-second'), Number(c.eventsPerSecond).toFixed(1));
    setText(field(section, 'last-event'), c.lastEvent || 'none yet');
    setText(field(section, 'lag'), orNa(c.millisBehindSource, ' ms'));
    setText(field(section, 'retained-wal'), orNa(c.retainedWalBytes, ' bytes'));
    setText(field(section, 'excluded-columns'),
      c.excludedColumns.length === 0 ? 'none' : c.excludedColumns.join(', '));
    setText(field(section, 'excluded-columns-filtered'), c.excludedColumnsFiltered);
    const warnings = field(section, 'warnings');
    const shown = warnings ? Array.from(warnings.children, (li) => li.textContent) : [];
    if (warnings && JSON.stringify(shown) !== JSON.stringify(c.warnings)) {
      warnings.replaceChildren(...c.warnings.map((text) => {
        const li = document.createElement('li');
        li.className = 'warning';
        li.textContent = text;
        return li;
      }));
    }
  }

  // true when the page's sections no longer fit the connectors the API lists
  function needsReload(connectors) {
    const sections = document.querySelectorAll('#connectors section.connector[data-connector]');
    if (sections.length !== connectors.length) {
      return true;
    }
    const byName = new Map(connectors.map((c) => [c.name, c]));
    return Array.from(sections).some((section) => {
      const connector = byName.get(section.dataset.connector);
      return connector === undefined || shapeOf(connector) !== shapeShown(section);
    });
  }

  // someone typing in a snapshot's condition or choosing its table: not now, at the next poll
  function userIsEditing(container) {
    const active = document.activeElement;
    return active !== null && container.contains(active) && active.matches('input, select, textarea');
  }

  async function reloadSection() {
    const current = document.getElementById('connectors');
    if (userIsEditing(current)) {
      return false;
    }
    const response = await fetch(window.location.pathname, { headers: { Accept: 'text/html' } });
    if (!response.ok) {
      throw new Error('the page answered ' + response.status);
    }
    // the bridge's own page, rendered (and escaped) by the server: parsed, never run
    const page = new DOMParser().parseFromString(await response.text(), 'text/html');
    const fresh = page.getElementById('connectors');
    if (fresh === null) {
      throw new Error('the page has no #connectors');
    }
    current.replaceWith(document.adoptNode(fresh));
    return true;
  }

  function showLive(state, text) {
    const live = document.getElementById('live');
    if (live) {
      live.hidden = false;
      live.dataset.state = state;
      setText(live, text);
    }
  }

  function cell(text) {
    const td = document.createElement('td');
    td.textContent = text === null || text === undefined ? '' : String(text);
    return td;
  }

  function subjectOf(alert) {
    return alert.topic || alert.connector || '';
  }

  // the alerts section: what fires now, and the latest transitions (all as text)
  function showAlerts(alerts) {
    const firing = document.getElementById('alerts-firing');
    const history = document.querySelector('#alerts-history tbody');
    if (firing === null || history === null) {
      return;
    }
    const items = alerts.firing.map((a) => a.rule + ' · ' + subjectOf(a) + ' (since ' + a.since + '): ' + a.message);
    if (JSON.stringify(Array.from(firing.children, (li) => li.textContent)) !== JSON.stringify(items)) {
      firing.replaceChildren(...items.map((text) => {
        const li = document.createElement('li');
        li.className = 'warning alert-firing';
        li.textContent = text;
        return li;
      }));
    }
    document.getElementById('alerts-none').hidden = items.length > 0;
    setText(document.getElementById('alerts-history-count'), String(alerts.history.length));
    const newest = alerts.history.length > 0 ? alerts.history[0].at + alerts.history[0].rule + subjectOf(alerts.history[0]) : '';
    if (history.dataset.newest !== newest || history.rows.length !== alerts.history.length) {
      history.dataset.newest = newest;
      history.replaceChildren(...alerts.history.map((t) => {
        const tr = document.createElement('tr');
        tr.className = 'alert-' + t.state;
        tr.append(cell(t.at), cell(t.rule), cell(subjectOf(t)), cell(t.state), cell(t.message), cell(t.delivery));
        return tr;
      }));
    }
  }

  async function pollAlerts() {
    const response = await fetch('/api/alerts', { headers: { Accept: 'application/json' } });
    if (response.ok) {
      showAlerts(await response.json());
    }
  }

  const SVG = 'http://www.w3.org/2000/svg';
  const WIDTH = 320;
  const TOP = 14;
  const BOTTOM = 66;
  const histories = new Map();

  function measured(value) {
    return typeof value === 'number' && Number.isFinite(value) && value >= 0;
  }

  function figure(series, value) {
    if (series !== 'retainedWalBytes') {
      return value.toFixed(value < 10 ? 1 : 0) + ' events/s';
    }
    const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
    let scaled = value;
    let unit = 0;
    while (scaled >= 1024 && unit < units.length - 1) {
      scaled /= 1024;
      unit++;
    }
    return (unit === 0 ? String(scaled) : scaled.toFixed(1)) + ' ' + units[unit];
  }

  function svgNode(name, attributes, text) {
    const node = document.createElementNS(SVG, name);
    Object.entries(attributes).forEach(([key, value]) => node.setAttribute(key, String(value)));
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  // one series of a history as a line in its svg: x from the time, y from 0 to the series' max
  function draw(svg, history, series, caption) {
    const from = Date.parse(history.from);
    const span = Math.max(Date.parse(history.to) - from, 1);
    const values = history[series];
    const max = values.filter(measured).reduce((a, b) => Math.max(a, b), 0);
    let path = '';
    let penDown = false;
    history.timestamps.forEach((at, i) => {
      if (!measured(values[i])) {
        penDown = false;
        return;
      }
      const x = ((Date.parse(at) - from) / span * WIDTH).toFixed(1);
      const y = (BOTTOM - (max > 0 ? values[i] / max : 0) * (BOTTOM - TOP)).toFixed(1);
      path += penDown ? ' L' + x + ' ' + y : ' M' + x + ' ' + y + ' h0';
      penDown = true;
    });
    const last = values.length > 0 ? values[values.length - 1] : undefined;
    const minutes = Math.round(span / 60000) + ' min';
    const summary = caption + ', last ' + minutes + ': ' + (values.length === 0 ? 'no samples yet'
      : (measured(last) ? 'latest ' + figure(series, last) : 'not measured at the latest sample')
        + ', max ' + figure(series, max));
    svg.setAttribute('aria-label', summary);
    svg.dataset.latest = measured(last) ? String(last) : '';
    svg.replaceChildren(svgNode('title', {}, summary),
      svgNode('line', { class: 'axis', x1: 0, y1: BOTTOM, x2: WIDTH, y2: BOTTOM }),
      svgNode('path', { class: 'line', d: path.trim() }),
      svgNode('text', { class: 'max', x: 3, y: 10 }, 'max ' + figure(series, max)),
      svgNode('text', { class: 'span', x: 3, y: 77 }, 'last ' + minutes),
      svgNode('text', { class: 'now', x: WIDTH - 3, y: 77, 'text-anchor': 'end' }, 'now'));
  }

  async function historyOf(name) {
    const known = histories.get(name);
    if (known && Date.now() - known.read < known.history.intervalSeconds * 1000) {
      return known.history;
    }
    const response = await fetch('/api/connectors/' + encodeURIComponent(name) + '/history',
      { headers: { Accept: 'application/json' } });
    if (!response.ok) {
      throw new Error('the history answered ' + response.status);
    }
    const history = await response.json();
    histories.set(name, { read: Date.now(), history: history });
    return history;
  }

  // a chart that cannot be read keeps what it showed; the figures above it say whether the bridge answers
  async function showCharts(section) {
    try {
      const history = await historyOf(section.dataset.connector);
      section.querySelectorAll('figure.chart[data-chart]').forEach((chart) => {
        const svg = chart.querySelector('svg');
        if (svg && svg.dataset.drawn !== history.to) {
          draw(svg, history, chart.dataset.chart, chart.querySelector('figcaption').textContent);
          svg.dataset.drawn = history.to;
        }
      });
    }
    catch (error) {
      section.dataset.chartError = error.message;
    }
  }

  async function poll() {
    try {
      const response = await fetch('/api/connectors', { headers: { Accept: 'application/json' } });
      if (!response.ok) {
        throw new Error('the API answered ' + response.status);
      }
      const connectors = await response.json();
      if (needsReload(connectors)) {
        await reloadSection();
      }
      const byName = new Map(connectors.map((c) => [c.name, c]));
      const sections = Array.from(document.querySelectorAll('#connectors section.connector[data-connector]'));
      sections.forEach((section) => {
        const connector = byName.get(section.dataset.connector);
        if (connector !== undefined) {
          update(section, connector);
        }
      });
      Array.from(histories.keys()).filter((name) => !byName.has(name)).forEach((name) => histories.delete(name));
      await Promise.all(sections.filter((section) => byName.has(section.dataset.connector)).map(showCharts));
      await pollAlerts();
      showLive('live', 'live, updated ' + new Date().toLocaleTimeString());
    }
    catch (error) {
      showLive('offline', 'the bridge does not answer (' + error.message + '); trying again');
    }
    finally {
      window.setTimeout(poll, POLL_MILLIS);
    }
  }

  poll();
})();
