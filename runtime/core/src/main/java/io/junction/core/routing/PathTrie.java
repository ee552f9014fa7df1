package io.junction.core.routing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Routes by the literal path segments they need: a request walks the trie along its own segments as far as it
 * goes, and the node it stops at lists, in route order, every route whose literal segments are a prefix of the
 * path. Routes that need no segment sit at the root and so in every list.
 */
final class PathTrie {

    private final Map<String, PathTrie> children;
    private final int[] candidates;

    private PathTrie(Map<String, PathTrie> children, int[] candidates) {
        this.children = children;
        this.candidates = candidates;
    }

    /** @param segments per route (in route order, by index), its literal segments; null: the route is not in this trie */
    static PathTrie build(List<List<String>> segments) {
        return build(segments, 0, new ArrayList<>(), allIndexes(segments));
    }

    private static List<Integer> allIndexes(List<List<String>> segments) {
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            if (segments.get(i) != null) {
                indexes.add(i);
            }
        }
        return indexes;
    }

    /** A node at {@code depth} for the routes {@code here} that reached it; {@code inherited} from its ancestors. */
    private static PathTrie build(List<List<String>> segments, int depth, List<Integer> inherited, List<Integer> here) {
        List<Integer> candidates = new ArrayList<>(inherited);
        Map<String, List<Integer>> deeper = new HashMap<>();
        for (int route : here) {
            List<String> needed = segments.get(route);
            if (needed.size() == depth) {
                candidates.add(route);
            } else {
                deeper.computeIfAbsent(needed.get(depth), segment -> new ArrayList<>()).add(route);
            }
        }
        candidates.sort(null);
        Map<String, PathTrie> children = new HashMap<>();
        deeper.forEach((segment, routes) -> children.put(segment, build(segments, depth + 1, candidates, routes)));
        return new PathTrie(Map.copyOf(children), candidates.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The routes that may match {@code path}, in route order. */
    int[] candidates(String path) {
        PathTrie node = this;
        int start = 1;
        while (!node.children.isEmpty() && start <= path.length()) {
            int end = path.indexOf('/', start);
            end = end < 0 ? path.length() : end;
            PathTrie child = node.children.get(path.substring(start, end));
            if (child == null) {
                break;
            }
            node = child;
            start = end + 1;
        }
        return node.candidates;
    }

    /** The segments of a literal path: "/api/v1" is [api, v1], "/" and "" are []. */
    static List<String> segments(String path) {
        if (path.isEmpty() || path.equals("/")) {
            return List.of();
        }
        return List.of(path.substring(1).split("/", -1));
    }
}
