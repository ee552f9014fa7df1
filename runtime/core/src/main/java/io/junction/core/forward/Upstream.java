package io.junction.core.forward;

/**
 * What a proxy engine does for one forwarded request, on the I/O thread that owns it. The rules (which backend,
 * when to retry, which answer) are {@link ForwardAttempt}'s; an engine only moves bytes and keeps the clock.
 * The Undertow engine's exchanges (server proxy.ForwardedExchange), Junction's own HTTP/1.1 engine and the TCP
 * listener implement the same calls.
 *
 * @param <C> the engine's backend connection
 */
public interface Upstream<C> {

    /**
     * Starts connecting to (or takes a pooled connection to) the lease's backend, within the policy's connect
     * timeout; reports exactly once through {@code connect}: connected, failed or timed out.
     */
    void connect(PendingConnect<C> connect);

    /** Sends the request over a connection {@link #connect} produced; the attempt is then reported through
     * {@link ForwardAttempt#responseStarted}, {@link ForwardAttempt#completed}, {@link ForwardAttempt#failedAfterSend}
     * or {@link ForwardAttempt#responseTimedOut}. */
    void send(ForwardAttempt<C> attempt, C connection);

    /** Runs the task on the request's I/O thread; called from any thread (a request woken in its pool's queue). */
    void execute(Runnable task);

    /**
     * Runs the task on the request's I/O thread {@code millis} from now, whatever happens meanwhile (the task
     * checks whether it is still due); called on that thread.
     */
    void schedule(Runnable task, long millis);

    /**
     * Answers the client with the error's status, its {@code Proxy-Status} field and a short text; when the response
     * has already started, closes it.
     */
    void answer(ProxyError error, String message);

    /**
     * After an {@link #answer}: the try under way, if any, is given up (the route's total timeout passed), so its
     * backend connection has to go. Engines whose {@code answer} already drops it need not override this.
     */
    default void abandonTry() {
    }

    /**
     * Answers 503 because no backend of the pool may take requests now, as {@link #answer} does, plus a
     * {@code Retry-After} header of the given seconds. Engines should override this; the default answers without it.
     */
    default void unavailable(ProxyError error, long retryAfterSeconds, String message) {
        answer(error, message);
    }

    /**
     * Runs {@code task} on the I/O thread that owns this request: a sticky pool's store may answer on a thread of
     * its own. Engines that serve sticky pools override this; the default runs it where it is called.
     */
    default void resume(Runnable task) {
        task.run();
    }
}
