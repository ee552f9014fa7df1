package io.junction.api;

/**
 * An active health check, referenced from routing scripts by its {@link #id()} ({@code health 'http', path: '/healthz'}).
 * Each pool that names it gets its own {@link Probe} from {@link #create(Options)}; Junction schedules the probes
 * (interval, timeout, jitter, one probe in flight per backend) and turns their results into up and down.
 */
public interface HealthCheck extends JunctionExtension {

    /**
     * A new probe for one pool. Parse and check every option here, not on each probe.
     *
     * @param options the script's options of the check, without the ones Junction itself reads
     *                (interval, timeout, fall, rise, initial)
     * @throws IllegalArgumentException when an option is unknown or not usable; the message is shown at the
     *                                  pool's file:line and the configuration is refused
     */
    Probe create(Options options);
}
