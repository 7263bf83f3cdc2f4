package dev.peernet.app.cli;

import dev.peernet.app.daemon.ConfigFile;
import dev.peernet.app.daemon.Daemon;
import dev.peernet.app.daemon.DaemonSettings;
import dev.peernet.app.daemon.IdleHeapReturn;
import dev.peernet.node.HostPort;
import dev.peernet.node.NodeConfig;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code peernet up}: runs a node and its control API in the foreground until Ctrl-C or SIGTERM. */
@Command(name = "up", mixinStandardHelpOptions = true, description = "Start a node in the foreground; Ctrl-C stops it.")
final class UpCommand implements Callable<Integer> {
    @ParentCommand
    PeernetCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--name", paramLabel = "NAME", description = "The name peers see (default: the host name).")
    String name;

    @Option(
            names = "--listen",
            paramLabel = "HOST:PORT",
            converter = HostPortConverter.class,
            description = "Listen for peers here; repeatable; port 0 picks a free port "
                    + "(default: port 7707 on all interfaces, or a free port if it is taken).")
    List<HostPort> listen = new ArrayList<>();

    @Option(
            names = "--api",
            paramLabel = "HOST:PORT",
            converter = HostPortConverter.class,
            description = "Serve the control API here, on loopback only "
                    + "(default: 127.0.0.1:7708, or a free port if it is taken).")
    HostPort api;

    @Option(
            names = "--peer",
            paramLabel = "HOST:PORT",
            converter = HostPortConverter.class,
            description = "Dial this peer at start and whenever it disconnects; repeatable.")
    List<HostPort> peers = new ArrayList<>();

    @Option(names = "--no-discovery", description = "Do not look for peers on the local network.")
    boolean noDiscovery;

    @Option(
            names = "--interface",
            paramLabel = "NAME",
            description = "Look for peers on this network interface only; repeatable "
                    + "(default: every up, non-loopback, multicast-capable interface).")
    List<String> interfaces = new ArrayList<>();

    @Option(
            names = "--network-secret-file",
            paramLabel = "FILE",
            description = "Admit any node that proves it knows the passphrase in FILE, "
                    + "and join nearby networks that share it.")
    Path networkSecretFile;

    @Option(
            names = "--max-upload",
            paramLabel = "RATE",
            converter = ByteRateConverter.class,
            description =
                    "Upload at most this fast to all members together, like 50MB/s or 2MiB/s (default: no limit).")
    Long maxUpload;

    @Option(names = "--inbox", paramLabel = "DIR", description = "Put files members send here (default: STATE/inbox).")
    Path inbox;

    @Option(
            names = "--accept",
            paramLabel = "auto|ask|refuse",
            converter = AcceptPolicyConverter.class,
            description = "Files members send: take them (auto, the default), ask first, or refuse them.")
    dev.peernet.send.AcceptPolicy accept;

    @Option(
            names = "--keepalive",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Ping quiet connections this often (default: 10s).")
    Duration keepalive;

    @Option(
            names = "--dead-timeout",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Drop a connection silent for this long (default: 30s).")
    Duration deadTimeout;

    @Option(
            names = "--idle-timeout",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Close a connection without streams for this long; 0s never does (default: 0s).")
    Duration idleTimeout;

    @Override
    public Integer call() throws Exception {
        Logging.daemon();
        Daemon daemon = Daemon.start(settings());
        IdleHeapReturn idleHeap = IdleHeapReturn.start();
        PrintWriter out = spec.commandLine().getOut();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(daemon, idleHeap, out), "peernet-shutdown"));
        out.print(StatusText.banner(
                daemon.node().name(),
                daemon.node().id().toString(),
                daemon.listenAddresses(),
                daemon.apiUrl(),
                daemon.notices()));
        out.flush();
        daemon.awaitStop();
        return ExitCodes.OK;
    }

    private static void stop(Daemon daemon, IdleHeapReturn idleHeap, PrintWriter out) {
        out.println("Stopping the Peernet node...");
        out.flush();
        idleHeap.close();
        daemon.close();
        out.println("Peernet node stopped.");
        out.flush();
    }

    /** The daemon settings these options describe. */
    DaemonSettings settings() {
        NodeConfig.Timeouts defaults = NodeConfig.Timeouts.DEFAULTS;
        NodeConfig.Timeouts timeouts = new NodeConfig.Timeouts(
                Optional.ofNullable(keepalive).orElse(defaults.keepalive()),
                Optional.ofNullable(deadTimeout).orElse(defaults.dead()),
                Optional.ofNullable(idleTimeout).orElse(defaults.idle()),
                defaults.handshake());
        ConfigFile config = ConfigFile.read(parent.stateDir());
        List<HostPort> allPeers = new ArrayList<>(config.peers());
        allPeers.addAll(peers);
        List<HostPort> listening = listen.isEmpty() ? config.listen() : listen;
        return new DaemonSettings(
                parent.stateDir(),
                Optional.ofNullable(name).or(config::name),
                listening.stream().map(UpCommand::resolve).toList(),
                Optional.ofNullable(api).or(config::api),
                allPeers,
                !noDiscovery && config.discovery(),
                interfaces.isEmpty() ? config.interfaces() : interfaces,
                Optional.ofNullable(networkSecretFile).or(config::networkSecretFile),
                timeouts,
                new NodeConfig.Sharing(
                        Optional.ofNullable(maxUpload).or(config::maxUpload).orElse(0L),
                        Optional.ofNullable(inbox)
                                .map(p -> p.toAbsolutePath().normalize())
                                .or(config::inbox),
                        Optional.ofNullable(accept).or(config::accept).orElse(dev.peernet.send.AcceptPolicy.AUTO)),
                InstantSource.system());
    }

    private static InetSocketAddress resolve(HostPort hostPort) {
        InetSocketAddress address = hostPort.toSocketAddress();
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("Cannot resolve the host '" + hostPort.host() + "' to listen on.");
        }
        return address;
    }
}
