package io.junction.core.forward;

import io.junction.core.pool.Lease;

/**
 * One connect to one backend, which settles exactly once: connected, failed, timed out or abandoned, whichever the engine
 * reports first. A connection that arrives after its attempt timed out is refused, and the engine keeps or
 * closes it.
 */
public final class PendingConnect<C> {

    private final ForwardAttempt<C> attempt;
    private Lease lease;
    private boolean settled;

    PendingConnect(ForwardAttempt<C> attempt, Lease lease) {
        this.attempt = attempt;
        this.lease = lease;
    }

    /** A new connect of the same attempt in this object, once the last one settled and nothing holds it. */
    PendingConnect<C> reopen(Lease lease) {
        this.lease = lease;
        settled = false;
        return this;
    }

    public Lease lease() {
        return lease;
    }

    /** @return false when the connect had already settled (timed out): the connection is not the request's */
    public boolean connected(C connection) {
        if (!settle()) {
            return false;
        }
        attempt.connected(lease, connection);
        return true;
    }

    /** The backend refused or reset the connection. */
    public void failed() {
        fault(ProxyError.CONNECTION_REFUSED);
    }

    /** The client went away while the connect was under way: the backend is not to blame. */
    public void abandoned() {
        if (settle()) {
            attempt.abandoned(lease);
        }
    }

    /** Junction's own limit of connections to the backend is reached: the backend was not tried. */
    public void noConnectionLeft() {
        if (settle()) {
            attempt.noConnectionLeft(lease);
        }
    }

    public void timedOut() {
        fault(ProxyError.CONNECTION_TIMEOUT);
    }

    /** The backend's host name does not resolve: nothing was sent, so another backend may be tried. */
    public void unresolved() {
        fault(ProxyError.DNS_ERROR);
    }

    private void fault(ProxyError error) {
        if (settle()) {
            attempt.connectFailed(lease, error);
        }
    }

    public boolean settled() {
        return settled;
    }

    private boolean settle() {
        if (settled) {
            return false;
        }
        settled = true;
        return true;
    }
}
