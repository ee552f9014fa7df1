package io.junction.api;

import java.util.concurrent.CompletionStage;

/**
 * Probes backends for one pool. Called on Junction's health scheduler thread, never on a request thread, and
 * never twice at once for the same backend, so a probe holds at most one connection per backend.
 */
public interface Probe {

    /**
     * Starts one probe and returns without blocking. The stage completes with the verdict; completing it
     * exceptionally counts as a failed probe with the exception's message as the reason. A probe must give up
     * (and close what it opened) by {@link Target#timeout()}; Junction counts it as failed at that time anyway.
     */
    CompletionStage<ProbeResult> probe(Target target);
}
