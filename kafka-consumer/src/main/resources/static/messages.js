// Prepends records pushed over /stream. Record data is only ever set with textContent: it comes from the database.
(function () {
	'use strict';

	const list = document.getElementById('events');
	const template = document.getElementById('event-template');
	const live = document.getElementById('live');
	const empty = document.getElementById('empty');
	const capacity = Number(list.dataset.capacity) || 200;

	function id(topic, partition, offset) {
		return topic + '/' + partition + '/' + offset;
	}

	const shown = new Set();
	for (const item of list.querySelectorAll('.event')) {
		shown.add(id(item.dataset.topic, item.dataset.partition, item.dataset.offset));
	}

	function setText(item, selector, text) {
		item.querySelector(selector).textContent = (text === null || text === undefined) ? 'null' : String(text);
	}

	function render(message) {
		const item = template.content.firstElementChild.cloneNode(true);
		item.dataset.op = message.op || (message.tombstone ? 'tombstone' : 'raw');
		item.dataset.offset = String(message.offset);
		item.dataset.topic = message.topic;
		item.dataset.partition = String(message.partition);
		item.dataset.kind = message.tombstone ? 'tombstone' : (message.malformed ? 'raw' : 'change');
		const badge = item.querySelector('.badge');
		badge.textContent = message.label;
		if (message.op) {
			badge.classList.add('op-' + message.op);
		}
		const table = item.querySelector('.table');
		if (message.table) {
			table.textContent = message.table;
		}
		else {
			table.remove();
		}
		setText(item, '.topic', message.topic);
		setText(item, '.partition', message.partition);
		setText(item, '.offset', message.offset);
		setText(item, '.timestamp', message.timestamp);
		setText(item, '.key-value', message.key);
		if (message.op) {
			setText(item, '.before', message.before);
			setText(item, '.after', message.after);
		}
		else {
			item.querySelector('.rows').remove();
		}
		if (!message.tombstone) {
			item.querySelector('.tombstone-note').remove();
			setText(item, '.value', message.display);
		}
		else {
			item.querySelector('details').remove();
		}
		if (!message.truncated) {
			item.querySelector('.truncated-note').remove();
		}
		return item;
	}

	function add(message) {
		const key = id(message.topic, message.partition, message.offset);
		if (shown.has(key)) {
			return;
		}
		shown.add(key);
		list.prepend(render(message));
		empty.hidden = true;
		while (list.children.length > capacity) {
			const last = list.lastElementChild;
			shown.delete(id(last.dataset.topic, last.dataset.partition, last.dataset.offset));
			last.remove();
		}
	}

	function setState(state, text) {
		live.dataset.state = state;
		live.textContent = text;
	}

	// records that arrived between rendering the page and opening the stream (or while reconnecting)
	function catchUp() {
		fetch('api/messages', { headers: { 'Accept': 'application/json' } })
			.then((response) => response.ok ? response.json() : [])
			.then((messages) => messages.reverse().forEach(add))
			.catch(() => { });
	}

	const source = new EventSource('stream');
	source.addEventListener('open', () => {
		setState('live', 'live');
		catchUp();
	});
	source.addEventListener('message', (event) => {
		try {
			add(JSON.parse(event.data));
		}
		catch (ex) {
			console.warn('Ignoring an unreadable stream event', ex);
		}
	});
	source.addEventListener('error', () => setState('reconnecting', 'reconnecting…'));
})();
