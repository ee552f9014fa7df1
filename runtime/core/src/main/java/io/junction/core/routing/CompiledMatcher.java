package io.junction.core.routing;

import io.junction.api.RequestView;
import io.junction.core.model.AddressRange;
import io.junction.core.model.Matcher;

import java.net.InetAddress;
import java.util.List;

/** A model {@link Matcher} ready for requests: built once per generation, no allocation per request for static ones. */
interface CompiledMatcher {

    boolean matches(RequestView request);

    static CompiledMatcher of(Matcher matcher) {
        if (matcher instanceof Matcher.Host host) {
            return HostMatcher.of(host.normalized());
        } else if (matcher instanceof Matcher.PathPrefix path) {
            return PathPrefixMatcher.of(path.prefix());
        } else if (matcher instanceof Matcher.PathExact exact) {
            return request -> request.path().equals(exact.path());
        } else if (matcher instanceof Matcher.PathGlob glob) {
            return PathPatternMatcher.glob(glob.pattern());
        } else if (matcher instanceof Matcher.PathRegex regex) {
            return PathPatternMatcher.regex(regex.regex());
        } else if (matcher instanceof Matcher.Method method) {
            return request -> method.methods().contains(request.method());
        } else if (matcher instanceof Matcher.Header header) {
            return ValueMatcher.of(header.test(), header.name(), RequestView::header);
        } else if (matcher instanceof Matcher.Cookie cookie) {
            return ValueMatcher.of(cookie.test(), cookie.name(), RequestView::cookie);
        } else if (matcher instanceof Matcher.Query query) {
            return ValueMatcher.of(query.test(), query.name(), RequestView::queryParameter);
        } else if (matcher instanceof Matcher.ClientAddress client) {
            return clientIn(client.cidrs().stream().map(AddressRange::parse).toList());
        } else if (matcher instanceof Matcher.Script script) {
            return script(script);
        } else if (matcher instanceof Matcher.AnyOf any) {
            CompiledMatcher[] groups = any.groups().stream().map(CompiledMatcher::all).toArray(CompiledMatcher[]::new);
            return request -> {
                for (CompiledMatcher group : groups) {
                    if (group.matches(request)) {
                        return true;
                    }
                }
                return false;
            };
        } else if (matcher instanceof Matcher.AllOf all) {
            return all(all.groups().stream().map(CompiledMatcher::all).toArray(CompiledMatcher[]::new));
        }
        CompiledMatcher group = all(((Matcher.Not) matcher).group());
        return request -> !group.matches(request);
    }

    /** Matches when every matcher of the group does. */
    static CompiledMatcher all(List<Matcher> group) {
        return all(group.stream().map(CompiledMatcher::of).toArray(CompiledMatcher[]::new));
    }

    private static CompiledMatcher all(CompiledMatcher[] matchers) {
        return request -> {
            for (CompiledMatcher matcher : matchers) {
                if (!matcher.matches(request)) {
                    return false;
                }
            }
            return true;
        };
    }

    /** Script code may throw; the route it belongs to decides what that means ({@link PredicateThrew}). */
    private static CompiledMatcher script(Matcher.Script script) {
        return request -> {
            try {
                return script.test().test(request);
            } catch (RuntimeException e) {
                throw new PredicateThrew(e);
            }
        };
    }

    private static CompiledMatcher clientIn(List<AddressRange> blocks) {
        return request -> {
            String text = request.remoteAddress();
            InetAddress address = text == null ? null : AddressRange.hostLiteral(text);
            return address != null && blocks.stream().anyMatch(block -> block.contains(address));
        };
    }
}
