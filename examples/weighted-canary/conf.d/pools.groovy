// Nine requests in ten go to the stable backends, one to the canary, interleaved smoothly
// (nginx's algorithm): the canary never gets two requests in a row.

pool('app') {
    balance 'weighted-round-robin'
    backend 'http://127.0.0.1:9301', weight: 9
    backend 'http://127.0.0.1:9302', weight: 1   // canary
    timeouts connect: '1s', response: '30s'
}

http('public', port: 8080) {
    otherwise { forward 'app' }
}
