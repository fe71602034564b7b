// The trace page: the consumers' reactions come after the page is shown (an email is sent minutes later), so the
// hops are read again every 2 s from /api/trace and redrawn, as text (never as HTML).
(function () {
	'use strict';
	const table = document.getElementById('trace');
	if (!table) {
		return;
	}
	const body = table.querySelector('tbody');
	const query = new URLSearchParams({ topic: table.dataset.topic, partition: table.dataset.partition,
		offset: table.dataset.offset });
	const svgNs = 'http://www.w3.org/2000/svg';

	function cell(className, text) {
		const td = document.createElement('td');
		td.className = className;
		td.textContent = text;
		return td;
	}

	function bar(hop, total) {
		const svg = document.createElementNS(svgNs, 'svg');
		svg.setAttribute('class', 'hop-bar');
		svg.setAttribute('width', '160');
		svg.setAttribute('height', '10');
		svg.setAttribute('aria-hidden', 'true');
		const rect = document.createElementNS(svgNs, 'rect');
		// from the commit to the hop, on the scale of the whole trace
		const width = (total && total > 0 && hop.sinceCommitMs > 0) ? 2 + hop.sinceCommitMs * 158 / total : 2;
		rect.setAttribute('width', String(Math.min(160, width)));
		rect.setAttribute('height', '10');
		svg.append(rect);
		const td = document.createElement('td');
		td.append(svg);
		return td;
	}

	function render(trace) {
		const rows = trace.hops.map((hop) => {
			const row = document.createElement('tr');
			row.className = 'hop';
			row.dataset.hop = hop.name;
			row.dataset.service = hop.service;
			const at = document.createElement('time');
			at.className = 'hop-at';
			at.textContent = hop.at;
			const atCell = document.createElement('td');
			atCell.append(at);
			row.append(cell('hop-name', hop.name), cell('hop-service', hop.service), atCell,
				cell('hop-previous', hop.sincePreviousMs === null ? ''
					: (hop.sincePreviousMs >= 0 ? '+' : '') + hop.sincePreviousMs + ' ms'),
				cell('hop-commit', hop.sinceCommitMs !== null ? hop.sinceCommitMs + ' ms' : ''),
				bar(hop, trace.totalMs), cell('hop-summary', hop.summary));
			return row;
		});
		body.replaceChildren(...rows);
	}

	function refresh() {
		fetch('api/trace?' + query, { headers: { Accept: 'application/json' } })
			.then((response) => response.ok ? response.json() : Promise.reject(new Error(String(response.status))))
			.then((trace) => {
				render(trace);
				document.getElementById('trace-refreshed').textContent = 'refreshed at ' + new Date().toLocaleTimeString();
			})
			.catch((error) => {
				document.getElementById('trace-refreshed').textContent = 'not refreshed: ' + error.message;
			});
	}

	setInterval(refresh, 2000);
}());
