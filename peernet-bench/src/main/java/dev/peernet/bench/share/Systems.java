package dev.peernet.bench.share;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The three systems, started once for the whole run. A system that cannot start has its reason
 * recorded for each of its series, and the others go on without it.
 */
final class Systems implements AutoCloseable {
    /** The nc to run; the script names OpenBSD's, whichever nc the system's alternatives pick. */
    static final String NC_PROPERTY = "peernet.bench.nc";

    private final ShareBenchOptions options;
    private final Path work;
    private final Results results;
    private final PrintStream out;
    Netcat nc;
    SyncthingPair syncthing;
    PeernetSide peernet;

    /** Why Peernet cannot run the sources case (with a get), if so. */
    Optional<String> peernetSourcesMissing = Optional.empty();

    Systems(ShareBenchOptions options, Path work, Results results, PrintStream out) {
        this.options = options;
        this.work = work;
        this.results = results;
        this.out = out;
    }

    /** Starts what the options ask for; {@code source} must already hold the payload of cases 1 and 2. */
    void start(Path source, long sourceBytes, Path multiFolder) {
        for (String system : ShareBenchOptions.SYSTEMS) {
            if (!options.runs(system)) {
                missing(system, "not selected (--systems)");
            }
        }
        if (options.runs("nc")) {
            startNc();
        }
        if (options.runs("syncthing")) {
            startSyncthing();
        }
        if (options.runs("peernet")) {
            startPeernet(source, sourceBytes, multiFolder);
        }
    }

    private void startNc() {
        try {
            nc = new Netcat(System.getProperty(NC_PROPERTY, "nc"), 9901);
            results.fact("nc", nc.version());
        } catch (RuntimeException e) {
            missing("nc", "nc cannot run: " + e.getMessage());
        }
    }

    private void startSyncthing() {
        try {
            results.fact("syncthing", Syncthing.version());
            out.println("Starting two Syncthing instances...");
            syncthing = SyncthingPair.start(work);
            results.fact(
                    "syncthingConnection",
                    syncthing
                            .sender
                            .get("/rest/system/connections")
                            .path("connections")
                            .path(syncthing.receiver.id()));
        } catch (IOException | RuntimeException e) {
            out.println("Syncthing could not start: " + e.getMessage());
            missing("syncthing", "Syncthing could not start: " + e.getMessage());
        }
    }

    private void startPeernet(Path source, long sourceBytes, Path multiFolder) {
        try {
            out.println("Starting Peernet nodes A and B and indexing A's share...");
            peernet = PeernetSide.start(options.launcher(), work, source, sourceBytes, results);
            Optional<String> noGet = peernet.cannotGet();
            noGet.ifPresent(why -> missing("peernet", why));
            if (options.runsCase(3) && noGet.isEmpty()) {
                peernetSourcesMissing = peernet.cannotCap();
                if (peernetSourcesMissing.isEmpty()) {
                    int most = options.sources().getLast();
                    out.println("Starting Peernet sources S1 to S" + most + "...");
                    peernet.prepareSources(most, multiFolder, options.rate());
                }
            }
        } catch (IOException | RuntimeException e) {
            out.println("Peernet could not start: " + e.getMessage());
            missing("peernet", "Peernet could not start: " + e.getMessage());
        }
    }

    /** Records {@code why} for every series of {@code system}. */
    private void missing(String system, String why) {
        for (String kase : List.of(Results.BIG, Results.SMALL)) {
            results.missing(Results.key(kase, system), why);
        }
        if (system.equals("peernet")) {
            options.sources().forEach(n -> results.missing(Results.sources(n), why));
        }
    }

    @Override
    public void close() {
        if (peernet != null) {
            peernet.close();
        }
        if (syncthing != null) {
            syncthing.close();
        }
    }
}
