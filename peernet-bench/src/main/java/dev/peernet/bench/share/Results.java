package dev.peernet.bench.share;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * What a run of the benchmark found: the timed samples of each series (a system in a case, such as
 * {@code big/peernet}), why a series has none, and facts about the setup.
 */
final class Results {
    static final String BIG = "big";
    static final String SMALL = "small";

    private final Map<String, List<Sample>> samples = new LinkedHashMap<>();
    private final Map<String, String> missing = new LinkedHashMap<>();
    private final Map<String, Object> facts = new LinkedHashMap<>();

    static String key(String kase, String system) {
        return kase + "/" + system;
    }

    /** The series of case 3 with {@code n} sources. */
    static String sources(int n) {
        return key("sources-" + n, "peernet");
    }

    void add(String series, Sample sample) {
        samples.computeIfAbsent(series, k -> new ArrayList<>()).add(sample);
    }

    /** Records why {@code series} has no figure (kept only if it has no samples, first reason wins). */
    void missing(String series, String why) {
        missing.putIfAbsent(series, why);
    }

    void fact(String name, Object value) {
        facts.put(name, value);
    }

    List<Sample> samples(String series) {
        return samples.getOrDefault(series, List.of());
    }

    /** Why the series has no usable figure, if so: it failed (even after some runs) or never ran. */
    Optional<String> why(String series) {
        if (missing.containsKey(series)) {
            return Optional.of(missing.get(series));
        }
        return samples(series).isEmpty() ? Optional.of("not run") : Optional.empty();
    }

    /** The median of {@code value} over the series' samples, or empty if it has none or failed. */
    Optional<Double> median(String series, ToDoubleFunction<Sample> value) {
        if (why(series).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(
                median(samples(series).stream().mapToDouble(value).sorted().toArray()));
    }

    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    Map<String, List<Sample>> allSamples() {
        return samples;
    }

    Map<String, String> allMissing() {
        return missing;
    }

    /** A numeric fact, if it was recorded. */
    Optional<Double> number(String name) {
        return facts.get(name) instanceof Number n ? Optional.of(n.doubleValue()) : Optional.empty();
    }

    Map<String, Object> facts() {
        return facts;
    }
}
