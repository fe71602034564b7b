// Under each change event of the list, what the consumers did because of it (the reactions topic, docs/reactions.md),
// and a link to the event's trace. Kept apart from messages.js: it only decorates the events that script renders,
// whichever way they come (page, live stream, seek, history), and asks /api/reactions every 3 s for the first
// events shown, one request per partition. Everything is written as text, never as HTML.
(function () {
	'use strict';
	const list = document.getElementById('events');
	if (!list) {
		return;
	}
	const MAX_ASKED = 100;

	function el(tag, className, text) {
		const element = document.createElement(tag);
		if (className) {
			element.className = className;
		}
		if (text !== undefined) {
			element.textContent = String(text);
		}
		return element;
	}

	function decorate(item) {
		if (item.dataset.kind !== 'change' || item.querySelector('.trace-link')) {
			return;
		}
		const query = new URLSearchParams({ topic: item.dataset.topic, partition: item.dataset.partition,
			offset: item.dataset.offset });
		const link = el('a', 'trace-link', 'trace');
		link.href = 'trace?' + query;
		link.title = 'this change hop by hop: commit, bridge, Kafka, each consumer';
		const meta = item.querySelector('.meta');
		if (meta) {
			meta.append(link);
		}
	}

	function show(item, reactions) {
		let box = item.querySelector('.reactions');
		if (!box) {
			box = el('ul', 'reactions');
			box.setAttribute('aria-label', 'what the consumers did');
			const meta = item.querySelector('.meta');
			meta.after(box);
		}
		const written = Date.parse(item.querySelector('.timestamp')?.textContent || '');
		box.replaceChildren(...reactions.map((reaction) => {
			const line = el('li', 'reaction');
			line.dataset.kind = reaction.kind;
			line.dataset.service = reaction.service;
			const after = Date.parse(reaction.at) - written;
			line.append(el('span', 'reaction-service', reaction.service), ' ', el('span', 'reaction-kind', reaction.kind),
				' ', el('span', 'reaction-summary', reaction.summary),
				' ', el('time', 'reaction-at', Number.isNaN(after) ? reaction.at : '+' + after + ' ms'));
			return line;
		}));
	}

	function refresh() {
		const items = Array.from(list.querySelectorAll('li.event[data-kind="change"]')).slice(0, MAX_ASKED);
		items.forEach(decorate);
		const byPartition = new Map();
		items.forEach((item) => {
			const partition = item.dataset.topic + '\u0000' + item.dataset.partition;
			if (!byPartition.has(partition)) {
				byPartition.set(partition, []);
			}
			byPartition.get(partition).push(item);
		});
		byPartition.forEach((shown) => {
			const query = new URLSearchParams({ topic: shown[0].dataset.topic, partition: shown[0].dataset.partition });
			shown.forEach((item) => query.append('offset', item.dataset.offset));
			fetch('api/reactions?' + query, { headers: { Accept: 'application/json' } })
				.then((response) => response.ok ? response.json() : {})
				.then((found) => shown.forEach((item) => {
					const reactions = found[item.dataset.offset];
					if (reactions && reactions.length > 0) {
						show(item, reactions);
					}
				}))
				.catch(() => { /* the next round asks again */ });
		});
	}

	new MutationObserver(() => list.querySelectorAll('li.event').forEach(decorate))
		.observe(list, { childList: true });
	refresh();
	setInterval(refresh, 3000);
}());
