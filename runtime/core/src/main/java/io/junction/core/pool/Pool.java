package io.junction.core.pool;

import io.junction.api.Backend;
import io.junction.api.Balancer;
import io.junction.api.Outcome;
import io.junction.api.RequestView;
import io.junction.core.model.PoolSpec;

import java.util.List;

/** One pool of one configuration generation: its members in script order and its balancer. */
public final class Pool {

    private final PoolSpec spec;
    private final PoolMember[] members;
    private final Balancer balancer;

    public Pool(PoolSpec spec, BackendStates states, Balancer balancer) {
        this.spec = spec;
        this.balancer = balancer;
        this.members = new PoolMember[spec.backends().size()];
        for (int i = 0; i < members.length; i++) {
            var backend = spec.backends().get(i);
            members[i] = new PoolMember(backend, states.of(backend.id()), i);
        }
    }

    public String name() {
        return spec.name();
    }

    public PoolSpec spec() {
        return spec;
    }

    public List<PoolMember> members() {
        return List.of(members);
    }

    /** A fresh record of which members one request has tried; one per request. */
    public Attempts attempts() {
        return new Attempts(this);
    }

    PoolMember pick(Attempts attempts, RequestView request) {
        Backend picked = balancer.pick(attempts, request);
        if (picked == null) {
            return null;
        }
        if (!(picked instanceof PoolMember member) || member.index() >= members.length || members[member.index()] != member) {
            throw new IllegalStateException("strategy '" + spec.strategy() + "' returned " + picked + ", which is not a candidate of pool '" + name() + "'");
        }
        return member;
    }

    void done(PoolMember member, Outcome outcome) {
        balancer.done(member, outcome);
    }

    PoolMember member(int index) {
        return members[index];
    }

    int size() {
        return members.length;
    }
}
