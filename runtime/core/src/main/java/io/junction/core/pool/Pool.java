package io.junction.core.pool;

import io.junction.api.Backend;
import io.junction.api.Balancer;
import io.junction.api.BalancingStrategy;
import io.junction.api.Options;
import io.junction.api.Outcome;
import io.junction.api.PoolContext;
import io.junction.api.RequestView;
import io.junction.core.affinity.Affinity;
import io.junction.core.model.EjectionSpec;
import io.junction.core.model.PoolSpec;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * One pool of one configuration generation: its members in script order, the balancer its strategy built for
 * it, and who hears how attempts ended. It is the {@link PoolContext} its balancer is created with.
 */
public final class Pool implements PoolContext {

    private final PoolSpec spec;
    private final PoolMember[] members;
    private final List<Backend> backends;
    private final Options options;
    private final Balancer balancer;
    private final LeaseListener listener;
    /** Turns of the round robin that stands in for a faulty strategy. */
    private final AtomicLong fallbackTurn = new AtomicLong();
    private final RetryBudget retryBudget;
    private final ConnectionQueue queue;
    private final Affinity affinity;

    /**
     * @throws IllegalArgumentException when the strategy refuses the pool (its options, its backends)
     */
    public Pool(PoolSpec spec, BackendStates states, BalancingStrategy strategy, LeaseListener listener) {
        this(spec, states, strategy, listener, pool -> null);
    }

    /**
     * @param affinity the sticky rule of this pool, made from it once its members exist; returns null for a pool
     *                 that is not sticky
     * @throws IllegalArgumentException when the strategy refuses the pool (its options, its backends)
     */
    public Pool(PoolSpec spec, BackendStates states, BalancingStrategy strategy, LeaseListener listener,
                Function<Pool, Affinity> affinity) {
        this.spec = spec;
        this.listener = listener;
        this.options = Options.of(spec.strategyOptions());
        this.members = new PoolMember[spec.backends().size()];
        for (int i = 0; i < members.length; i++) {
            var backend = spec.backends().get(i);
            members[i] = new PoolMember(backend, states.of(backend.id()), i, spec.limits().maxConnections());
        }
        this.backends = List.of(members);
        this.retryBudget = new RetryBudget(spec.retries());
        this.queue = new ConnectionQueue(spec.limits());
        this.balancer = strategy.create(this);
        this.affinity = affinity.apply(this);
    }

    /** The pool's sticky rule, or null when it is not sticky. */
    public Affinity affinity() {
        return affinity;
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public Options options() {
        return options;
    }

    @Override
    public List<Backend> backends() {
        return backends;
    }

    public PoolSpec spec() {
        return spec;
    }

    public List<PoolMember> members() {
        return List.of(members);
    }

    public RetryBudget retryBudget() {
        return retryBudget;
    }

    /** The requests waiting for a backend below its connection limit. */
    public ConnectionQueue queue() {
        return queue;
    }

    /** Tells the pool's listener that a request found no room (queue full or its wait over) and is answered 503. */
    public void noRoom() {
        listener.noRoom(this);
    }

    /** A fresh record of which members one request has tried; one per request. */
    public Attempts attempts() {
        return new Attempts(this);
    }

    /**
     * The balancer's pick. A faulty strategy costs no request: when it throws, or returns a backend that is not
     * an eligible candidate, the listener is told and the pick falls back to round robin over the eligible ones.
     */
    PoolMember pick(Attempts attempts, RequestView request) {
        Backend picked;
        try {
            picked = balancer.pick(attempts, request);
        } catch (RuntimeException e) {
            return fallback(attempts, "threw " + e);
        }
        if (picked == null) {
            return null;
        }
        if (!(picked instanceof PoolMember member) || member.index() >= members.length || members[member.index()] != member) {
            return fallback(attempts, "returned " + picked + ", which is not a candidate");
        }
        if (!attempts.isEligible(member.index())) {
            return fallback(attempts, "picked " + member + ", which is not eligible");
        }
        return member;
    }

    private PoolMember fallback(Attempts attempts, String reason) {
        listener.strategyFault(this, "strategy '" + spec.strategy() + "' of pool '" + name() + "' " + reason + "; round robin used instead");
        int start = (int) Long.remainderUnsigned(fallbackTurn.getAndIncrement(), members.length);
        for (int i = 0; i < members.length; i++) {
            int index = (start + i) % members.length;
            if (attempts.isEligible(index)) {
                return members[index];
            }
        }
        return null;
    }

    void ended(PoolMember member, Outcome outcome, int status, long timeToFirstByteNanos, long totalNanos) {
        judge(member, outcome, status);
        balancer.done(member, outcome, timeToFirstByteNanos, totalNanos);
        listener.ended(member, outcome, timeToFirstByteNanos, totalNanos);
        queue.roomFreed();
    }

    /** Passive ejection: counts failures in a row, ejecting within the pool's share of ejected members. */
    private void judge(PoolMember member, Outcome outcome, int status) {
        if (outcome == Outcome.ABANDONED) {
            // else a client could eject a healthy backend by resetting its own requests (rapid reset)
            return;
        }
        Ejection ejection = member.state().ejection();
        if (outcome == Outcome.RESPONDED && status < 500) {
            ejection.succeeded();
            return;
        }
        long now = System.nanoTime();
        EjectionSpec spec = spec().ejection();
        int ejected = 0;
        for (PoolMember each : members) {
            if (each.state().ejection().ejected(now)) {
                ejected++;
            }
        }
        int allowed = Math.max(1, members.length * spec.maxPercent() / 100);
        if (ejection.failed(spec, now, ejected < allowed)) {
            String last = outcome == Outcome.RESPONDED ? "answered " + status : outcome.name().toLowerCase(Locale.ROOT).replace('_', ' ');
            listener.ejected(this, member, spec.failures() + " failure(s) in a row; last: " + last,
                    spec.duration(ejection.ejectionsInRow()));
        }
    }

    PoolMember member(int index) {
        return members[index];
    }

    int size() {
        return members.length;
    }
}
