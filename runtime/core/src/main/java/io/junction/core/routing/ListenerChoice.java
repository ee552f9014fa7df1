package io.junction.core.routing;

import io.junction.core.model.Config;
import io.junction.core.model.HttpListenerSpec;

import java.util.List;
import java.util.function.ToIntFunction;

/** Which http listener a request to explain is meant for: named, else the one on the URL's port, else the only one. */
public final class ListenerChoice {

    private ListenerChoice() {
    }

    /**
     * @param name      the listener named by the operator, or null
     * @param urlPort   the URL's port (-1: none given)
     * @param boundPort a listener's port as it serves (its configured one, or the one bound for port 0)
     * @throws IllegalArgumentException saying which listeners there are when none or several fit
     */
    public static HttpListenerSpec choose(Config config, String name, int urlPort, ToIntFunction<HttpListenerSpec> boundPort) {
        List<HttpListenerSpec> listeners = config.listeners(HttpListenerSpec.class);
        List<String> names = listeners.stream().map(HttpListenerSpec::name).toList();
        if (name != null) {
            return listeners.stream().filter(l -> l.name().equals(name)).findFirst().orElseThrow(() ->
                    new IllegalArgumentException("no http listener '" + name + "'; http listeners: " + names));
        }
        List<HttpListenerSpec> onPort = listeners.stream().filter(l -> boundPort.applyAsInt(l) == urlPort).toList();
        if (onPort.size() == 1) {
            return onPort.get(0);
        }
        if (listeners.size() == 1) {
            return listeners.get(0);
        }
        throw new IllegalArgumentException(listeners.isEmpty() ? "the configuration has no http listener"
                : "the URL's port names none of the http listeners " + names + ": give the listener's port, or name it");
    }
}
