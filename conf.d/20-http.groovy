// Listeners: where clients connect, and routes matched top to bottom; the first match wins.

http('public', port: 8080) {
    // host: exact or '*.example.com'; path: a prefix on segment boundaries ('/api' matches /api/x, not /apix).
    route(path: '/healthz') { respond 200, 'ok\n' }
    route(path: '/') { forward 'demo' }
    // When nothing matches (not reached here, since '/' matches every path).
    otherwise { respond 404, 'no route\n' }
}
