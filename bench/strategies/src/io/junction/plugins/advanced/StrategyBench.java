package io.junction.plugins.advanced;

import io.junction.api.Backend;
import io.junction.api.Balancer;
import io.junction.api.BalancingStrategy;
import io.junction.api.Candidates;
import io.junction.api.Options;
import io.junction.api.Outcome;
import io.junction.api.PoolContext;
import io.junction.api.RequestView;
import io.junction.plugins.basic.RoundRobinStrategy;
import io.junction.plugins.basic.WeightedRoundRobinStrategy;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.function.LongSupplier;

/**
 * Measures the strategies against the figures in docs/strategies.md: key balance, keys moved on a change, bounded
 * loads under Zipf(1), the smooth WRR sequence, p99 in a simulated pool with one slow backend, and ns per pick.
 * A plain main, not a unit test: run by bench/strategies/run.sh. It lives in the plugin's package only to hand
 * peak-ewma a simulated clock.
 */
public final class StrategyBench {

    private static final int KEYS = 1_000_000;
    private static final String[] ALGORITHMS = {"maglev", "ring", "rendezvous"};

    public static void main(String[] args) {
        balanceAndMoves();
        boundedZipf();
        smoothSequence();
        latency();
        pickCost();
    }

    // ---- consistent hashing ----

    private static void balanceAndMoves() {
        System.out.println("## Consistent hashing: 10 backends, 1M keys");
        System.out.println("| algorithm | max/avg | moved on add (ideal 9.09%) | x ideal | moved on remove (ideal 10%) | x ideal | moved between survivors |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (String algorithm : ALGORITHMS) {
            Map<String, String> options = Map.of("key", "header:X-User", "algorithm", algorithm);
            int[] ten = owners(pool(10, options));
            int[] eleven = owners(pool(11, options));
            int[] nine = owners(pool(9, options));
            int[] load = new int[10];
            int addMoved = 0, removeMoved = 0, between = 0;
            for (int k = 0; k < KEYS; k++) {
                load[ten[k]]++;
                addMoved += ten[k] != eleven[k] ? 1 : 0;
                if (ten[k] != nine[k]) {
                    removeMoved++;
                    between += ten[k] != 9 ? 1 : 0;   // backend 9 is the one removed: its keys must move, others must not
                }
            }
            double maxAvg = Arrays.stream(load).max().orElseThrow() / (KEYS / 10.0);
            double add = addMoved / (double) KEYS, remove = removeMoved / (double) KEYS;
            System.out.printf("| %s | %.4f | %.2f%% | %.3f | %.2f%% | %.3f | %.3f%% |%n", algorithm, maxAvg, 100 * add, add / (1 / 11.0),
                    100 * remove, remove / 0.1, 100.0 * between / KEYS);
        }
    }

    private static int[] owners(SimPool pool) {
        Balancer balancer = new ConsistentHashStrategy().create(pool);
        KeyRequest request = new KeyRequest();
        int[] owners = new int[KEYS];
        for (int k = 0; k < KEYS; k++) {
            request.key = "user-" + k;
            owners[k] = ((SimBackend) balancer.pick(pool, request)).index;
        }
        return owners;
    }

    private static void boundedZipf() {
        System.out.println();
        System.out.println("## Bounded loads 1.25, Zipf(1) over 100k keys, 1M requests, 1000 in flight, 10 backends");
        System.out.println("| algorithm | cap (ceil 1.25 x avg) | highest in flight | unbounded highest | requests off their first choice |");
        System.out.println("|---|---|---|---|---|");
        int inFlight = 1000;
        for (String algorithm : ALGORITHMS) {
            int[] highest = new int[2];
            long offFirst = 0;
            SimPool bounded = pool(10, Map.of("key", "header:X-User", "algorithm", algorithm, "bound", "1.25"));
            SimPool plain = pool(10, Map.of("key", "header:X-User", "algorithm", algorithm));
            Balancer withBound = new ConsistentHashStrategy().create(bounded);
            Balancer without = new ConsistentHashStrategy().create(plain);
            Random random = new Random(42);
            double[] cumulative = zipf(100_000);
            SimBackend[][] window = new SimBackend[2][inFlight];
            KeyRequest request = new KeyRequest();
            for (int r = 0; r < 1_000_000; r++) {
                int slot = r % inFlight;
                request.key = "user-" + Math.abs(Arrays.binarySearch(cumulative, random.nextDouble()) + 1);
                SimBackend first = (SimBackend) without.pick(plain, request);
                for (int p = 0; p < 2; p++) {
                    Balancer balancer = p == 0 ? withBound : without;
                    SimPool pool = p == 0 ? bounded : plain;
                    if (window[p][slot] != null) {
                        window[p][slot].active--;
                        balancer.done(window[p][slot], Outcome.RESPONDED, 1, 1);
                    }
                    SimBackend picked = p == 0 ? (SimBackend) balancer.pick(pool, request) : first;
                    picked.active++;
                    window[p][slot] = picked;
                    highest[p] = Math.max(highest[p], picked.active);
                    if (p == 0 && picked.index != first.index) {
                        offFirst++;
                    }
                }
            }
            System.out.printf("| %s | %d | %d | %d | %.1f%% |%n", algorithm, (int) Math.ceil(1.25 * inFlight / 10), highest[0], highest[1],
                    100.0 * offFirst / 1_000_000);
        }
    }

