package io.junction.plugins.advanced;

import io.junction.api.Backend;
import io.junction.api.Balancer;
import io.junction.plugins.basic.RoundRobinStrategy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * ns per {@code pick} over 10 backends, one thread, for the strategies with a target of 100 ns (issue 7):
 * round-robin, p2c and consistent-hash with maglev. Run by `bench/strategies/run.sh jmh`; the pools are StrategyBench's.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PickBenchmark {

    @Param({"round-robin", "p2c", "maglev"})
    public String strategy;

    private StrategyBench.SimPool pool;
    private Balancer balancer;
    private final StrategyBench.KeyRequest request = new StrategyBench.KeyRequest();

    @Setup
    public void setUp() {
        request.key = "user-12345";
        pool = StrategyBench.pool(10, strategy.equals("maglev") ? Map.of("key", "header:X-User", "algorithm", "maglev") : Map.of());
        balancer = switch (strategy) {
            case "round-robin" -> new RoundRobinStrategy().create(pool);
            case "p2c" -> new PowerOfTwoChoicesStrategy().create(pool);
            case "maglev" -> new ConsistentHashStrategy().create(pool);
            default -> throw new IllegalArgumentException(strategy);
        };
    }

    @Benchmark
    public Backend pick() {
        return balancer.pick(pool, request);
    }
}
