package io.junction.server.metrics

import com.codahale.metrics.Clock
import spock.lang.Specification

import java.util.concurrent.TimeUnit

class TimersSpec extends Specification {

    static final long SECOND = TimeUnit.SECONDS.toNanos(1)

    /** A clock the spec moves, counting how often it is read. */
    static class ManualClock extends Clock {
        long now
        int reads

        @Override
        long getTick() {
            reads++
            now
        }
    }

    ManualClock clock = new ManualClock()
    def timer = Timers.timer(clock, new LatencyReservoir({ clock.now }))

    def "an update reads no clock and counts once: count #updates and #updates / 10 a second after #updates updates in 10 s"() {
        given:
        int readsBefore = clock.reads

        when:
        updates.times { timer.update(it + 1, TimeUnit.MILLISECONDS) }
        int readsByUpdates = clock.reads - readsBefore
        clock.now += 10 * SECOND

        then:
        readsByUpdates == 0
        timer.count == updates
        timer.meanRate == updates / 10
        timer.snapshot.max >= (updates - 1) * 1_000_000L

        where:
        updates || _
        1       || _
        1_000   || _
    }

    def "the #rate rate is an average over #window s: 100/s, then 60 s of 1,000/s make it #expected (read every #readEvery s)"() {
        when: '100 s of 100 requests a second, then 60 s of 1,000'
        traffic(100, 100, readEvery)
        read(timer, rate)
        traffic(60, 1_000, readEvery)

        then: 'what an exponentially weighted average with 5 s ticks gives: 1,000 - 900 e^(-60/window)'
        Math.abs(read(timer, rate) - expected) < 0.01

        where:
        rate  | window | readEvery || expected
        'm1'  | 60     | 1         || 1_000 - 900 * Math.exp(-1)
        'm1'  | 60     | 60        || 1_000 - 900 * Math.exp(-1)
        'm5'  | 300    | 5         || 1_000 - 900 * Math.exp(-0.2)
        'm15' | 900    | 60        || 1_000 - 900 * Math.exp(-60 / 900d)
    }

    def "a rate not read for ten minutes of steady traffic is that traffic's rate: #rate"() {
        when:
        traffic(600, 500, 0)

        then:
        Math.abs(read(timer, rate) - 500) < 0.01

        where:
        rate << ['m1', 'm5', 'm15']
    }

    def "before the first 5 s tick every rate reads 0"() {
        when:
        traffic(4, 1_000, 1)

        then:
        read(timer, 'm1') == 0
        read(timer, 'm15') == 0
    }

    /** {@code seconds} of {@code perSecond} updates, the rate read every {@code readEvery} s (0: never). */
    private void traffic(int seconds, int perSecond, int readEvery) {
        for (int second = 1; second <= seconds; second++) {
            perSecond.times { timer.update(1, TimeUnit.MILLISECONDS) }
            clock.now += SECOND
            if (readEvery > 0 && second % readEvery == 0) {
                read(timer, 'm1')
            }
        }
    }

    private static double read(metered, String rate) {
        switch (rate) {
            case 'm1': return metered.oneMinuteRate
            case 'm5': return metered.fiveMinuteRate
            default: return metered.fifteenMinuteRate
        }
    }
}
