package io.junction.core.affinity;

import io.junction.api.RequestView;
import io.junction.api.Sessions;
import io.junction.core.model.AffinitySpec;
import io.junction.core.pool.Pool;
import io.junction.core.pool.PoolMember;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The sticky rule of one pool of one generation: knows the pool's members by backend id, reads a client's key
 * from a request and hands out one {@link StickyRequest} per request. Pins are kept in the pool's session store,
 * which outlives the generation; a pin to a backend this generation does not have counts as no pin.
 */
public final class Affinity {

    private final AffinitySpec spec;
    private final String poolName;
    private final Map<String, PoolMember> members;
    private final Sessions sessions;
    private final SessionSigner signer;
    private final StoreFailures failures;
    private final ClientKeys keys;
    private final LongSupplier epochSeconds;
    private final Duration lookupTimeout;

    public Affinity(Pool pool, Sessions sessions, SessionSigner signer, StoreFailures failures) {
        this(pool, sessions, signer, failures, () -> System.currentTimeMillis() / 1000);
    }

    Affinity(Pool pool, Sessions sessions, SessionSigner signer, StoreFailures failures, LongSupplier epochSeconds) {
        this.spec = pool.spec().affinity();
        this.poolName = pool.name();
        this.members = pool.members().stream().collect(Collectors.toUnmodifiableMap(PoolMember::id, Function.identity(), (a, b) -> a));
        this.sessions = sessions;
        this.signer = signer;
        this.failures = failures;
        this.keys = new ClientKeys(poolName);
        this.epochSeconds = epochSeconds;
        this.lookupTimeout = spec.lookupTimeout();
    }

    /** Reads the request's key (now: the view is valid only during this call) and starts looking up its pin. */
    public StickyRequest begin(RequestView request) {
        String key = keyOf(request);
        return new StickyRequest(this, key, key == null ? null : find(key));
    }

    private String keyOf(RequestView request) {
        if (spec.key() instanceof AffinitySpec.InsertCookie cookie) {
            String id = signer.verify(request.cookie(cookie.name()), epochSeconds.getAsLong());
            return id == null ? null : keys.session(id);
        }
        if (spec.key() instanceof AffinitySpec.LearnCookie learn) {
            String value = request.cookie(learn.name());
            return value == null || value.isEmpty() ? null : keys.learned(value);
        }
        return keys.network(request.remoteAddress(), (AffinitySpec.ClientIp) spec.key());
    }

    /** The store's answer, or a failure once the spec's lookup timeout has passed without one. */
    private CompletableFuture<String> find(String key) {
        CompletableFuture<String> found;
        try {
            found = sessions.find(key).toCompletableFuture();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (found.isDone()) {
            return found;
        }
        return found.copy().orTimeout(lookupTimeout.toNanos(), TimeUnit.NANOSECONDS).exceptionallyCompose(e ->
                CompletableFuture.failedFuture(e instanceof TimeoutException
                        ? new TimeoutException("session store '" + spec.store() + "' found no pin within " + lookupTimeout)
                        : e));
    }

    AffinitySpec spec() {
        return spec;
    }

    /** The member of this generation with that backend id, or null. */
    PoolMember member(String backendId) {
        return backendId == null ? null : members.get(backendId);
    }

    /** Pins the key to the member; a store that throws or fails later costs the pin, never the response. */
    void pin(String key, PoolMember member) {
        CompletionStage<Void> stored;
        try {
            stored = sessions.put(key, member.id(), spec.ttl());
        } catch (RuntimeException e) {
            stored = CompletableFuture.failedFuture(e);
        }
        stored.whenComplete((done, error) -> {
            if (error != null) {
                failures.putFailed(poolName, error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
            }
        });
    }

    void forget(String key) {
        try {
            sessions.remove(key);
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    void failed(Throwable cause) {
        failures.failed(poolName, cause);
    }

    ClientKeys keys() {
        return keys;
    }

    /** A new cookie value and its store key. */
    record Issued(String value, String key) {
    }

    /** A new cookie value, valid for the cookie's Max-Age, or the store's TTL for a browser-session cookie. */
    Issued issue(AffinitySpec.InsertCookie cookie) {
        Duration lifetime = cookie.maxAge() != null ? cookie.maxAge() : spec.ttl();
        String value = signer.issue(epochSeconds.getAsLong() + lifetime.toSeconds());
        return new Issued(value, keys.session(SessionSigner.idOf(value)));
    }
}