    private static double[] zipf(int keys) {
        double[] cumulative = new double[keys];
        double sum = 0;
        for (int k = 0; k < keys; k++) {
            sum += 1.0 / (k + 1);
            cumulative[k] = sum;
        }
        for (int k = 0; k < keys; k++) {
            cumulative[k] /= sum;
        }
        return cumulative;
    }

    private static void smoothSequence() {
        System.out.println();
        SimPool pool = weighted(new int[]{5, 1, 1}, Map.of());
        Balancer balancer = new WeightedRoundRobinStrategy().create(pool);
        StringBuilder sequence = new StringBuilder();
        for (int i = 0; i < 14; i++) {
            sequence.append((char) ('a' + ((SimBackend) balancer.pick(pool, null)).index));
        }
        System.out.println("## Smooth WRR {5,1,1}: " + sequence + " (nginx: aabacaa aabacaa)");
    }

    // ---- latency simulation ----

    /** Finagle/Envoy-style setting: 10 backends x 4 workers, exponential service 10 ms, one backend 10x slower. */
    private static void latency() {
        System.out.println();
        System.out.println("## Latency simulation: 10 backends x 4 workers, exp(10 ms), one at 100 ms; p99 in ms (x all-healthy p99)");
        System.out.println("| strategy | load | healthy p99 | one slow p99 | x healthy |");
        System.out.println("|---|---|---|---|---|");
        for (String id : List.of("round-robin", "random", "least-connections", "p2c", "peak-ewma")) {
            for (double load : new double[]{0.3, 0.7}) {
                double healthy = simulate(id, load, false);
                double slow = simulate(id, load, true);
                System.out.printf("| %s | %.0f%% | %.1f | %s | %s |%n", id, load * 100, healthy,
                        Double.isInfinite(slow) ? "unstable" : String.format("%.1f", slow),
                        Double.isInfinite(slow) ? "-" : String.format("%.2f", slow / healthy));
            }
        }
    }

