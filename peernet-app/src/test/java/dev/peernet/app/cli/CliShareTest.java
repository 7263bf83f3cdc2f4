package dev.peernet.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.peernet.app.api.FakeNodeControl;
import dev.peernet.app.api.Json;
import dev.peernet.app.daemon.Daemon;
import dev.peernet.app.daemon.DaemonSettings;
import dev.peernet.identity.PeerId;
import dev.peernet.membership.Role;
import dev.peernet.node.HostPort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code peernet share} through a real daemon and control API, over a fake node with real shares. */
@Timeout(60)
class CliShareTest {
    @TempDir
    Path stateDir;

    @TempDir
    Path files;

    private final PeerId beta = FakeNodeControl.peerId(2);
    private final FakeNodeControl node = new FakeNodeControl("alpha", 1).withMember(beta, "beta", Role.MEMBER);
    private Daemon daemon;
    private Path music;

    @BeforeEach
    void start() throws IOException {
        music = Files.createDirectories(files.resolve("music"));
        Files.writeString(music.resolve("a.txt"), "alpha");
        Files.writeString(Files.createDirectories(music.resolve("sub")).resolve("b.txt"), "beta");
        DaemonSettings settings = DaemonSettings.defaults(stateDir).withApi(new HostPort("127.0.0.1", 0));
        daemon = Daemon.start(settings, config -> node);
    }

    @AfterEach
    void stop() {
        daemon.close();
    }

    @Test
    void shareAddPrintsTheShareThenItsFirstScanUntilDone() {
        CliRun run = CliRun.in(stateDir, "share", "add", music.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .startsWith("Sharing " + realPath(music) + " as 'music', read-only, to all members.\n")
                .endsWith("Indexed 2 files, 9 B.\n");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void shareLsShowsNameAccessAudienceFilesSizeStateAndPath() {
        CliRun.in(stateDir, "share", "add", music.toString(), "--name", "tunes", "--writable", "--to", "beta");

        CliRun run = CliRun.in(stateDir, "share", "ls");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("NAME").contains("PATH\n");
        assertThat(run.out().lines().toList().get(1))
                .startsWith("tunes")
                .contains("writable")
                .contains(PeersTable.shortId(beta.toString()))
                .contains(" 2 ")
                .contains("9 B")
                .contains("indexed")
                .endsWith(realPath(music));
    }

    @Test
    void shareLsJsonHasTheDocumentedFieldsWithFullPeerIds() throws IOException {
        CliRun.in(stateDir, "share", "add", music.toString(), "--to", PeersTable.shortId(beta.toString()));

        CliRun run = CliRun.in(stateDir, "share", "ls", "--json");

        JsonNode share = Json.mapper().readTree(run.out()).get(0);
        assertThat(run.exitCode()).isZero();
        assertThat(share.get("name").asText()).isEqualTo("music");
        assertThat(share.get("path").asText()).isEqualTo(realPath(music));
        assertThat(share.get("writable").asBoolean()).isFalse();
        assertThat(share.get("toAll").asBoolean()).isFalse();
        assertThat(share.get("to").get(0).asText()).isEqualTo(beta.toString());
        assertThat(share.get("files").asLong()).isEqualTo(2);
        assertThat(share.get("bytes").asLong()).isEqualTo(9);
        assertThat(share.get("scanning").asBoolean()).isFalse();
        assertThat(share.get("scannedAt").isTextual()).isTrue();
    }

    @Test
    void shareLsWithNoSharesSaysHowToAddOne() {
        CliRun run = CliRun.in(stateDir, "share", "ls");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("No shares; add one with 'peernet share add PATH'.\n");
    }

    @Test
    void shareRmStopsSharingAndLeavesTheFiles() {
        CliRun.in(stateDir, "share", "add", music.toString());

        CliRun run = CliRun.in(stateDir, "share", "rm", "music");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .isEqualTo("Stopped sharing 'music' (" + realPath(music) + "); its files are untouched.\n");
        assertThat(CliRun.in(stateDir, "share", "ls").out()).startsWith("No shares");
        assertThat(music.resolve("a.txt")).exists();
    }

    @Test
    void shareAddOfAMissingPathIsAUsageError() {
        Path missing = files.resolve("nothing");

        CliRun run = CliRun.in(stateDir, "share", "add", missing.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err())
                .startsWith("There is nothing at " + missing + " to share; see 'peernet share add --help'.");
    }

    @Test
    void shareAddOfAFileIsAUsageError() {
        Path file = music.resolve("a.txt");

        CliRun run = CliRun.in(stateDir, "share", "add", file.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).startsWith(file + " is not a directory; share the folder that holds it");
    }

    @Test
    void shareAddWithATakenNameFailsSayingSo() {
        CliRun.in(stateDir, "share", "add", music.toString(), "--no-wait");

        CliRun run = CliRun.in(stateDir, "share", "add", files.toString(), "--name", "music");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err()).isEqualTo("A share named 'music' exists already; choose another name with --name.\n");
    }

    @Test
    void shareAddToAnUnknownPeerFailsNamingIt() {
        CliRun run = CliRun.in(stateDir, "share", "add", music.toString(), "--to", "beta,nobody");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err()).isEqualTo("No member has the name or ID 'nobody'.\n");
        assertThat(CliRun.in(stateDir, "share", "ls").out()).startsWith("No shares");
    }

    @Test
    void shareAddToAllAndSomeMembersAtOnceIsRefused() {
        CliRun run = CliRun.in(stateDir, "share", "add", music.toString(), "--to", "all,beta");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err()).isEqualTo("Share either to 'all' or to some members, not both.\n");
    }

    @Test
    void shareAddWithANameHoldingASlashIsRefused() {
        CliRun run = CliRun.in(stateDir, "share", "add", music.toString(), "--name", "a/b");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err()).startsWith("The share name 'a/b' is not allowed");
    }

    @Test
    void shareRmOfAnUnknownShareFailsSayingHowToListThem() {
        CliRun run = CliRun.in(stateDir, "share", "rm", "nope");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err()).isEqualTo("There is no share named 'nope'; 'peernet share ls' lists them.\n");
    }

    @Test
    void shareAloneShowsItsSubcommandsAsAUsageError() {
        CliRun run = CliRun.in(stateDir, "share");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("add").contains("ls").contains("rm");
    }

    private static String realPath(Path path) {
        try {
            return path.toRealPath().toString();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
