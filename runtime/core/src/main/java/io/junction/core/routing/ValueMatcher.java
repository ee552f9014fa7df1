package io.junction.core.routing;

import io.junction.api.RequestView;
import io.junction.core.model.Matcher.ValueTest;

import java.util.regex.Pattern;

/** Tests one named value of the request (a header, cookie or query parameter) as its {@link ValueTest} says. */
final class ValueMatcher {

    /** How a named value is read: {@code RequestView::header}, {@code ::cookie}, {@code ::queryParameter}. */
    interface Lookup {
        String value(RequestView request, String name);
    }

    private ValueMatcher() {
    }

    static CompiledMatcher of(ValueTest test, String name, Lookup lookup) {
        return switch (test.kind()) {
            case PRESENT -> request -> lookup.value(request, name) != null;
            case ABSENT -> request -> lookup.value(request, name) == null;
            case EQUALS -> request -> test.value().equals(lookup.value(request, name));
            case MATCHES -> {
                Pattern pattern = Pattern.compile(test.value());
                yield request -> {
                    String value = lookup.value(request, name);
                    return value != null && pattern.matcher(value).matches();
                };
            }
        };
    }
}
