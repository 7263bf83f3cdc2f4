package dev.peernet.bench.share;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The transfer engine's own start and end of a transfer, from {@code peernet transfers --json},
 * which leaves out the CLI's start-up. That command is being written alongside this benchmark, so
 * its shape is read leniently: an array of transfers (or an object holding one), the transfer whose
 * destination is the one asked for, and its first fields whose names begin with "start" and with
 * "finish" or "end", as ISO-8601 times or epoch milliseconds. Anything else gives no figure.
 */
final class TransferTimes {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TransferTimes() {}

    /** Seconds from start to end of the transfer to {@code dest} in {@code json}, if it says so. */
    static Optional<Double> seconds(String json, Path dest) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            return Optional.empty();
        }
        JsonNode list = root.isArray() ? root : firstArray(root);
        if (list == null) {
            return Optional.empty();
        }
        for (JsonNode t : list) {
            if (names(t, dest)) {
                Optional<Instant> start = time(t, "start");
                Optional<Instant> end = time(t, "finish").or(() -> time(t, "end"));
                if (start.isPresent() && end.isPresent()) {
                    return Optional.of(Duration.between(start.get(), end.get()).toNanos() / 1e9);
                }
            }
        }
        return Optional.empty();
    }

    private static JsonNode firstArray(JsonNode object) {
        for (JsonNode value : object) {
            if (value.isArray()) {
                return value;
            }
        }
        return null;
    }

    /** Whether some text field of the transfer is {@code dest}. */
    private static boolean names(JsonNode transfer, Path dest) {
        for (JsonNode value : transfer) {
            if (value.isTextual() && value.asText().equals(dest.toString())) {
                return true;
            }
        }
        return false;
    }

    private static Optional<Instant> time(JsonNode transfer, String prefix) {
        for (Map.Entry<String, JsonNode> field : transfer.properties()) {
            if (field.getKey().toLowerCase(Locale.ROOT).startsWith(prefix)) {
                return instant(field.getValue());
            }
        }
        return Optional.empty();
    }

    private static Optional<Instant> instant(JsonNode value) {
        if (value.isIntegralNumber()) {
            return Optional.of(Instant.ofEpochMilli(value.asLong()));
        }
        if (!value.isTextual()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(value.asText()).toInstant());
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(Instant.parse(value.asText()));
            } catch (DateTimeParseException again) {
                return Optional.empty();
            }
        }
    }
}
