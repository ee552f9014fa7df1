package io.junction.core.forward;

import java.time.Duration;

/** How one pool talks to its backends: timeouts and how many further backends a failed connect may try. */
public record UpstreamPolicy(Duration connectTimeout, Duration responseTimeout, int connectRetries) {
}
