/**
 * TCP (L4) listeners on the own engine's event loops (plain java.nio, as its HTTP listeners): each accepted connection
 * is forwarded, bytes untouched, to a backend picked through the same {@link io.junction.core.forward.ForwardAttempt}
 * as HTTP requests ({@link io.junction.server.tcp.TcpSession}), on the loop that accepted it, then spliced both ways
 * with backpressure, half-close and reset passed on ({@link io.junction.server.tcp.Splice}).
 * {@link io.junction.server.tcp.TcpListeners} binds them and swaps a kept listener's generation on reload.
 */
package io.junction.server.tcp;
