package dev.peernet.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peernet.membership.MembershipException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The zero-touch option: a shared network passphrase admits without invites. */
@Timeout(60)
class PassphraseTest {
    private final TestNodes nodes;

    @TempDir
    Path secrets;

    PassphraseTest() throws Exception {
        nodes = new TestNodes();
    }

    @AfterEach
    void closeNodes() {
        nodes.close();
    }

    private Node start(String name, String passphrase) throws IOException {
        Path file = secrets.resolve(name + ".secret");
        Files.writeString(file, passphrase + "\n");
        return nodes.startOutsider(name, b -> b.networkSecretFile(file));
    }

    @Test
    void aNodeThatProvesThePassphraseJoinsTheLargerNetworkWithoutAnInvite() throws Exception {
        Node alpha = start("alpha", "correct horse battery staple");
        Node carol = nodes.startOutsider("carol");
        carol.join(alpha.invite(Duration.ofMinutes(1), 1, List.of(TestNodes.addressOf(alpha))));
        Node bob = start("bob", "correct horse battery staple");

        assertThatThrownBy(() -> alpha.joinWithPassphrase(TestNodes.addressOf(bob), bob.id()))
                .as("the larger network does not move")
                .isInstanceOf(MembershipException.class)
                .hasMessage("Network bob's network is the smaller one, so this node will join yours instead.");
        bob.joinWithPassphrase(TestNodes.addressOf(alpha), alpha.id());

        assertThat(bob.network().networkId()).isEqualTo(alpha.network().networkId());
        assertThat(alpha.network().size()).isEqualTo(3);
        assertThat(bob.ping(alpha.id())).isPositive();
    }

    @Test
    void twoLoneNodesMergeIntoTheNetworkWithTheLowerId() throws Exception {
        Node alpha = start("alpha", "s3cret");
        Node bob = start("bob", "s3cret");
        // By the ID's bytes, as Merge compares them: base32 text sorts digits before letters, so
        // the text's order differs from the bytes' for about a third of random pairs.
        Node lower = java.util.Arrays.compareUnsigned(
                                alpha.network().networkId().bytes(),
                                bob.network().networkId().bytes())
                        < 0
                ? alpha
                : bob;
        Node higher = lower == alpha ? bob : alpha;

        assertThatThrownBy(() -> lower.joinWithPassphrase(TestNodes.addressOf(higher), higher.id()))
                .isInstanceOf(MembershipException.class)
                .hasMessageContaining("will join yours instead");
        higher.joinWithPassphrase(TestNodes.addressOf(lower), lower.id());

        assertThat(higher.network().networkId()).isEqualTo(lower.network().networkId());
        assertThat(lower.network().size()).isEqualTo(2);
    }

    @Test
    void aWrongPassphraseIsRefused() throws Exception {
        Node alpha = start("alpha", "one passphrase");
        Node mallory = start("mallory", "another passphrase");

        assertThatThrownBy(() -> mallory.joinWithPassphrase(TestNodes.addressOf(alpha), alpha.id()))
                .isInstanceOf(MembershipException.class)
                .hasMessage("The network passphrase does not match.");
        assertThat(alpha.network().size()).isEqualTo(1);
    }

    @Test
    void anEmptySecretFileStopsTheNodeWithASentence() throws Exception {
        Path empty = Files.createFile(secrets.resolve("empty"));

        assertThatThrownBy(() -> nodes.startOutsider("alpha", b -> b.networkSecretFile(empty)))
                .isInstanceOf(IOException.class)
                .hasMessage("The network secret file " + empty + " is empty; put the network passphrase in it.");
    }
}
