package dev.peernet.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import org.junit.jupiter.api.Test;

class TransferStoppedTest {
    @Test
    void aTransferStoppedByABugSaysSoAndNeverNull() {
        assertThat(TransferJob.stoppedBy(new NullPointerException()))
                .isEqualTo("The transfer stopped on a fault in this node (NullPointerException); its log has the"
                        + " details, and `peernet get` again resumes it.");
    }

    @Test
    void aTransferStoppedByAFileFailureGivesItsReasonInOneSentence() {
        assertThat(TransferJob.stoppedBy(new AccessDeniedException("/home/alice/in/a.part")))
                .isEqualTo("The transfer stopped: permission denied.");
        assertThat(TransferJob.stoppedBy(new IOException("Could not read the transfer store.")))
                .isEqualTo("The transfer stopped: Could not read the transfer store.");
        assertThat(TransferJob.stoppedBy(new java.io.UncheckedIOException(new AccessDeniedException("/home/alice/x"))))
                .isEqualTo("The transfer stopped: permission denied.");
    }
}
