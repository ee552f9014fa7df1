package io.junction.api;

/**
 * A session store for sticky pools, referenced from routing scripts by its {@link #id()} ({@code sessions 'redis',
 * uri: 'redis://127.0.0.1:6379'}). It maps a client's affinity key (a signed session id, a learned application
 * cookie, a client address) to the {@link Backend#id()} the client is pinned to.
 */
public interface SessionStore extends JunctionExtension {

    /**
     * Opens the store for the given options. Junction keeps the opened {@link Sessions} across reloads while the
     * options (and the plugin JAR) are unchanged, and closes it when no pool uses it any more.
     *
     * @throws IllegalArgumentException when an option is unknown or not usable; the message is shown at the
     *                                  pool's file:line and the configuration is refused
     */
    Sessions open(Options options);
}
