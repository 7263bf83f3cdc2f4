package dev.peernet.node;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Everything a node needs to start. Build with {@link #builder(Path)}; every setting but the state
 * directory has a default.
 *
 * @param stateDir where the identity key and node state live
 * @param name display name sent to peers
 * @param listen addresses to listen on; empty means the default port on all interfaces, falling back
 *     to a free port when it is taken
 * @param peers static peers, dialled at start and redialled with backoff whenever disconnected
 * @param discovery whether LAN discovery (DNS-SD over mDNS) runs
 * @param interfaces the interfaces discovery uses, by name; empty means every up, non-loopback,
 *     multicast-capable one
 * @param liveness whether the failure detector (SWIM) runs, probing members and connecting to
 *     them; off only in tests of connections themselves
 * @param networkSecretFile a file holding the network passphrase: any node that proves it knows
 *     the passphrase is admitted, and this node joins nearby networks that share it
 * @param timeouts keepalive, dead-peer, idle and handshake timeouts
 * @param sharing upload limit and how files sent to this node are taken
 * @param maxHalfOpenPerAddress how many unfinished inbound handshakes one remote IP may hold
 * @param initialWindow per-stream receive window granted to peers, in bytes
 * @param clock wall clock for timestamps shown to users
 * @param random randomness for backoff jitter
 */
public record NodeConfig(
        Path stateDir,
        String name,
        List<InetSocketAddress> listen,
        List<HostPort> peers,
        boolean discovery,
        List<String> interfaces,
        boolean liveness,
        Optional<Path> networkSecretFile,
        Timeouts timeouts,
        Sharing sharing,
        int maxHalfOpenPerAddress,
        int initialWindow,
        InstantSource clock,
        RandomGenerator random) {

    /** The port a node listens on when no {@code --listen} is given. */
    public static final int DEFAULT_PORT = 7707;

    public NodeConfig {
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(name, "name");
        listen = List.copyOf(listen);
        peers = List.copyOf(peers);
        interfaces = List.copyOf(interfaces);
        Objects.requireNonNull(networkSecretFile, "networkSecretFile");
        Objects.requireNonNull(timeouts, "timeouts");
        Objects.requireNonNull(sharing, "sharing");
        if (maxHalfOpenPerAddress < 1) {
            throw new IllegalArgumentException("maxHalfOpenPerAddress must be at least 1");
        }
        if (initialWindow < 64 * 1024) {
            throw new IllegalArgumentException("initialWindow must be at least 64 KiB");
        }
    }

    public static Builder builder(Path stateDir) {
        return new Builder(stateDir);
    }

    /**
     * Connection timing.
     *
     * @param keepalive how often an otherwise quiet connection is pinged (and its RTT measured)
     * @param dead a connection that receives nothing for this long is closed as dead
     * @param idle a connection with no stream activity for this long is closed; zero keeps it
     * @param handshake TLS plus hello must finish within this time
     */
    public record Timeouts(Duration keepalive, Duration dead, Duration idle, Duration handshake) {
        /** 10 s keepalive, dead after 30 s of silence (three missed pongs), never idle-closed, 10 s handshake. */
        public static final Timeouts DEFAULTS =
                new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ZERO, Duration.ofSeconds(10));

        public Timeouts {
            if (keepalive.isNegative() || keepalive.isZero()) {
                throw new IllegalArgumentException("keepalive must be positive");
            }
            if (dead.compareTo(keepalive) <= 0) {
                throw new IllegalArgumentException("the dead timeout must be longer than the keepalive interval");
            }
            if (idle.isNegative() || handshake.isNegative() || handshake.isZero()) {
                throw new IllegalArgumentException("idle must be zero or more and handshake positive");
            }
        }
    }

    /**
     * Sharing settings.
     *
     * @param maxUploadBytesPerSecond the node's upload limit for every member together; 0 means none
     * @param inbox where files sent to this node go; empty means {@code STATE/inbox}
     * @param accept what to do with files members send: auto (the default), ask or refuse
     */
    public record Sharing(long maxUploadBytesPerSecond, Optional<Path> inbox, dev.peernet.send.AcceptPolicy accept) {
        /** No upload limit, the inbox in the state dir, files from members accepted. */
        public static final Sharing DEFAULTS = new Sharing(0, Optional.empty(), dev.peernet.send.AcceptPolicy.AUTO);

        public Sharing {
            if (maxUploadBytesPerSecond < 0) {
                throw new IllegalArgumentException("the upload limit cannot be negative");
            }
            Objects.requireNonNull(inbox, "inbox");
            Objects.requireNonNull(accept, "accept");
        }

        /** The inbox, resolved against the state dir. */
        public Path inboxIn(Path stateDir) {
            return inbox.orElse(stateDir.resolve("inbox"));
        }
    }

    /** Builder with defaults. */
    public static final class Builder {
        private final Path stateDir;
        private String name;
        private List<InetSocketAddress> listen = List.of();
        private List<HostPort> peers = List.of();
        private boolean discovery = true;
        private List<String> interfaces = List.of();
        private Optional<Path> networkSecretFile = Optional.empty();
        private Sharing sharing = Sharing.DEFAULTS;
        private boolean liveness = true;
        private Timeouts timeouts = Timeouts.DEFAULTS;
        private int maxHalfOpenPerAddress = 8;
        private int initialWindow = 4 * 1024 * 1024;
        private InstantSource clock = InstantSource.system();
        private RandomGenerator random = RandomGenerator.getDefault();

        private Builder(Path stateDir) {
            this.stateDir = stateDir;
        }

        private static String defaultName() {
            try {
                return java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.net.UnknownHostException e) {
                return "peernet-node";
            }
        }

        public Builder name(String value) {
            this.name = value;
            return this;
        }

        public Builder listen(List<InetSocketAddress> value) {
            this.listen = value;
            return this;
        }

        public Builder peers(List<HostPort> value) {
            this.peers = value;
            return this;
        }

        public Builder discovery(boolean value) {
            this.discovery = value;
            return this;
        }

        public Builder interfaces(List<String> value) {
            this.interfaces = value;
            return this;
        }

        public Builder liveness(boolean value) {
            this.liveness = value;
            return this;
        }

        public Builder networkSecretFile(Path value) {
            this.networkSecretFile = Optional.of(value);
            return this;
        }

        public Builder timeouts(Timeouts value) {
            this.timeouts = value;
            return this;
        }

        public Builder sharing(Sharing value) {
            this.sharing = value;
            return this;
        }

        public Builder maxHalfOpenPerAddress(int value) {
            this.maxHalfOpenPerAddress = value;
            return this;
        }

        public Builder initialWindow(int value) {
            this.initialWindow = value;
            return this;
        }

        public Builder clock(InstantSource value) {
            this.clock = value;
            return this;
        }

        public Builder random(RandomGenerator value) {
            this.random = value;
            return this;
        }

        public NodeConfig build() {
            return new NodeConfig(
                    stateDir,
                    name != null ? name : defaultName(),
                    listen,
                    peers,
                    discovery,
                    interfaces,
                    liveness,
                    networkSecretFile,
                    timeouts,
                    sharing,
                    maxHalfOpenPerAddress,
                    initialWindow,
                    clock,
                    random);
        }
    }
}
