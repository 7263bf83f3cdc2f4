package dev.peernet.discovery;

import dev.peernet.identity.PeerId;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * A node's discovery alone, run in a lab host by the namespace tests. Arguments: interface, name,
 * port, network ID ("-" for none), TTL seconds. Prints one line per fact to stdout:
 *
 * <pre>
 * STARTING millis          just before Discovery.start
 * STARTED millis id        once it returned
 * APPEARED millis name id net version addresses
 * UPDATED millis name id net version addresses
 * GONE millis name id reason
 * IFACE name used selfHeard
 * STOPPED millis
 * </pre>
 *
 * Reads commands from stdin: {@code net X} announces network X, {@code status} prints the
 * interfaces, {@code stop} (or end of input) closes discovery and exits.
 */
public final class DiscoveryProbeMain {
    private DiscoveryProbeMain() {}

    public static void main(String[] args) throws IOException {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        byte[] key = new byte[PeerId.KEY_BYTES];
        new SecureRandom().nextBytes(key);
        String net = args[3].equals("-") ? "" : args[3];
        var self = new Announcement(args[1], PeerId.ofKeyBytes(key), net, 1, Integer.parseInt(args[2]));
        var config =
                DiscoveryConfig.onInterfaces(List.of(args[0])).withTtl(Duration.ofSeconds(Long.parseLong(args[4])));
        // A node has its logging set up long before it starts discovery; here that first use of
        // logback costs 0.4-0.7 s, which would otherwise count as discovery's start-up time.
        LoggerFactory.getLogger(DiscoveryProbeMain.class).debug("probe for {}", self);
        out.println("STARTING " + System.currentTimeMillis());
        try (Discovery discovery = Discovery.start(config, self)) {
            out.println("STARTED " + System.currentTimeMillis() + " " + self.id());
            discovery.addListener(e -> out.println(line(e)));
            var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String command = in.readLine(); command != null && !command.equals("stop"); command = in.readLine()) {
                if (command.startsWith("net ")) {
                    discovery.announce(discovery.self().withNetworkId(command.substring(4)));
                } else if (command.equals("status")) {
                    discovery
                            .interfaces()
                            .forEach(s ->
                                    out.println("IFACE " + s.name() + " " + s.usedByDiscovery() + " " + s.selfHeard()));
                }
            }
        }
        out.println("STOPPED " + System.currentTimeMillis());
    }

    private static String line(DiscoveryEvent event) {
        long now = System.currentTimeMillis();
        return switch (event) {
            case DiscoveryEvent.Appeared(NearbyPeer p) -> "APPEARED " + now + " " + describe(p);
            case DiscoveryEvent.Updated(NearbyPeer old, NearbyPeer p) -> "UPDATED " + now + " " + describe(p);
            case DiscoveryEvent.Gone(NearbyPeer p, DiscoveryEvent.Reason reason) ->
                "GONE " + now + " " + p.name() + " " + p.id() + " " + reason;
        };
    }

    private static String describe(NearbyPeer p) {
        return p.name() + " " + p.id() + " " + (p.networkId().isEmpty() ? "-" : p.networkId()) + " "
                + p.protocolVersion() + " " + p.addresses();
    }
}
