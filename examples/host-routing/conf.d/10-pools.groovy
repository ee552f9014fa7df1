// Two applications behind one address. Backends are placeholders on loopback: start anything on
// these ports (e.g. `python3 -m http.server 9101`) to try it.

pool('shop') {
    backend 'http://127.0.0.1:9101'
    backend 'http://127.0.0.1:9102'
}

pool('blog') {
    backend 'http://127.0.0.1:9201'
}
