'use strict';
// Polls /api/status and draws it. Rates are computed here from the counters of two polls, so the
// numbers follow the polling interval rather than a server-side average.
(function () {
    const POLL_MS = Number(new URLSearchParams(location.search).get('interval')) || 1000;
    const HISTORY = 60;
    const history = {};   // listener name -> {rps: [], errorRate: []}
    let previous = null;  // {at, counts: {listener name -> {requests, errors}}}

    const tokenInput = document.getElementById('token');
    tokenInput.value = sessionStorage.getItem('junction-admin-token') || '';
    tokenInput.addEventListener('change', () => sessionStorage.setItem('junction-admin-token', tokenInput.value));

    function el(tag, attributes, ...children) {
        const node = document.createElement(tag);
        Object.entries(attributes || {}).forEach(([name, value]) => {
            if (value !== undefined && value !== null && value !== false) {
                node.setAttribute(name, value === true ? '' : value);
            }
        });
        children.flat(Infinity).forEach(child => node.append(child instanceof Node ? child : document.createTextNode(String(child))));
        return node;
    }

    function sparkline(values, className) {
        const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
        svg.setAttribute('class', 'chart');
        svg.setAttribute('viewBox', '0 0 ' + HISTORY + ' 40');
        svg.setAttribute('preserveAspectRatio', 'none');
        const max = Math.max(1, ...values);
        const line = document.createElementNS('http://www.w3.org/2000/svg', 'polyline');
        line.setAttribute('points', values.map((v, i) => (HISTORY - values.length + i) + ',' + (38 - 36 * v / max)).join(' '));
        if (className) {
            line.setAttribute('class', className);
        }
        svg.append(line);
        return svg;
    }

    function numbers(pairs) {
        return el('dl', {class: 'numbers'}, pairs.map(([label, value, testid]) =>
            [el('dt', {}, label), el('dd', {'data-testid': testid}, value)]));
    }

    function ms(value) {
        return value.toFixed(value < 10 ? 2 : 0) + ' ms';
    }

    function remember(name, rps, errorRate) {
        const series = history[name] || (history[name] = {rps: [], errorRate: []});
        series.rps.push(rps);
        series.errorRate.push(errorRate);
        if (series.rps.length > HISTORY) {
            series.rps.shift();
            series.errorRate.shift();
        }
        return series;
    }

    function listenerCard(listener, now) {
        const before = previous && previous.counts[listener.name];
        const seconds = previous ? (now - previous.at) / 1000 : 0;
        const requests = before ? listener.traffic.requests - before.requests : 0;
        const errors = before ? listener.traffic.errors - before.errors : 0;
        const rps = seconds > 0 ? requests / seconds : 0;
        const errorRate = requests > 0 ? errors / requests : 0;
        const series = remember(listener.name, rps, errorRate);
        return el('div', {class: 'card', 'data-testid': 'listener-' + listener.name},
            el('h3', {}, listener.name, ' ', el('span', {class: 'muted'}, listener.address)),
            numbers([
                ['req/s', rps.toFixed(1), 'rps'],
                ['errors', (100 * errorRate).toFixed(1) + ' %', 'error-rate'],
                ['requests', listener.traffic.requests, 'requests'],
                ['connections', listener.activeConnections, 'connections'],
                ['p50', ms(listener.traffic.p50), 'p50'],
                ['p95', ms(listener.traffic.p95), 'p95'],
                ['p99', ms(listener.traffic.p99), 'p99'],
                ['5xx total', listener.traffic.errors, 'errors']]),
            el('div', {class: 'muted'}, 'req/s, last ' + HISTORY + ' polls'), sparkline(series.rps),
            el('div', {class: 'muted'}, 'error rate'), sparkline(series.errorRate, 'errors'),
            el('ul', {class: 'routes'}, listener.routes.map(route =>
                el('li', {title: route.location}, route.match + ' → ' + route.action))));
    }

    function stateButton(pool, backend, command, label, control) {
        const button = el('button', {
            'data-testid': command + '-' + backend.address,
            disabled: !control,
            title: control ? command + ' ' + backend.address : 'backend states are not available in this build yet (the API answers 501)'
        }, label);
        button.addEventListener('click', () => changeState(pool, backend, command));
        return button;
    }

    function poolTable(pool, control) {
        return el('table', {'data-testid': 'pool-' + pool.name},
            el('caption', {}, pool.name + ' (' + pool.strategy + ')'),
            el('tr', {}, ['backend', 'state', 'weight', 'in flight', 'requests', 'errors', 'p95', ''].map(h => el('th', {}, h))),
            pool.backends.map(backend => el('tr', {'data-testid': 'backend-' + backend.address},
                el('td', {}, backend.address),
                el('td', {'data-testid': 'state', class: {up: 'ok', down: 'bad', ejected: 'bad'}[backend.state] || 'muted'}, backend.state || '–'),
                el('td', {}, backend.weight),
                el('td', {'data-testid': 'in-flight'}, backend.inFlight),
                el('td', {'data-testid': 'requests'}, backend.traffic.requests),
                el('td', {'data-testid': 'errors', class: backend.traffic.errors > 0 ? 'bad' : ''}, backend.traffic.errors),
                el('td', {}, ms(backend.traffic.p95)),
                el('td', {},
                    stateButton(pool, backend, 'drain', 'Drain', control),
                    stateButton(pool, backend, 'up', 'Enable', control)))));
    }

    function reloadPanel(reload) {
        return el('div', {class: reload.succeeded ? 'ok' : 'bad'},
            el('strong', {}, reload.succeeded ? 'succeeded' : 'failed'),
            ' at ' + new Date(reload.at).toLocaleString() + ', generation ' + reload.generation + ' serving',
            el('ul', {}, reload.errors.map(error => el('li', {'data-testid': 'reload-error'}, error)),
                reload.warnings.map(warning => el('li', {class: 'muted'}, 'warning: ' + warning))));
    }

    function render(status) {
        const now = Date.now();
        document.getElementById('generation').textContent =
            'generation ' + status.generation + ', loaded ' + new Date(status.loadedAt).toLocaleString() + ' from ' + status.confDir;
        document.getElementById('reload').replaceChildren(reloadPanel(status.lastReload));
        document.getElementById('listeners').replaceChildren(...status.listeners.map(l => listenerCard(l, now)));
        document.getElementById('pools').replaceChildren(...status.pools.map(p => poolTable(p, status.backendControl)));
        previous = {at: now, counts: Object.fromEntries(status.listeners.map(l => [l.name, l.traffic]))};
    }

    async function changeState(pool, backend, command) {
        const headers = tokenInput.value ? {Authorization: 'Bearer ' + tokenInput.value} : {};
        const response = await fetch('api/backends/' + encodeURIComponent(pool.name) + '/' + encodeURIComponent(backend.address) + '/' + command,
            {method: 'POST', headers});
        const body = await response.json();
        document.getElementById('message').textContent = response.ok ? '' : command + ' ' + backend.address + ': ' + body.error;
    }

    async function poll() {
        const connection = document.getElementById('connection');
        try {
            const response = await fetch('api/status', {cache: 'no-store'});
            render(await response.json());
            connection.textContent = 'live';
            connection.className = 'connection ok';
        } catch (e) {
            connection.textContent = 'cannot reach the admin API';
            connection.className = 'connection bad';
        }
        setTimeout(poll, POLL_MS);
    }

    poll();
}());
