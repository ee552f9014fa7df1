/**
 * TLS of https listeners, on Undertow's TLS and HTTP/2 (ALPN) server: the JDK key manager that picks a certificate
 * by SNI with the rule of {@link io.junction.core.tls.ServerNames}, the SSLContext and Undertow options of a listener,
 * and the HSTS header.
 */
package io.junction.server.tls;
