package io.junction.core.affinity;

import io.junction.core.model.AffinitySpec;
import io.junction.core.pool.PoolMember;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * One request of a sticky pool: its key, the lookup of its pin, and what the response must record. The engine
 * reports the response head: {@link #learn} each Set-Cookie of the backend (only when {@link #learns()}), then adds
 * {@link #setCookie()} when it is not null. Used on the request's I/O thread only.
 */
public final class StickyRequest {

    private final Affinity affinity;
    private final CompletableFuture<String> lookup;
    private String key;
    private PoolMember pinned;
    /** The store failed the lookup: the pin is unknown, not absent, so it must not be overwritten. */
    private boolean lookupFailed;
    private PoolMember answered;
    private String setCookie;

    StickyRequest(Affinity affinity, String key, CompletableFuture<String> lookup) {
        this.affinity = affinity;
        this.key = key;
        this.lookup = lookup;
    }

    /**
     * Runs {@code then} once the pin is known: inline when the store answered at once (or there is no key), else on
     * {@code resume} (the request's I/O thread) when it answers. A failed lookup counts as no pin.
     */
    public void whenFound(Executor resume, Runnable then) {
        if (lookup == null || lookup.isDone()) {
            settle();
            then.run();
            return;
        }
        lookup.whenComplete((found, error) -> resume.execute(() -> {
            settle();
            then.run();
        }));
    }

    private void settle() {
        if (lookup == null) {
            return;
        }
        try {
            pinned = affinity.member(lookup.join());
        } catch (CompletionException | CancellationException e) {
            lookupFailed = true;
            affinity.failed(e.getCause() != null ? e.getCause() : e);
        }
    }

    /** The member the client is pinned to in this generation, or null. */
    public PoolMember pinned() {
        return pinned;
    }

    /** The response came from {@code member}: a new or moved client is pinned to it. */
    public void responded(PoolMember member) {
        if (answered != null) {
            return;
        }
        answered = member;
        if (key == null && affinity.spec().key() instanceof AffinitySpec.InsertCookie cookie) {
            Affinity.Issued issued = affinity.issue(cookie);
            setCookie = SetCookie.format(cookie, issued.value());
            key = issued.key();
        }
        if (key != null && member != pinned && !lookupFailed) {
            affinity.pin(key, member);
        }
    }

    /** Whether the engine should pass on the backend's Set-Cookie values. */
    public boolean learns() {
        return affinity.spec().key() instanceof AffinitySpec.LearnCookie;
    }

    /**
     * One Set-Cookie of the backend's response: the application's session cookie is pinned to the backend that set
     * it; when the application clears it (an empty value), the request's pin is forgotten.
     */
    public void learn(String setCookieHeader) {
        if (answered == null || !(affinity.spec().key() instanceof AffinitySpec.LearnCookie learn)) {
            return;
        }
        String value = SetCookie.valueOf(setCookieHeader, learn.name());
        if (value != null && value.isEmpty()) {
            if (key != null) {
                affinity.forget(key);
            }
        } else if (value != null) {
            String learned = affinity.keys().learned(value);
            if (!learned.equals(key)) { // the request's own key was pinned by responded
                affinity.pin(learned, answered);
            }
        }
    }

    /** The Set-Cookie value to add to the response (a new client of a cookie pool), or null. */
    public String setCookie() {
        return setCookie;
    }
}
