/**
 * The Undertow engine's backend side: its exchanges forwarded with the own engine's HTTP/1.1 rules
 * ({@link io.junction.server.proxy.ForwardedExchange} under core's ForwardAttempt), keep-alive connections per I/O
 * thread shared across generations ({@link io.junction.server.proxy.BackendLinks}), the deadlines of its threads.
 */
package io.junction.server.proxy;
