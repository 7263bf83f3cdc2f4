package dev.peernet.app.api;

import dev.peernet.doctor.DoctorReport;
import java.util.List;

/**
 * {@code GET /api/v1/doctor}: what {@code peernet doctor} found, as {@link DoctorReport} with
 * nulls where the report has empty optionals.
 */
public record DoctorResponse(
        List<Interface> interfaces, List<Listening> listening, List<Peer> peers, List<Problem> problems) {

    /**
     * @param addresses each {@code address/prefix-length}
     * @param mdnsWorks whether the node heard its own announcement there; null when discovery does
     *     not use the interface
     */
    public record Interface(
            String name, boolean up, boolean loopback, List<String> addresses, boolean discovery, Boolean mdnsWorks) {}

    public record Listening(String address, boolean reachable, String detail) {}

    public record Peer(String peer, String address, boolean reachable, Double rttMs, String detail) {}

    public record Problem(String what, String fix) {}

    public static DoctorResponse of(DoctorReport r) {
        return new DoctorResponse(
                r.interfaces().stream()
                        .map(i -> new Interface(
                                i.name(),
                                i.up(),
                                i.loopback(),
                                i.addresses(),
                                i.discovery(),
                                i.mdnsWorks().orElse(null)))
                        .toList(),
                r.listening().stream()
                        .map(l -> new Listening(l.address(), l.reachable(), l.detail()))
                        .toList(),
                r.peers().stream()
                        .map(p -> new Peer(
                                p.peer(), p.address(), p.reachable(), p.rttMs().orElse(null), p.detail()))
                        .toList(),
                r.problems().stream().map(p -> new Problem(p.what(), p.fix())).toList());
    }
}
