package dev.peernet.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A run builds only the subcommand it names; help, a mistyped name or none get all of them. */
class PeernetCommandTest {
    private static final Path HOME = Path.of("/home/ada");

    private static CommandLine commandLine(String... args) {
        return PeernetCommand.commandLine(new PeernetCommand(Map.of(), HOME), args);
    }

    @Test
    void aNamedCommandIsTheOnlyOneBuilt() {
        assertThat(commandLine("id").getSubcommands()).containsOnlyKeys("id");
        assertThat(commandLine("--state-dir", "/srv/a", "share", "ls").getSubcommands())
                .containsOnlyKeys("share");
        assertThat(commandLine("--state-dir=/srv/a", "get", "--help").getSubcommands())
                .containsOnlyKeys("get");
    }

    @Test
    void helpAMistypedNameOrNoneBuildEveryCommandInHelpOrder() {
        for (String[] args : new String[][] {{}, {"--help"}, {"help", "get"}, {"stauts"}, {"--state-dir", "/srv/a"}}) {
            assertThat(commandLine(args).getSubcommands().keySet())
                    .as(String.join(" ", args))
                    .containsExactlyElementsOf(PeernetCommand.SUBCOMMANDS.keySet());
        }
        assertThat(PeernetCommand.SUBCOMMANDS.keySet())
                .startsWith("up", "id", "status")
                .endsWith("doctor", "help");
    }
}