    private static double simulate(String id, double load, boolean oneSlow) {
        long[] now = {0};
        LongSupplier clock = () -> now[0];
        BalancingStrategy strategy = switch (id) {
            case "round-robin" -> new RoundRobinStrategy();
            case "random" -> new RandomStrategy(clock);
            case "least-connections" -> new LeastConnectionsStrategy(clock);
            case "p2c" -> new PowerOfTwoChoicesStrategy(clock);
            default -> new PeakEwmaStrategy(clock);
        };
        SimPool pool = pool(10, Map.of());
        Balancer balancer = strategy.create(pool);
        Random random = new Random(1);
        int workers = 4, requests = 300_000;
        double meanNanos = 10_000_000;
        double arrivalsPerNano = load * pool.size() * workers / meanNanos;
        int[] busy = new int[pool.size()];
        List<ArrayList<long[]>> queues = new ArrayList<>();
        pool.backends.forEach(b -> queues.add(new ArrayList<>()));
        PriorityQueue<long[]> events = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));   // {time, backend or -1, arrival}
        long[] latencies = new long[requests];
        int finished = 0;
        long nextArrival = 0;
        for (int r = 0; r < requests; r++) {
            nextArrival += (long) (-Math.log(1 - random.nextDouble()) / arrivalsPerNano);
            events.add(new long[]{nextArrival, -1, nextArrival});
        }
        while (!events.isEmpty()) {
            long[] event = events.poll();
            now[0] = event[0];
            if (event[1] < 0) {
                SimBackend backend = (SimBackend) balancer.pick(pool, null);
                backend.active++;
                queues.get(backend.index).add(new long[]{event[2]});
            } else {
                SimBackend backend = pool.backends.get((int) event[1]);
                backend.active--;
                busy[backend.index]--;
                long latency = now[0] - event[2];
                balancer.done(backend, Outcome.RESPONDED, latency, latency);
                latencies[finished++] = latency;
                if (queues.get(backend.index).size() > 20_000) {
                    return Double.POSITIVE_INFINITY;   // the queue only grows: no p99 to speak of
                }
            }
            for (SimBackend backend : pool.backends) {
                ArrayList<long[]> queue = queues.get(backend.index);
                while (busy[backend.index] < workers && !queue.isEmpty()) {
                    long[] waiting = queue.remove(0);
                    double mean = oneSlow && backend.index == 0 ? meanNanos * 10 : meanNanos;
                    busy[backend.index]++;
                    events.add(new long[]{now[0] + (long) (-Math.log(1 - random.nextDouble()) * mean), backend.index, waiting[0]});
                }
            }
        }
        Arrays.sort(latencies, 0, finished);
        return latencies[(int) (finished * 0.99)] / 1e6;
    }

    // ---- pick cost ----

    private static void pickCost() {
        System.out.println();
        System.out.println("## ns per pick (one thread, 10 backends, after warm-up; target < 100 ns for round-robin, p2c, maglev)");
        System.out.println("| strategy | ns/pick |");
        System.out.println("|---|---|");
        Map<String, Balancer> balancers = new java.util.LinkedHashMap<>();
        SimPool pool = pool(10, Map.of("key", "header:X-User"));
        balancers.put("round-robin", new RoundRobinStrategy().create(pool));
        balancers.put("weighted-round-robin", new WeightedRoundRobinStrategy().create(pool));
        balancers.put("random", new RandomStrategy().create(pool(10, Map.of())));
        balancers.put("least-connections", new LeastConnectionsStrategy().create(pool(10, Map.of())));
        balancers.put("p2c", new PowerOfTwoChoicesStrategy().create(pool(10, Map.of())));
        balancers.put("peak-ewma", new PeakEwmaStrategy().create(pool(10, Map.of())));
        for (String algorithm : ALGORITHMS) {
            balancers.put("consistent-hash " + algorithm,
                    new ConsistentHashStrategy().create(pool(10, Map.of("key", "header:X-User", "algorithm", algorithm))));
        }
        KeyRequest request = new KeyRequest();
        request.key = "user-12345";
        balancers.forEach((name, balancer) -> {
            long best = Long.MAX_VALUE;
            for (int round = 0; round < 7; round++) {
                long start = System.nanoTime();
                int sink = 0;
                for (int i = 0; i < 2_000_000; i++) {
                    sink += ((SimBackend) balancer.pick(pool, request)).index;
                }
                best = Math.min(best, System.nanoTime() - start);
                if (sink == -1) {
                    System.out.println(sink);
                }
            }
            System.out.printf("| %s | %.1f |%n", name, best / 2_000_000.0);
        });
    }

    // ---- a pool without a server ----

    /** Also the pool of bench/jmh's PickBenchmark. */
    static SimPool pool(int size, Map<String, String> options) {
        int[] weights = new int[size];
        Arrays.fill(weights, 1);
        return weighted(weights, options);
    }

    private static SimPool weighted(int[] weights, Map<String, String> options) {
        List<SimBackend> backends = new ArrayList<>();
        for (int i = 0; i < weights.length; i++) {
            backends.add(new SimBackend(i, weights[i]));
        }
        return new SimPool(backends, Options.of(options));
    }

    static final class SimPool implements PoolContext, Candidates {
        final List<SimBackend> backends;
        final Options options;

        SimPool(List<SimBackend> backends, Options options) {
            this.backends = backends;
            this.options = options;
        }

        @Override public String name() { return "bench"; }
        @Override public Options options() { return options; }
        @Override public List<Backend> backends() { return List.copyOf(backends); }
        @Override public int size() { return backends.size(); }
        @Override public Backend get(int index) { return backends.get(index); }
        @Override public boolean isEligible(int index) { return true; }
    }

    static final class SimBackend implements Backend {
        final int index;
        final int weight;
        int active;

        SimBackend(int index, int weight) {
            this.index = index;
            this.weight = weight;
        }

        @Override public String id() { return "http://10.0.0." + index + ":8080"; }
        @Override public URI uri() { return URI.create(id()); }
        @Override public int weight() { return weight; }
        @Override public int activeRequests() { return active; }
    }

    static final class KeyRequest implements RequestView {
        String key;

        @Override public String method() { return "GET"; }
        @Override public String host() { return ""; }
        @Override public String path() { return "/"; }
        @Override public String query() { return ""; }
        @Override public String header(String name) { return key; }
        @Override public String remoteAddress() { return "127.0.0.1"; }
    }
}
