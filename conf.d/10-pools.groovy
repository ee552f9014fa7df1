// Pools: named groups of backends and how requests are spread over them.
// Scripts in conf.d are compiled in file-name order into one configuration, so a pool declared
// here can be used by listeners in any file. Reload after editing: kill -HUP <pid>.

pool('demo') {
    // A strategy plugin id from the plugins folder: round-robin or weighted-round-robin (built in).
    balance 'round-robin'
    // The two backends 'bin/junction demo' starts (ports set by junction.demo.backend-ports).
    backend 'http://127.0.0.1:9001'
    backend 'http://127.0.0.1:9002'
    // Optional; the process defaults come from junction.properties (5s and 15s).
    timeouts connect: '2s', response: '15s'
}
