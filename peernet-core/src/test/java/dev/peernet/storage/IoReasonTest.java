package dev.peernet.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.List;
import org.junit.jupiter.api.Test;

class IoReasonTest {
    private static final String PATH = "/home/alice/music/a.flac";

    @Test
    void aFailureThatIsOnlyItsPathIsToldWithoutIt() {
        List<IOException> failures = List.of(
                new AccessDeniedException(PATH),
                new NoSuchFileException(PATH),
                new FileAlreadyExistsException(PATH),
                new DirectoryNotEmptyException(PATH),
                new NotDirectoryException(PATH),
                new FileSystemException(PATH),
                new FileSystemException(PATH, "/home/alice/other", null));

        assertThat(failures)
                .allSatisfy(e -> assertThat(IoReason.of(e))
                        .isNotBlank()
                        .doesNotContain("/home")
                        .isNotEqualTo("null"));
        assertThat(IoReason.of(new AccessDeniedException(PATH))).isEqualTo("permission denied");
    }

    @Test
    void theSystemsReasonIsKeptToGoMidSentenceAndThePathsLeftOut() {
        assertThat(IoReason.of(new FileSystemException(PATH, null, "No space left on device")))
                .isEqualTo("no space left on device");
        assertThat(IoReason.of(new FileSystemException(PATH, null, "EIO"))).isEqualTo("EIO");
    }

    @Test
    void aFailureWithNoPathIsToldByItsMessageOrElseItsKind() {
        assertThat(IoReason.of(new IOException("Broken pipe"))).isEqualTo("Broken pipe");
        assertThat(IoReason.of(new java.io.EOFException())).isEqualTo("EOFException");
    }
}
