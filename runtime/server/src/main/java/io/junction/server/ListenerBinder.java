package io.junction.server;

import io.junction.core.model.ListenerSpec;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Which listeners a reload keeps, binds and leaves, for the HTTP listeners of both engines and the tcp ones. A
 * listener whose key is bound already stays bound with its connections; new ones are bound before anything is
 * swapped; the ones left out are handed back for the caller to close after it has served the new set. All or
 * nothing: if a bind or the caller's {@code alongside} step throws, the listeners this call bound are closed, the
 * bound set stays as it was, and the exception is thrown.
 *
 * @param <S> the listener's spec
 * @param <L> the bound listener
 */
public final class ListenerBinder<S extends ListenerSpec, L> {

    /** A bound listener with the spec it serves now; {@code fresh} when this reload bound it. */
    public record Bound<S, L>(S spec, L listener, boolean fresh) {
    }

    /** What {@link #rebind} left bound, and what it left out (still open, for the caller to close). */
    public record Change<S, L>(List<Bound<S, L>> bound, List<Bound<S, L>> removed) {
    }

    private final Function<S, String> key;
    private final Function<L, InetSocketAddress> address;
    private final Consumer<L> close;
    private Map<String, Bound<S, L>> bound = new LinkedHashMap<>();

    /**
     * @param key what a reload compares to keep a listener (e.g. {@link ListenerSpec#binding()})
     * @param address where a bound listener's socket is
     * @param close closes a listener's socket
     */
    public ListenerBinder(Function<S, String> key, Function<L, InetSocketAddress> address, Consumer<L> close) {
        this.key = key;
        this.address = address;
        this.close = close;
    }

    /** Makes the bound set exactly {@code specs}, binding the new ones with {@code bind}, then runs {@code alongside}. */
    public synchronized Change<S, L> rebind(List<S> specs, Function<S, L> bind, Runnable alongside) {
        Map<String, Bound<S, L>> next = new LinkedHashMap<>();
        List<L> started = new ArrayList<>();
        try {
            for (S spec : specs) {
                Bound<S, L> existing = bound.get(key.apply(spec));
                Bound<S, L> kept = existing != null ? new Bound<>(spec, existing.listener(), false)
                        : new Bound<>(spec, bind.apply(spec), true);
                if (kept.fresh()) {
                    started.add(kept.listener());
                }
                next.put(key.apply(spec), kept);
            }
            alongside.run();
        } catch (RuntimeException e) {
            started.forEach(close);
            throw e;
        }
        List<Bound<S, L>> removed = bound.entrySet().stream()
                .filter(entry -> !next.containsKey(entry.getKey())).map(Map.Entry::getValue).toList();
        bound = next;
        return new Change<>(List.copyOf(next.values()), removed);
    }

    /** The bound listeners in their specs' order. */
    public synchronized List<Bound<S, L>> bound() {
        return List.copyOf(bound.values());
    }

    /** The port a listener is bound to (useful when the script asked for port 0). */
    public synchronized int port(String listenerName) {
        return bound.values().stream().filter(b -> b.spec().name().equals(listenerName)).findFirst()
                .map(b -> address.apply(b.listener()).getPort())
                .orElseThrow(() -> new IllegalArgumentException("no listener named '" + listenerName + "'"));
    }

    /** Where each listener is bound, by name, as the sockets report it. */
    public synchronized Map<String, InetSocketAddress> addresses() {
        Map<String, InetSocketAddress> addresses = new LinkedHashMap<>();
        bound.values().forEach(b -> addresses.put(b.spec().name(), address.apply(b.listener())));
        return addresses;
    }

    /** Closes every bound listener and forgets them. */
    public synchronized void closeAll() {
        bound.values().forEach(b -> close.accept(b.listener()));
        bound = new LinkedHashMap<>();
    }
}
