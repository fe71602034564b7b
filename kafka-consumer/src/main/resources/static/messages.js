// The message list in the browser: renders records as change events, keeps the list live over /stream, pages
// backwards through Kafka, shows a key's history, filters and marks masked values. Record data comes from the
// database and other producers: it is only ever set with textContent and attribute values, never parsed as HTML.
(function () {
	'use strict';

	const list = document.getElementById('events');
	const empty = document.getElementById('empty');
	const live = document.getElementById('live');
	const pauseButton = document.getElementById('pause');
	const revealButton = document.getElementById('reveal');
	const olderButton = document.getElementById('load-older');
	const count = document.getElementById('count');
	const topicSelect = document.getElementById('topic-select');
	const history = document.getElementById('history');
	const filterInputs = {
		op: document.getElementById('filter-op'),
		table: document.getElementById('filter-table'),
		key: document.getElementById('filter-key'),
		text: document.getElementById('filter-text'),
		header: document.getElementById('filter-header'),
	};

	const seekMode = list.dataset.seek || 'newest';
	const seeking = seekMode !== 'newest';
	const capacity = Number(list.dataset.capacity) || 200;
	const topicParam = list.dataset.topic || '';
	const selectedTopics = (list.dataset.topics || '').split(',').filter((t) => t.length > 0);
	const maskedFields = new Set((list.dataset.maskedFields || '').split(',').filter((f) => f.length > 0));
	// 'blur': an admin's page, which has the clear values and blurs them until revealed; 'server': anyone else's,
	// whose masked values the server already replaced
	const blurMasked = list.dataset.masking === 'blur';

	const messages = new Map();
	const items = new Map();
	const cursors = new Map();
	let olderLoaded = 0;
	let paused = false;
	// records waiting while paused, newest last; only the newest `capacity` are kept, the count says how many came
	let queued = new Map();
	let queuedCount = 0;
	// records received since the last render: rendered together in one animation frame, and no sooner than the
	// last render's cost allows, so that rendering takes at most a fifth of the main thread however fast they come
	let pending = new Map();
	let renderScheduled = false;
	let nextRenderAt = 0;
	let received = 0;
	const RENDER_SHARE = 0.2;
	const MAX_RENDER = 50;

	function id(topic, partition, offset) {
		return topic + '/' + partition + '/' + offset;
	}

	function idOf(m) {
		return id(m.topic, m.partition, m.offset);
	}

	// records of several partitions in time order: by the instant the record carries, read as a number (an instant on
	// a whole second is written without a fraction, "10:42:07Z", which as text sorts after "10:42:07.500Z"), and
	// within one partition by offset, which is the order Kafka keeps
	function oldestFirst(a, b) {
		if (a.topic === b.topic && a.partition === b.partition) {
			return a.offset - b.offset;
		}
		return (Date.parse(a.timestamp) - Date.parse(b.timestamp)) || 0;
	}

	function el(tag, className, text) {
		const element = document.createElement(tag);
		if (className) {
			element.className = className;
		}
		if (text !== undefined && text !== null) {
			element.textContent = String(text);
		}
		return element;
	}

	function kind(m) {
		return m.tombstone ? 'tombstone' : (m.malformed ? 'raw' : 'change');
	}

	// ---- the JSON tree: collapsed to the top-level fields, children built when a node is first opened

	// an integer beyond 2^53 (ts_ns, big LSNs) keeps the digits it was sent with, where the browser supports it
	class ExactNumber {
		constructor(source) {
			this.source = source;
		}
	}

	function keepExact(key, value, context) {
		if (typeof value === 'number' && !Number.isSafeInteger(value) && context && typeof context.source === 'string'
			&& /^-?\d+$/.test(context.source)) {
			return new ExactNumber(context.source);
		}
		return value;
	}

	function valueSpan(name, value) {
		const exact = value instanceof ExactNumber;
		const type = exact ? 'number' : (value === null ? 'null' : typeof value);
		const text = exact ? value.source : (type === 'string' ? JSON.stringify(value) : String(value));
		const span = el('span', 'v v-' + type, text);
		if (value !== null && maskedFields.has(name)) {
			mask(span);
		}
		return span;
	}

	function treeNode(name, value) {
		if (value !== null && typeof value === 'object' && !(value instanceof ExactNumber)) {
			const node = el('details', 'node');
			node.dataset.name = name;
			const summary = el('summary');
			summary.append(el('span', 'k', name), el('span', 'count',
				Array.isArray(value) ? ' [' + value.length + ']' : ' {' + Object.keys(value).length + '}'));
			node.append(summary);
			const build = () => {
				if (!node.querySelector(':scope > .children')) {
					node.append(treeChildren(value));
				}
			};
			// built on the click itself, so the children exist as soon as the node opens; toggle covers the rest
			summary.addEventListener('click', build);
			node.addEventListener('toggle', () => {
				if (node.open) {
					build();
				}
			});
			return node;
		}
		const leaf = el('div', 'leaf');
		leaf.dataset.name = name;
		leaf.append(el('span', 'k', name), document.createTextNode(': '), valueSpan(name, value));
		return leaf;
	}

	function treeChildren(value) {
		const children = el('div', 'children');
		if (Array.isArray(value)) {
			value.forEach((item, index) => children.append(treeNode(String(index), item)));
		}
		else {
			Object.keys(value).forEach((name) => children.append(treeNode(name, value[name])));
		}
		return children;
	}

	function tree(root) {
		const container = el('div', 'tree');
		if (root !== null && typeof root === 'object' && !(root instanceof ExactNumber)) {
			container.append(...treeChildren(root).childNodes);
		}
		else {
			container.append(valueSpan('', root));
		}
		return container;
	}

	function parse(text) {
		try {
			return { ok: true, json: JSON.parse(text, keepExact) };
		}
		catch (ex) {
			return { ok: false };
		}
	}

	// ---- masking: an admin's page holds the clear values, blurred until revealed; anyone else's holds what the
	// server masked them with, and has no reveal button

	function mask(span) {
		if (!blurMasked) {
			span.classList.add('masked-by-server');
			span.title = 'masked by the server: only an admin sees this value';
			return;
		}
		span.classList.add('masked');
		span.title = 'masked: click to reveal';
		span.addEventListener('click', () => span.classList.toggle('revealed'));
	}

	if (revealButton) {
		revealButton.addEventListener('click', () => {
			const revealed = document.body.classList.toggle('revealed');
			revealButton.setAttribute('aria-pressed', String(revealed));
			revealButton.textContent = revealed ? 'mask fields again' : 'reveal masked fields';
		});
	}

	// ---- one record

	function fullValue(m) {
		if (m.value !== null && m.value !== undefined) {
			return Promise.resolve(m.value);
		}
		const query = new URLSearchParams({ topic: m.topic, partition: m.partition, offset: m.offset });
		return fetch('api/value?' + query).then((response) => {
			if (!response.ok) {
				throw new Error('HTTP ' + response.status);
			}
			return response.text();
		});
	}

	function valueView(m, text, complete) {
		const parsed = complete ? parse(text) : { ok: false };
		if (parsed.ok) {
			return tree(parsed.json);
		}
		return el('pre', 'raw', text);
	}

	function renderValue(m) {
		const section = el('div', 'value');
		const toolbar = el('div', 'toolbar');
		const copy = el('button', 'copy', 'copy raw JSON');
		copy.type = 'button';
		copy.addEventListener('click', () => {
			fullValue(m).then((raw) => copyText(raw)).then(() => {
				copy.textContent = 'copied';
			}).catch(() => {
				copy.textContent = 'copy failed';
			});
		});
		toolbar.append(copy);
		section.append(toolbar);
		const complete = m.value !== null && m.value !== undefined && !m.truncated;
		let view = valueView(m, complete ? m.value : m.display, complete);
		section.append(view);
		if (!complete) {
			const note = el('p', 'truncated-note', 'Value shortened: showing ' + m.display.length + ' of '
				+ m.valueLength + ' characters. ');
			const all = el('button', 'show-all', 'show all');
			all.type = 'button';
			all.addEventListener('click', () => {
				all.disabled = true;
				fullValue(m).then((raw) => {
					const whole = valueView(m, raw, true);
					view.replaceWith(whole);
					view = whole;
					note.textContent = 'The whole value: ' + raw.length + ' characters.';
				}).catch((ex) => {
					all.disabled = false;
					note.textContent = 'Could not read the whole value: ' + ex.message;
				});
			});
			note.append(all);
			section.append(note);
		}
		return section;
	}

	function copyText(text) {
		if (navigator.clipboard && window.isSecureContext) {
			return navigator.clipboard.writeText(text);
		}
		const area = el('textarea');
		area.value = text;
		document.body.append(area);
		area.select();
		const ok = document.execCommand('copy');
		area.remove();
		return ok ? Promise.resolve() : Promise.reject(new Error('copy refused'));
	}

	function cell(kindName, value, masked, notSent) {
		const td = el('td', kindName);
		if (notSent) {
			const span = el('span', 'not-sent', value);
			span.title = 'a TOASTed value the update did not change: PostgreSQL does not send it, Debezium wrote a placeholder';
			td.append(span);
			return td;
		}
		const span = el('span', value === null ? 'null' : '', value === null ? 'NULL' : value);
		if (masked && value !== null) {
			mask(span);
		}
		td.append(span);
		return td;
	}

	function changes(m) {
		const table = el('table', 'changes');
		const head = el('tr');
		head.append(el('th', '', 'column'));
		if (m.hasBefore) {
			head.append(el('th', '', 'before'));
		}
		if (m.hasAfter) {
			head.append(el('th', '', 'after'));
		}
		const thead = el('thead');
		thead.append(head);
		const tbody = el('tbody');
		for (const column of m.columns) {
			const row = el('tr', column.changed ? 'changed' : '');
			row.dataset.column = column.name;
			row.append(el('th', '', column.name));
			if (m.hasBefore) {
				row.append(cell('before', column.before, column.masked, column.beforeNotSent));
			}
			if (m.hasAfter) {
				row.append(cell('after', column.after, column.masked, column.afterNotSent));
			}
			tbody.append(row);
		}
		table.append(thead, tbody);
		return table;
	}

	// what changed in the row schema since the previous event of the topic: a line, and the difference on request
	function schemaChange(change) {
		const box = el('details', 'schema-change');
		box.append(el('summary', 'schema-change-summary', change.summary));
		const table = el('table', 'schema-diff');
		const head = el('tr');
		['column', 'change', 'before', 'after'].forEach((name) => head.append(el('th', '', name)));
		table.append(head);
		const line = (name, what, before, after) => {
			const row = el('tr');
			row.dataset.field = name;
			row.append(el('td', '', name), el('td', 'what', what), el('td', '', before), el('td', '', after));
			table.append(row);
		};
		change.added.forEach((name) => line(name, 'added', '', ''));
		change.removed.forEach((name) => line(name, 'removed', '', ''));
		change.changed.forEach((c) => line(c.field, c.before !== c.after ? 'type changed' : 'optional changed',
			c.before + (c.optionalBefore ? ', optional' : ', required'),
			c.after + (c.optionalAfter ? ', optional' : ', required')));
		box.append(table);
		return box;
	}

	function render(m, options) {
		const item = el('li', 'event');
		item.dataset.op = m.op || (m.tombstone ? 'tombstone' : 'raw');
		item.dataset.offset = String(m.offset);
		item.dataset.topic = m.topic;
		item.dataset.partition = String(m.partition);
		item.dataset.kind = kind(m);
		item.dataset.id = idOf(m);
		if (m.keyId !== null) {
			item.dataset.key = m.keyId;
		}

		const meta = el('div', 'meta');
		const badge = el('span', 'badge ' + (m.op ? 'op-' + m.op : 'kind-' + kind(m)), m.label);
		meta.append(badge);
		if (m.table) {
			meta.append(el('code', 'table', m.table));
		}
		if (m.position) {
			const position = el('span', 'position');
			position.title = 'where the change sits in the write-ahead log, and its transaction';
			position.append('LSN ', el('span', 'lsn', m.position.lsn), ' · tx ', el('span', 'tx', m.position.txId));
			meta.append(position);
			if (m.position.lagMs !== null) {
				const lag = el('span', 'lag');
				lag.title = 'ts_ms - source.ts_ms: from the commit in PostgreSQL to the connector';
				lag.append('lag ', el('span', 'lag-ms', m.position.lagMs), ' ms');
				meta.append(lag);
			}
			if (m.position.snapshot && m.position.snapshot !== 'false') {
				meta.append(el('span', 'snapshot', 'snapshot: ' + m.position.snapshot));
			}
		}
		const coordinates = el('span', 'coordinates');
		coordinates.append(el('span', 'topic', m.topic), ' · partition ', el('span', 'partition', m.partition),
			' · offset ', el('span', 'offset', m.offset));
		meta.append(coordinates, el('time', 'timestamp', m.timestamp));
		item.append(meta);

		const key = el('div', 'key', 'key: ');
		if (m.keyId === null) {
			key.append(el('code', 'key-value', 'null'));
		}
		else if (options.history) {
			key.append(el('code', 'key-value', m.keyId));
		}
		else {
			const link = el('button', 'key-link key-value', m.keyId);
			link.type = 'button';
			link.title = 'every event of this key, in order';
			link.addEventListener('click', () => showHistory(m));
			key.append(link);
		}
		item.append(key);

		if (m.headers && m.headers.length > 0) {
			const headers = el('div', 'headers', 'headers: ');
			m.headers.forEach((h) => {
				headers.append(el('code', 'header', h.key + '=' + (h.value === null ? 'null' : h.value)));
			});
			item.append(headers);
		}
		if (m.summary && !m.tombstone) {
			item.append(el('p', 'summary', m.summary));
		}
		if (m.schemaChange) {
			item.append(schemaChange(m.schemaChange));
		}
		if (m.beforeNote) {
			item.append(el('p', 'before-note', m.beforeNote));
		}
		if (m.op && m.columns.length > 0) {
			item.append(changes(m));
		}
		if (m.tombstone) {
			item.append(el('p', 'tombstone-note', m.summary
				+ ': the value is null, so that Kafka may compact away older records of this key'));
		}
		else {
			if (m.malformed) {
				item.append(el('p', 'malformed-note', 'not a change event: ' + (m.error || 'unreadable')));
			}
			item.append(renderValue(m));
		}
		return item;
	}

	// a tombstone sits right above its delete (newest first): mark the pair
	function pair(m) {
		const partner = m.tombstone ? items.get(id(m.topic, m.partition, m.offset - 1))
			: (m.op === 'd' ? items.get(id(m.topic, m.partition, m.offset + 1)) : undefined);
		if (!partner) {
			return;
		}
		const tombstone = m.tombstone ? items.get(idOf(m)) : partner;
		const deletion = m.tombstone ? partner : items.get(idOf(m));
		if (tombstone.dataset.kind !== 'tombstone' || deletion.dataset.op !== 'd'
			|| tombstone.dataset.key !== deletion.dataset.key || tombstone.classList.contains('paired-tombstone')) {
			return;
		}
		tombstone.classList.add('paired-tombstone');
		deletion.classList.add('has-tombstone');
		tombstone.querySelector('.tombstone-note').append(
			el('span', 'pair-note', ' (for the delete at offset ' + deletion.dataset.offset + ')'));
	}

	// ---- filters (the same rules as MessageFilter on the server)

	function filter() {
		return {
			op: filterInputs.op.value,
			table: filterInputs.table.value.trim(),
			key: filterInputs.key.value.trim(),
			text: filterInputs.text.value.trim(),
			header: filterInputs.header.value.trim(),
		};
	}

	function matches(m, f) {
		if (f.op && f.op !== (m.tombstone ? 'tombstone' : (m.malformed ? 'raw' : m.op))) {
			return false;
		}
		if (f.table && !(m.table && (m.table === f.table || m.table.endsWith('.' + f.table)))) {
			return false;
		}
		if (f.key && !(m.keyId !== null && m.keyId.includes(f.key))) {
			return false;
		}
		if (f.header) {
			const wanted = f.header.toLowerCase();
			if (!(m.headers || []).some((h) => (h.key + '=' + (h.value === null ? '' : h.value)).toLowerCase()
				.includes(wanted))) {
				return false;
			}
		}
		if (f.text) {
			const haystack = (m.value !== null && m.value !== undefined) ? m.value : m.display;
			if (!haystack || !haystack.toLowerCase().includes(f.text.toLowerCase())) {
				return false;
			}
		}
		return true;
	}

	function applyFilters() {
		const f = filter();
		let shown = 0;
		for (const item of list.children) {
			const m = messages.get(item.dataset.id);
			item.hidden = m ? !matches(m, f) : false;
			if (!item.hidden) {
				shown++;
			}
		}
		count.textContent = shown + ' of ' + list.children.length + ' shown';
		exportLinks(f);
	}

	// the export reads Kafka, not the page: from the position sought (or the oldest record), with the filters
	function exportLinks(f) {
		const query = new URLSearchParams({ topic: selectedTopics[0] || '' });
		query.set('seek', seeking ? seekMode : 'oldest');
		['partition', 'offset', 'from'].forEach((name) => {
			const value = list.dataset['seek' + name.charAt(0).toUpperCase() + name.slice(1)];
			if (seeking && value) {
				query.set(name, value);
			}
		});
		Object.entries(f).forEach(([name, value]) => {
			if (value) {
				query.set(name, value);
			}
		});
		['jsonl', 'csv'].forEach((format) => {
			query.set('format', format);
			document.getElementById('export-' + format).href = 'api/export?' + query;
		});
	}

	Object.values(filterInputs).forEach((input) => {
		input.addEventListener('input', applyFilters);
		input.addEventListener('change', applyFilters);
	});
	document.getElementById('filters').addEventListener('submit', (event) => event.preventDefault());

	// ---- the list

	function insert(m, where) {
		const key = idOf(m);
		if (messages.has(key) || !selectedTopics.includes(m.topic)) {
			return false;
		}
		const item = render(m, {});
		messages.set(key, m);
		items.set(key, item);
		item.hidden = !matches(m, filter());
		if (where === 'top') {
			list.prepend(item);
		}
		else {
			list.append(item);
		}
		pair(m);
		empty.hidden = true;
		return true;
	}

	// the list shows a window, the newest `capacity` records (plus older pages loaded on request): of a burst only
	// its newest MAX_RENDER records are rendered, all in one DOM update per animation frame; the ones skipped are in
	// Kafka, where the history, seeking and the export read them
	function addNewest(batch, all) {
		const f = filter();
		const fragment = document.createDocumentFragment();
		const added = [];
		const burst = batch.length > 20;
		for (const m of batch.slice(-(all ? capacity : Math.min(capacity, MAX_RENDER))).reverse()) {
			const key = idOf(m);
			if (messages.has(key) || !selectedTopics.includes(m.topic)) {
				continue;
			}
			const item = render(m, {});
			if (!burst) {
				item.classList.add('arrived');
			}
			item.hidden = !matches(m, f);
			messages.set(key, m);
			items.set(key, item);
			fragment.append(item);
			added.push(m);
		}
		if (added.length === 0) {
			return;
		}
		list.prepend(fragment);
		empty.hidden = true;
		while (list.children.length > capacity + olderLoaded) {
			const last = list.lastElementChild;
			messages.delete(last.dataset.id);
			items.delete(last.dataset.id);
			last.remove();
		}
		added.forEach(pair);
		applyFilters();
	}

	function flush() {
		const started = performance.now();
		const batch = [...pending.values()];
		pending = new Map();
		addNewest(batch);
		list.dataset.received = String(received);
		// reading a size lays the page out now, so the cost measured includes the layout
		void list.offsetHeight;
		const took = performance.now() - started;
		list.dataset.renderMs = took.toFixed(1);
		nextRenderAt = performance.now() + took * (1 - RENDER_SHARE) / RENDER_SHARE;
		renderScheduled = false;
		if (pending.size > 0) {
			scheduleRender();
		}
	}

	function scheduleRender() {
		if (renderScheduled) {
			return;
		}
		renderScheduled = true;
		const wait = nextRenderAt - performance.now();
		if (wait > 0) {
			setTimeout(() => requestAnimationFrame(flush), wait);
		}
		else {
			requestAnimationFrame(flush);
		}
	}

	function setState(state, text) {
		live.dataset.state = state;
		live.textContent = text;
	}

	function topicQuery() {
		const query = new URLSearchParams();
		selectedTopics.forEach((t) => query.append('topic', t));
		return query;
	}

	function getJson(url) {
		return fetch(url, { headers: { 'Accept': 'application/json' } }).then((response) => {
			if (!response.ok) {
				throw new Error('HTTP ' + response.status);
			}
			return response.json();
		});
	}

	// records that arrived between rendering the page and opening the stream (or while reconnecting)
	function catchUp() {
		return getJson('api/messages?' + topicQuery())
			.then((newestFirst) => newestFirst.slice().reverse().forEach(receive))
			.catch(() => { });
	}

	pauseButton.addEventListener('click', () => {
		paused = !paused;
		pauseButton.setAttribute('aria-pressed', String(paused));
		if (paused) {
			pauseButton.textContent = 'resume';
			setState('paused', 'paused');
		}
		else {
			const waiting = [...queued.values()];
			queued = new Map();
			queuedCount = 0;
			addNewest(waiting, true);
			pauseButton.textContent = 'pause';
			setState('live', 'live');
		}
	});

	function keepNewest(map, m) {
		map.delete(idOf(m));
		map.set(idOf(m), m);
		if (map.size > capacity) {
			map.delete(map.keys().next().value);
		}
	}

	function receive(m) {
		received++;
		if (!selectedTopics.includes(m.topic) || messages.has(idOf(m))) {
			return;
		}
		if (paused) {
			if (!queued.has(idOf(m))) {
				queuedCount++;
				pauseButton.textContent = 'resume (' + queuedCount + ' new)';
			}
			keepNewest(queued, m);
			return;
		}
		keepNewest(pending, m);
		scheduleRender();
	}

	function connect() {
		const source = new EventSource('stream' + (topicParam ? '?' + new URLSearchParams({ topic: topicParam }) : ''));
		source.addEventListener('open', () => {
			if (!paused) {
				setState('live', 'live');
			}
			catchUp();
		});
		source.addEventListener('message', (event) => {
			try {
				receive(JSON.parse(event.data));
			}
			catch (ex) {
				console.warn('Ignoring an unreadable stream event', ex);
			}
		});
		source.addEventListener('error', () => setState('reconnecting', 'reconnecting…'));
	}

	// ---- older records, read from Kafka partition by partition

	function lowestShown(topic, partition) {
		let lowest = null;
		for (const m of messages.values()) {
			if (m.topic === topic && m.partition === partition && (lowest === null || m.offset < lowest)) {
				lowest = m.offset;
			}
		}
		return lowest;
	}

	function loadOlder() {
		const open = [...cursors.values()].filter((c) => !c.done);
		if (open.length === 0 || olderButton.disabled) {
			return Promise.resolve();
		}
		olderButton.disabled = true;
		olderButton.textContent = 'loading…';
		const f = filter();
		const requests = open.map((c) => {
			if (c.before === undefined) {
				const lowest = lowestShown(c.topic, c.partition);
				c.before = lowest;
			}
			const query = new URLSearchParams({ topic: c.topic, partition: c.partition, limit: 50 });
			if (c.before !== null) {
				query.set('before', c.before);
			}
			Object.entries(f).forEach(([name, value]) => {
				if (value) {
					query.set(name, value);
				}
			});
			return getJson('api/messages?' + query).then((page) => {
				c.before = page.nextBefore;
				c.done = page.nextBefore === null;
				return page.messages;
			});
		});
		return Promise.all(requests).then((pages) => {
			const older = pages.flat().sort((a, b) => oldestFirst(b, a));
			older.forEach((m) => {
				if (insert(m, 'bottom')) {
					olderLoaded++;
				}
			});
			applyFilters();
		}).catch((ex) => {
			console.warn('Could not load older records', ex);
		}).finally(() => {
			const done = [...cursors.values()].every((c) => c.done);
			olderButton.disabled = done;
			olderButton.textContent = done ? 'beginning of the topic reached' : 'load older';
		});
	}

	// ---- seeking: a fixed window from a position, oldest first, read on forward; the address keeps the position

	const seekForm = document.getElementById('seek-form');
	const seekAt = document.getElementById('seek-at');
	const seekFrom = document.getElementById('seek-from');
	const slices = [];

	function showSeekFields() {
		const mode = document.getElementById('seek-mode').value;
		seekForm.querySelectorAll('.seek-offset').forEach((label) => { label.hidden = mode !== 'offset'; });
		seekForm.querySelectorAll('.seek-timestamp').forEach((label) => { label.hidden = mode !== 'timestamp'; });
	}

	// datetime-local has no zone: the viewer means their own, the address carries the instant
	function localInput(iso) {
		const date = new Date(iso);
		if (Number.isNaN(date.getTime())) {
			return '';
		}
		date.setMinutes(date.getMinutes() - date.getTimezoneOffset());
		return date.toISOString().slice(0, 19);
	}

	if (seekFrom.value) {
		seekAt.value = localInput(/^\d+$/.test(seekFrom.value) ? Number(seekFrom.value) : seekFrom.value);
	}
	document.getElementById('seek-mode').addEventListener('change', showSeekFields);
	showSeekFields();
	seekForm.addEventListener('submit', (event) => {
		event.preventDefault();
		const mode = document.getElementById('seek-mode').value;
		const query = new URLSearchParams();
		if (topicParam) {
			query.set('topic', topicParam);
		}
		if (mode !== 'newest') {
			query.set('seek', mode);
		}
		if (mode === 'offset') {
			query.set('partition', document.getElementById('seek-partition').value);
			query.set('offset', document.getElementById('seek-offset').value);
		}
		if (mode === 'timestamp') {
			const at = new Date(seekAt.value);
			query.set('from', Number.isNaN(at.getTime()) ? seekAt.value : at.toISOString());
		}
		window.location.search = query.toString() ? '?' + query : '';
	});

	function seekQuery(slice) {
		const query = new URLSearchParams({ topic: slice.topic, limit: 50 });
		if (slice.next) {
			query.set('seek', 'continue');
			query.set('positions', slice.next);
		}
		else {
			query.set('seek', seekMode);
			['partition', 'offset', 'from'].forEach((name) => {
				const value = list.dataset['seek' + name.charAt(0).toUpperCase() + name.slice(1)];
				if (value) {
					query.set(name, value);
				}
			});
		}
		Object.entries(filter()).forEach(([name, value]) => {
			if (value) {
				query.set(name, value);
			}
		});
		return query;
	}

	function loadNewer() {
		const open = slices.filter((slice) => !slice.done);
		if (open.length === 0 || olderButton.disabled) {
			return Promise.resolve();
		}
		olderButton.disabled = true;
		olderButton.textContent = 'loading…';
		return Promise.all(open.map((slice) => getJson('api/seek?' + seekQuery(slice)).then((result) => {
			slice.next = result.next;
			slice.done = result.atEnd;
			return result.messages;
		}))).then((found) => {
			found.flat().sort(oldestFirst)
				.forEach((m) => insert(m, 'bottom'));
			empty.hidden = list.children.length > 0;
			applyFilters();
		}).catch((ex) => {
			setState('reconnecting', 'could not read from Kafka: ' + ex.message);
		}).finally(() => {
			const done = slices.every((slice) => slice.done);
			olderButton.disabled = done;
			olderButton.textContent = done ? 'end of the topic reached' : 'load newer';
		});
	}

	function startSeeking() {
		selectedTopics.forEach((topic) => slices.push({ topic: topic, next: null, done: false }));
		setState('seek', 'not live: ' + document.getElementById('seek-mode').selectedOptions[0].textContent);
		pauseButton.hidden = true;
		list.replaceChildren();
		olderButton.textContent = 'load newer';
		return loadNewer();
	}

	const more = seeking ? loadNewer : loadOlder;
	olderButton.addEventListener('click', more);

	// infinite scroll: reaching the bottom loads the next page (older when live, newer when seeking)
	if ('IntersectionObserver' in window) {
		new IntersectionObserver((entries) => {
			if (entries.some((entry) => entry.isIntersecting) && list.children.length > 0) {
				more();
			}
		}).observe(olderButton);
	}

	// ---- a key's history

	function showHistory(m) {
		const query = new URLSearchParams({ topic: m.topic, key: m.key });
		const events = document.getElementById('history-events');
		document.getElementById('history-key').textContent = m.keyId;
		document.getElementById('history-summary').textContent = 'reading ' + m.topic + ' from the beginning…';
		events.replaceChildren();
		history.hidden = false;
		history.scrollIntoView();
		getJson('api/history?' + query).then((result) => {
			result.events.forEach((e) => {
				const item = render(e, { history: true });
				events.append(item);
			});
			const how = result.indexed
				? 'key index: ' + result.fetched + ' records read at its offsets'
					+ (result.scanned > 0 ? ', ' + result.scanned + ' scanned where it has not caught up' : '')
				: 'no key index: ' + result.scanned + ' records scanned';
			document.getElementById('history-summary').textContent = result.events.length + ' events of this key, oldest first ('
				+ how + (result.complete ? '' : '; stopped at the read limit') + ', ' + result.tookMs + ' ms)';
		}).catch((ex) => {
			document.getElementById('history-summary').textContent = 'Could not read the history: ' + ex.message;
		});
	}

	document.getElementById('history-close').addEventListener('click', () => {
		history.hidden = true;
	});

	// ---- topics

	function loadTopics() {
		return getJson('api/topics').then((topics) => {
			for (const topic of topics) {
				if (selectedTopics.includes(topic.name)) {
					for (let partition = 0; partition < topic.partitions; partition++) {
						cursors.set(topic.name + '/' + partition, { topic: topic.name, partition: partition, done: false });
					}
				}
				if (topic.name === topicParam) {
					continue;
				}
				const option = el('option', '', topic.name + (topic.configured ? ' (configured)' : ''));
				option.value = topic.name;
				topicSelect.append(option);
			}
			topicSelect.value = topicParam;
		}).catch(() => { });
	}

	topicSelect.addEventListener('change', () => {
		const value = topicSelect.value;
		window.location.search = value ? '?' + new URLSearchParams({ topic: value }) : '';
	});

	// ---- start: the server rendered the list for readers without scripts; render it again with the full view

	if (seeking) {
		loadTopics().then(startSeeking);
		return;
	}

	getJson('api/messages?' + topicQuery()).then((newestFirst) => {
		list.replaceChildren();
		newestFirst.forEach((m) => insert(m, 'bottom'));
		empty.hidden = list.children.length > 0;
		applyFilters();
	}).catch(() => { }).then(loadTopics).then(() => {
		olderButton.textContent = 'load older';
		return fillFirstPage(3);
	}).finally(connect);

	// a page read against a slow broker may end before its first record (the server never skips records to keep
	// within its time): an empty list is filled again, a few times, before the viewer has to ask
	function fillFirstPage(attempts) {
		if (list.children.length > 0 || attempts === 0) {
			return Promise.resolve();
		}
		return loadOlder().then(() => {
			const open = [...cursors.values()].some((c) => !c.done);
			return open ? fillFirstPage(attempts - 1) : undefined;
		});
	}
})();
