package dev.peernet.app.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlFileTest {
    @TempDir
    Path stateDir;

    @Test
    void writtenFileReadsBackEqual() throws IOException {
        ControlFile file = new ControlFile("http://127.0.0.1:7708", "secret", 42);

        file.write(stateDir);

        assertThat(ControlFile.read(stateDir)).contains(file);
    }

    @Test
    void onlyTheOwnerMayReadTheFileBecauseItHoldsTheToken() throws IOException {
        new ControlFile("http://127.0.0.1:7708", "secret", 42).write(stateDir);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(ControlFile.path(stateDir))))
                .isEqualTo("rw-------");
    }

    @Test
    void aMissingFileReadsAsEmpty() throws IOException {
        assertThat(ControlFile.read(stateDir)).isEmpty();
    }

    @Test
    void deleteRemovesTheFileAndToleratesItsAbsence() throws IOException {
        new ControlFile("http://127.0.0.1:7708", "secret", 42).write(stateDir);

        ControlFile.delete(stateDir);
        ControlFile.delete(stateDir);

        assertThat(ControlFile.path(stateDir)).doesNotExist();
    }

    @Test
    void aGarbledFileIsReportedWithItsPath() throws IOException {
        Files.writeString(ControlFile.path(stateDir), "{not json");

        assertThatThrownBy(() -> ControlFile.read(stateDir))
                .isInstanceOf(IOException.class)
                .hasMessage(ControlFile.path(stateDir) + " is not valid JSON; delete it if no node is running.");
    }

    @Test
    void theFileOfThisProcessHasALiveOwnerAndThatOfAnUnusedPidHasNot() {
        assertThat(new ControlFile("u", "t", ProcessHandle.current().pid()).ownerAlive())
                .isTrue();
        assertThat(new ControlFile("u", "t", 999_999_999L).ownerAlive()).isFalse();
    }
}
