package io.junction.e2e.tls

/** nghttp2's h2load: 2000 requests as 100 concurrent streams on each of 2 connections (h2 over https, h2c over http). */
class H2load {

    static final String ALL_SUCCEEDED = 'requests: 2000 total, 2000 started, 2000 done, 2000 succeeded, 0 failed'

    /** The report of a run that exited 0. */
    static String run(String url) {
        def process = new ProcessBuilder('h2load', '-n', '2000', '-c', '2', '-m', '100', url).redirectErrorStream(true).start()
        def output = process.inputStream.text
        assert process.waitFor() == 0: output
        output
    }
}
