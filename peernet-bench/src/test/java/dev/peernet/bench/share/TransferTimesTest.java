package dev.peernet.bench.share;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TransferTimesTest {
    private static final Path DEST = Path.of("/w/received/peernet-big.bin");

    @Test
    void theTransferToTheDestinationGivesItsOwnStartAndEnd() {
        String json = """
                [{"id": "t2", "destination": "/w/received/other", "startedAt": "2026-12-01T10:00:00Z",
                  "finishedAt": "2026-12-01T10:00:09Z"},
                 {"id": "t1", "destination": "/w/received/peernet-big.bin", "state": "done",
                  "startedAt": "2026-12-01T10:00:00.250Z", "finishedAt": "2026-12-01T10:00:02.750+00:00"}]
                """;

        assertThat(TransferTimes.seconds(json, DEST)).hasValue(2.5);
    }

    @Test
    void anObjectHoldingTheListAndEpochMillisecondsAreReadToo() {
        String json = """
                {"transfers": [{"dest": "/w/received/peernet-big.bin", "started": 1000, "ended": 3500}]}
                """;

        assertThat(TransferTimes.seconds(json, DEST)).hasValue(2.5);
    }

    @Test
    void anUnfinishedTransferAnotherShapeOrNoJsonGiveNoFigure() {
        assertThat(TransferTimes.seconds(
                        "[{\"destination\": \"/w/received/peernet-big.bin\", \"startedAt\": \"2026-12-01T10:00:00Z\","
                                + " \"finishedAt\": null}]",
                        DEST))
                .isEmpty();
        assertThat(TransferTimes.seconds("{\"count\": 3}", DEST)).isEmpty();
        assertThat(TransferTimes.seconds("Unknown subcommand 'transfers'", DEST))
                .isEmpty();
    }
}
