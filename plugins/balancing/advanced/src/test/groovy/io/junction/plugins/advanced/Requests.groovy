package io.junction.plugins.advanced

import io.junction.api.RequestView

/** Requests that carry a hash key in each place a {@code key} option can name. */
final class Requests {

    private Requests() {}

    static RequestView with(Map<String, String> parts) {
        new RequestView() {
            String method() { 'GET' }
            String host() { parts.host ?: '' }
            String path() { parts.path ?: '/' }
            String query() { parts.query ?: '' }
            String header(String name) { name.equalsIgnoreCase('Cookie') ? parts.cookie : parts["header:$name".toString()] }
            String remoteAddress() { parts.ip ?: '127.0.0.1' }
        }
    }

    /** A request whose header X-User is {@code user}. */
    static RequestView user(Object user) {
        with(['header:X-User': user.toString()])
    }
}
