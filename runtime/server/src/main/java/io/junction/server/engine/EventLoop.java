package io.junction.server.engine;

import io.junction.server.engine.http1.RecentStrings;
import io.junction.server.resolve.BackendAddresses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One I/O thread with its own selector: its listener sockets, the client connections they accepted and
 * those connections' backend connections, its buffers, deadlines and keep-alive pools. Everything it
 * owns is touched by its thread only; other threads hand work over with {@link #execute}.
 */
public final class EventLoop implements Executor, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EventLoop.class);

    private final Selector selector;
    private final Thread thread;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final Deadlines deadlines = new Deadlines();
    private final BufferPool buffers = new BufferPool();
    private final BackendPool backends;
    private final RecentStrings recentStrings = new RecentStrings();
    private final ExchangePool exchanges = new ExchangePool(this);
    private final RequestStatePool requestStates = new RequestStatePool(this);
    /** Head and body of a gathering write, one at a time on this thread: no array per connection. */
    private final ByteBuffer[] gatherPair = new ByteBuffer[2];
    /** Made once: a method reference written in the loop would be a new object per select. */
    private final Consumer<SelectionKey> dispatcher = this::dispatch;
    /** Exchanges whose response head, and whose request head, waits for the end of the turn; kept, not made per turn. */
    private final ArrayList<Exchange> responsesAfterTurn = new ArrayList<>();
    private final ArrayList<Exchange> requestsAfterTurn = new ArrayList<>();
    /** Client connections this loop serves, http and tcp: any loop's acceptor may add one here ({@link ListeningSockets}). */
    private final AtomicInteger clients = new AtomicInteger();
    private volatile boolean running = true;
    private long nextSweep;

    EventLoop(String name, BackendPool.Limits backendLimits, BackendAddresses addresses) {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector", e);
        }
        backends = new BackendPool(this, backendLimits, addresses);
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        nextSweep = System.nanoTime();
        while (running) {
            try {
                deadlines.newTurn();
                selector.select(dispatcher, Deadlines.TICK_MILLIS);
                runTasks();
                // the turn's clock when a deadline read it: a sweep may start that much later, never earlier
                long now = deadlines.now();
                if (now - nextSweep >= 0) {
                    nextSweep = now + Deadlines.TICK_MILLIS * 1_000_000L;
                    deadlines.sweep(now);
                }
                writeTurnWrites();
            } catch (IOException | RuntimeException e) {
                log.warn("event loop {}: {}", thread.getName(), e.toString());
            }
        }
        selector.keys().forEach(key -> ((IoHandler) key.attachment()).failed(new IOException("shutting down")));
        try {
            selector.close();
        } catch (IOException ignored) {
            // nothing is left to serve
        }
    }

    private void dispatch(SelectionKey key) {
        IoHandler handler = (IoHandler) key.attachment();
        try {
            handler.ready(key.readyOps());
        } catch (IOException | RuntimeException e) {
            handler.failed(e);
        }
    }

    /**
     * Has {@code exchange} write the response head it put off ({@link Exchange#turnEnded}) once the events of
     * this turn have all been handled: the peers the turn's writes wake (clients, backends) then find their messages
     * together and take more per wake-up, and the loop is not preempted by each wake-up before it has read the rest of
     * its events.
     */
    void respondAfterTurn(Exchange exchange) {
        responsesAfterTurn.add(exchange);
    }

    /** As {@link #respondAfterTurn}, for a request head. */
    void forwardAfterTurn(Exchange exchange) {
        requestsAfterTurn.add(exchange);
    }

    /** Writes put off until the end of the current turn, not yet made. */
    int turnWritesWaiting() {
        return responsesAfterTurn.size() + requestsAfterTurn.size();
    }

    /**
     * Responses first: they end requests whose clients are waiting, while a request written after them still has its
     * backend's time ahead (measured: 2.6% more requests a second than in the order they came, docs/performance.md).
     * The lists may grow while they are written (a response written lets the client's next request go out).
     */
    private void writeTurnWrites() {
        while (!responsesAfterTurn.isEmpty() || !requestsAfterTurn.isEmpty()) {
            for (int i = 0; i < responsesAfterTurn.size(); i++) {
                responsesAfterTurn.get(i).turnEnded();
            }
            responsesAfterTurn.clear();
            for (int i = 0; i < requestsAfterTurn.size(); i++) {
                requestsAfterTurn.get(i).turnEnded();
            }
            requestsAfterTurn.clear();
        }
    }

    private void runTasks() {
        for (Runnable task; (task = tasks.poll()) != null; ) {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.warn("event loop {} task: {}", thread.getName(), e.toString());
            }
        }
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    /** Runs {@code work} on this loop and waits for its result (binding, closing: never on the hot path). */
    public <T> T call(Supplier<T> work) {
        if (inLoop()) {
            return work.get();
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        execute(() -> {
            try {
                result.complete(work.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return result.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    public SelectionKey register(SelectableChannel channel, int ops, IoHandler handler) throws IOException {
        channel.configureBlocking(false);
        return channel.register(selector, ops, handler);
    }

    int clients() {
        return clients.get();
    }

    void clientAdded() {
        clients.incrementAndGet();
    }

    void clientClosed() {
        clients.decrementAndGet();
    }

    Deadlines deadlines() {
        return deadlines;
    }

    /** A deadline on this loop's clock that runs {@code expiry} here when it passes while armed. */
    public Deadline deadline(Runnable expiry) {
        return new Deadline(deadlines, expiry);
    }

    /** System.nanoTime as this loop read it once in its current turn: cheaper than a clock read per event. */
    public long now() {
        return deadlines.now();
    }

    public BufferPool buffers() {
        return buffers;
    }

    BackendPool backends() {
        return backends;
    }

    ExchangePool exchanges() {
        return exchanges;
    }

    ByteBuffer[] gatherPair() {
        return gatherPair;
    }

    RequestStatePool requestStates() {
        return requestStates;
    }

    RecentStrings recentStrings() {
        return recentStrings;
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
