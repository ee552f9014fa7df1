package io.junction.e2e.admin

/**
 * A strict reader of the Prometheus text exposition format (0.0.4), since the Java client 1.4.3 ships
 * writers only: every line is a HELP, a TYPE or a sample; a sample belongs to a family whose TYPE came
 * before it (directly, or through the suffix its type allows), labels are well formed and unique,
 * values are numbers, and no series appears twice. Anything else fails the parse with the line.
 */
class PrometheusText {

    static final String NAME = /[a-zA-Z_:][a-zA-Z0-9_:]*/
    static final String LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\[\\"n])*)"/
    /** The sample names a family of each type may have in 0.0.4 (a counter's samples carry its name as is). */
    static final Map<String, List<String>> SUFFIXES = [
            counter: [''], gauge: [''], untyped: [''], summary: ['', '_sum', '_count'], histogram: ['_bucket', '_sum', '_count']]

    static class Sample {
        String name
        Map<String, String> labels
        double value
    }

    final Map<String, String> types = [:]
    final List<Sample> samples = []

    static PrometheusText parse(String text) {
        def parsed = new PrometheusText()
        Set<String> series = []
        text.readLines().eachWithIndex { String line, int index ->
            String where = "line ${index + 1}: '$line'"
            if (line.startsWith('# HELP ')) {
                assert line ==~ /# HELP $NAME( .*)?/, where
            } else if (line.startsWith('# TYPE ')) {
                def type = line =~ /^# TYPE ($NAME) (counter|gauge|summary|histogram|untyped)$/
                assert type.matches(), where
                assert !parsed.types.containsKey(type.group(1)), "$where: family declared twice"
                parsed.types[type.group(1)] = type.group(2)
            } else {
                Sample sample = sample(line, where)
                assert parsed.family(sample.name), "$where: no TYPE declared for it"
                assert series.add(sample.name + sample.labels), "$where: series repeated"
                parsed.samples << sample
            }
        }
        parsed
    }

    private static Sample sample(String line, String where) {
        def parts = line =~ /^($NAME)(?:\{(.*)\})? (\S+)$/
        assert parts.matches(), where
        String labelText = parts.group(2) ?: ''
        Map<String, String> labels = [:]
        def label = labelText =~ /\G$LABEL(,|$)/
        int end = 0
        while (label.find()) {
            assert !labels.containsKey(label.group(1)), "$where: label repeated"
            labels[label.group(1)] = label.group(2)
            end = label.end()
        }
        assert end == labelText.length(), "$where: malformed labels"
        String value = parts.group(3)
        assert value in ['+Inf', '-Inf', 'NaN'] || value ==~ /-?[0-9.]+([eE][-+]?[0-9]+)?/, "$where: not a number"
        new Sample(name: parts.group(1), labels: labels, value: value == '+Inf' ? Double.POSITIVE_INFINITY
                : value == '-Inf' ? Double.NEGATIVE_INFINITY : Double.parseDouble(value))
    }

    /** The declared family a sample name belongs to, or null. */
    String family(String sampleName) {
        types.find { family, type -> SUFFIXES[type].any { sampleName == family + it } }?.key
    }

    /** The samples named {@code name} whose labels include {@code labels}. */
    List<Sample> samples(String name, Map<String, String> labels = [:]) {
        samples.findAll { it.name == name && it.labels.entrySet().containsAll(labels.entrySet()) }
    }

    double value(String name, Map<String, String> labels) {
        def found = samples(name, labels)
        assert found.size() == 1, "$name$labels: ${found.size()} samples"
        found[0].value
    }
}
