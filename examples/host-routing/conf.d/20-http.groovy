http('public', port: 8080) {
    // Health checks of the balancer itself never reach a backend.
    route(path: '/healthz') { respond 200, 'ok\n' }

    // Routes are tried top to bottom: the more specific one first.
    route(host: 'shop.example.com', path: '/api') { forward 'shop' }
    route(host: '*.blog.example.com') { forward 'blog' }
    route(host: 'blog.example.com') { forward 'blog' }

    otherwise { respond 404, 'unknown site\n' }
}
