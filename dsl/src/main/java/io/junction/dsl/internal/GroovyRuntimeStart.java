package io.junction.dsl.internal;

import groovy.lang.GroovySystem;

import java.util.concurrent.CountDownLatch;

/**
 * Starts the Groovy runtime the routing scripts run on (the metaclass registry with Groovy's own methods and extension
 * modules, the metaclass of the scripts' base class) on a thread of its own, so that a launch does it while its main
 * thread parses the command line and reads the settings (docs/performance.md, launch). A compile waits for a start that
 * is under way: two threads initialising Groovy's classes at once could deadlock on their class initialisers.
 */
public final class GroovyRuntimeStart {

    private static CountDownLatch started;

    private GroovyRuntimeStart() {
    }

    /** Begins the start on a daemon thread, once per JVM; later calls do nothing. */
    public static synchronized void inBackground() {
        if (started != null) {
            return;
        }
        CountDownLatch done = new CountDownLatch(1);
        started = done;
        Thread thread = new Thread(() -> {
            try {
                GroovySystem.getMetaClassRegistry().getMetaClass(JunctionBaseScript.class);
            } finally {
                done.countDown();
            }
        }, "junction-groovy-start");
        thread.setDaemon(true);
        thread.start();
    }

    /** Returns once a start begun in the background has finished (at once when none was begun). */
    public static void awaitStarted() {
        CountDownLatch begun;
        synchronized (GroovyRuntimeStart.class) {
            begun = started;
        }
        if (begun == null) {
            return;
        }
        boolean interrupted = false;
        while (true) {
            try {
                begun.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
