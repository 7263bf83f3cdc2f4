package dev.peernet.node;

import dev.peernet.identity.PeerId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Folders shared by test nodes, indexed before the test goes on. */
final class ShareFixtures {
    private ShareFixtures() {}

    /** Shares {@code folder} as {@code name} to everyone and waits for its first scan. */
    static void shareToAll(Node node, String name, Path folder) throws Exception {
        share(node, name, folder, true, List.of());
    }

    /** Shares {@code folder} as {@code name} to {@code to} only and waits for its first scan. */
    static void shareTo(Node node, String name, Path folder, List<PeerId> to) throws Exception {
        share(node, name, folder, false, to);
    }

    private static void share(Node node, String name, Path folder, boolean toAll, List<PeerId> to) throws Exception {
        node.shares().add(folder, Optional.of(name), false, toAll, to);
        awaitScan(node, name);
    }

    static void awaitScan(Node node, String name) throws Exception {
        node.shares().rescan(name).get(20, TimeUnit.SECONDS);
    }

    /** Writes {@code text} at {@code relative} below {@code root}, making its directories. */
    static Path write(Path root, String relative, String text) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    /** Connects {@code from} to {@code to}, as members already known to each other. */
    static void connect(Node from, Node to) throws IOException {
        from.connect(TestNodes.addressOf(to), Optional.of(to.id()));
    }
}
