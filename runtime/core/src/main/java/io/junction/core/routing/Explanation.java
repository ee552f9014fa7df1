package io.junction.core.routing;

import io.junction.core.model.RouteSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Why a request went where it went: each route tried, in order, up to the one that matched, with the first
 * matcher that failed; then the chosen route ({@code otherwise} when none matched; null when there is none).
 */
public record Explanation(List<Step> steps, RouteSpec chosen, Map<String, String> captures) {

    public Explanation {
        steps = List.copyOf(steps);
        captures = Map.copyOf(captures);
    }

    /** One route tried: {@code failed} is the matcher that failed as written, null when the route matched. */
    public record Step(RouteSpec route, String failed) {

        public boolean matched() {
            return failed == null;
        }

        @Override
        public String toString() {
            return route.location() + ": " + (matched() ? "matched" : "no, " + failed);
        }
    }

    /** Whether a route matched, as opposed to otherwise taking the request. */
    public boolean routeMatched() {
        return !steps.isEmpty() && steps.get(steps.size() - 1).matched();
    }

    /** The chosen route's action as written, e.g. {@code forward 'web'}. */
    public String action() {
        return chosen == null ? "none (no route and no otherwise)" : chosen.action().describe();
    }

    /** One line per route tried, then the decision. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        steps.forEach(step -> lines.add(step.toString()));
        String by = routeMatched() ? "route at " + chosen.location() : "otherwise" + (chosen == null ? "" : " at " + chosen.location());
        lines.add("=> " + action() + " (" + by + ")" + (captures.isEmpty() ? "" : " captures " + captures));
        return lines;
    }

    @Override
    public String toString() {
        return String.join("\n", lines());
    }
}
