package io.junction.server.engine;

/** What a selection key of an {@link EventLoop} is attached to (an HTTP connection, a tcp listener's socket); called on that loop's thread only. */
public interface IoHandler {

    /** The channel is ready for the operations in {@code readyOps}. */
    void ready(int readyOps) throws java.io.IOException;

    /** Something threw while handling: let go of the channel and whatever depends on it. */
    void failed(Exception e);
}
