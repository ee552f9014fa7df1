/**
 * TCP (L4) listeners on XNIO: each accepted connection is forwarded, bytes untouched, to a backend picked through the
 * same {@link io.junction.core.forward.ForwardAttempt} as HTTP requests ({@link io.junction.server.tcp.TcpSession}),
 * then spliced both ways with backpressure, half-close and reset passed on ({@link io.junction.server.tcp.Splice}).
 * {@link io.junction.server.tcp.TcpListeners} binds them and swaps a kept listener's generation on reload.
 */
package io.junction.server.tcp;
