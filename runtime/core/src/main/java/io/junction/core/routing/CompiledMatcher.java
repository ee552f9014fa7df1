package io.junction.core.routing;

import io.junction.api.RequestView;
import io.junction.core.model.Matcher;

/** A model {@link Matcher} ready for requests: built once per generation, no allocation per request. */
interface CompiledMatcher {

    boolean matches(RequestView request);

    static CompiledMatcher of(Matcher matcher) {
        if (matcher instanceof Matcher.Host host) {
            return HostMatcher.of(host.pattern());
        }
        if (matcher instanceof Matcher.PathPrefix path) {
            return PathPrefixMatcher.of(path.pattern());
        }
        throw new IllegalArgumentException("no compiled form for " + matcher);
    }
}
