package dev.peernet.liveness;

import dev.peernet.identity.PeerId;
import java.util.ArrayList;
import java.util.List;

/** Captures what a {@link Swim} sends, in order; delivers nothing. */
final class RecordingTransport implements SwimTransport {
    record Sent(PeerId to, SwimMessage message) {}

    private final List<Sent> sent = new ArrayList<>();

    @Override
    public void send(PeerId to, SwimMessage message) {
        sent.add(new Sent(to, message));
    }

    List<Sent> sent() {
        return List.copyOf(sent);
    }

    /** What was sent since the last call, and forgets it. */
    List<Sent> drain() {
        List<Sent> out = List.copyOf(sent);
        sent.clear();
        return out;
    }

    /** What was sent since the last call, of one message type; forgets everything. */
    List<Sent> drainOf(Class<? extends SwimMessage> type) {
        return drain().stream().filter(s -> type.isInstance(s.message())).toList();
    }

    <T extends SwimMessage> List<T> drain(Class<T> type) {
        return drain().stream()
                .map(Sent::message)
                .filter(type::isInstance)
                .map(type::cast)
                .toList();
    }
}
