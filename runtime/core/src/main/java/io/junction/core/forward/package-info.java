/**
 * Forwarding a request to a pool, free of any engine: which backend, connect retries, timeouts and the 502/504
 * answers ({@link io.junction.core.forward.ForwardAttempt}), behind the {@link io.junction.core.forward.Upstream}
 * seam every proxy engine implements.
 */
package io.junction.core.forward;
