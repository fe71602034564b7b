// The connectors page, live: every 2 s it reads /api/connectors and writes each connector's
// status, reason, progress, lag and warnings into the page's data-field elements (as text, never
// as markup). When connectors come or go, or what decides their buttons changes (paused, a
// snapshot running or stopped, a refused or skipped change, the tables), it reads this page
// again and puts its #connectors in place of the old one: the buttons, their CSRF tokens and
// their confirmations stay the server's. Without JavaScript the page reloads itself every 5 s
// (<noscript> in its head) and works as it always did. It also lists the alerts from /api/alerts.
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
      document.querySelectorAll('#connectors section.connector[data-connector]').forEach((section) => {
        const connector = byName.get(section.dataset.connector);
        if (connector !== undefined) {
          update(section, connector);
        }
      });
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
