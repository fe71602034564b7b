// The consumer groups page: reads /api/groups every two seconds and renders the groups again. Group ids, client ids
// and hosts come from other programs: they are only ever set with textContent.
(function () {
	'use strict';

	const section = document.getElementById('groups');
	const none = document.getElementById('no-groups');
	const readAt = document.getElementById('read-at');
	const refreshed = document.getElementById('refreshed');
	const topic = section.dataset.topic;

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

	function cell(className, value) {
		return el('td', className, value);
	}

	function render(group) {
		const article = el('article', 'group');
		article.dataset.group = group.groupId;
		const title = el('h2');
		title.append(el('code', 'group-id', group.groupId), ' ', el('span', 'state', group.state), ' · lag ',
			el('span', 'total-lag', group.lag));
		article.append(title);
		if (group.members.length === 0) {
			article.append(el('p', 'members-none', 'no members: nobody is reading right now'));
		}
		else {
			const members = el('ul', 'members');
			group.members.forEach((m) => {
				const item = el('li', 'member');
				item.append(el('code', '', m.clientId), ' on ', el('span', '', m.host), ', partitions ',
					el('span', 'assigned', m.partitions.join(', ')));
				members.append(item);
			});
			article.append(members);
		}
		const table = el('table', 'changes lag');
		const head = el('tr');
		['partition', 'committed', 'end', 'lag', 'member'].forEach((name) => head.append(el('th', '', name)));
		const thead = el('thead');
		thead.append(head);
		const tbody = el('tbody');
		group.partitions.forEach((p) => {
			const row = el('tr');
			row.dataset.partition = String(p.partition);
			row.append(cell('', p.partition), cell('committed', p.committed === null ? 'none' : p.committed),
				cell('end', p.end), cell('lag', p.lag === null ? '-' : p.lag), cell('owner', p.owner || '-'));
			tbody.append(row);
		});
		table.append(thead, tbody);
		article.append(table);
		return article;
	}

	function refresh() {
		fetch('api/groups?' + new URLSearchParams({ topic: topic }), { headers: { 'Accept': 'application/json' } })
			.then((response) => {
				if (!response.ok) {
					throw new Error('HTTP ' + response.status);
				}
				return response.json();
			})
			.then((view) => {
				section.replaceChildren(...view.groups.map(render));
				none.hidden = view.groups.length > 0;
				readAt.textContent = view.readAt;
				refreshed.dataset.state = 'live';
			})
			.catch((ex) => {
				refreshed.dataset.state = 'reconnecting';
				readAt.textContent = 'failed (' + ex.message + '), retrying';
			})
			.finally(() => setTimeout(refresh, 2000));
	}

	setTimeout(refresh, 2000);
})();
