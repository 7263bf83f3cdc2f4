package dev.peernet.send;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What a receiver tells the sender of how its fetch ended holds no path of the receiver's machine. */
class SendersNoticeTest {
    private static final Path INBOX = Path.of("/home/bob/.peernet/inbox");

    @Test
    void pathsBelowWhereTheFilesWentBecomeTheirNames() {
        assertThat(Sends.forSender(
                        "Could not write /home/bob/.peernet/inbox/.movie.mkv.peernet-part: read-only file system.",
                        INBOX))
                .isEqualTo("Could not write .movie.mkv.peernet-part: read-only file system.");
        assertThat(Sends.forSender("The disk holding /home/bob/.peernet/inbox is full.", INBOX))
                .isEqualTo("The disk holding the folder it was sent to is full.");
    }

    @Test
    void adviceForTheReceivingNodesOwnUserIsLeftOut() {
        assertThat(Sends.forSender(
                        "The transfer stopped on a fault in this node (NullPointerException); its log has the details,"
                                + " and `peernet get` again resumes it.",
                        INBOX))
                .isEqualTo("The transfer stopped on a fault in this node (NullPointerException).");
        assertThat(Sends.forSender("", INBOX)).isEmpty();
    }
}
