package dev.peernet.app.daemon;

import dev.peernet.node.HostPort;
import dev.peernet.node.NodeConfig;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How to run a daemon: the node's configuration and where the control API listens.
 *
 * @param stateDir where the node's identity and {@code control.json} live
 * @param name the node's display name, or empty for the host name
 * @param listen node listen addresses; empty means the node's default port
 * @param api where the control API listens, or empty for {@link #DEFAULT_API} (with a fallback to
 *     a free port when that one is taken)
 * @param peers static peers to dial
 * @param discovery whether LAN discovery may run
 * @param interfaces the interfaces discovery uses; empty means every suitable one
 * @param networkSecretFile holds the network passphrase, for the zero-touch option
 * @param timeouts connection timing
 * @param sharing upload limit, inbox and the policy for incoming files
 * @param clock the wall clock for uptime
 */
public record DaemonSettings(
        Path stateDir,
        Optional<String> name,
        List<InetSocketAddress> listen,
        Optional<HostPort> api,
        List<HostPort> peers,
        boolean discovery,
        List<String> interfaces,
        Optional<Path> networkSecretFile,
        NodeConfig.Timeouts timeouts,
        NodeConfig.Sharing sharing,
        InstantSource clock) {

    /** 7708: next to the node's default port 7707, and on loopback only. */
    public static final HostPort DEFAULT_API = new HostPort("127.0.0.1", 7708);

    public DaemonSettings {
        Objects.requireNonNull(stateDir, "stateDir");
        listen = List.copyOf(listen);
        peers = List.copyOf(peers);
    }

    /** Defaults for everything but the state directory. */
    public static DaemonSettings defaults(Path stateDir) {
        return new DaemonSettings(
                stateDir,
                Optional.empty(),
                List.of(),
                Optional.empty(),
                List.of(),
                true,
                List.of(),
                Optional.empty(),
                NodeConfig.Timeouts.DEFAULTS,
                NodeConfig.Sharing.DEFAULTS,
                InstantSource.system());
    }

    public DaemonSettings withListen(List<InetSocketAddress> value) {
        return new DaemonSettings(
                stateDir, name, value, api, peers, discovery, interfaces, networkSecretFile, timeouts, sharing, clock);
    }

    public DaemonSettings withApi(HostPort value) {
        return new DaemonSettings(
                stateDir,
                name,
                listen,
                Optional.of(value),
                peers,
                discovery,
                interfaces,
                networkSecretFile,
                timeouts,
                sharing,
                clock);
    }

    public DaemonSettings withDiscovery(boolean value) {
        return new DaemonSettings(
                stateDir, name, listen, api, peers, value, interfaces, networkSecretFile, timeouts, sharing, clock);
    }

    public DaemonSettings withName(String value) {
        return new DaemonSettings(
                stateDir,
                Optional.of(value),
                listen,
                api,
                peers,
                discovery,
                interfaces,
                networkSecretFile,
                timeouts,
                sharing,
                clock);
    }

    public DaemonSettings withSharing(NodeConfig.Sharing value) {
        return new DaemonSettings(
                stateDir, name, listen, api, peers, discovery, interfaces, networkSecretFile, timeouts, value, clock);
    }

    NodeConfig nodeConfig() {
        NodeConfig.Builder builder = NodeConfig.builder(stateDir)
                .listen(listen)
                .peers(peers)
                .discovery(discovery)
                .interfaces(interfaces)
                .timeouts(timeouts)
                .sharing(sharing)
                .clock(clock);
        name.ifPresent(builder::name);
        networkSecretFile.ifPresent(builder::networkSecretFile);
        return builder.build();
    }
}
