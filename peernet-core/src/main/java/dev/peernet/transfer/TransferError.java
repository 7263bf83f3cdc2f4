package dev.peernet.transfer;

import dev.peernet.identity.PeerId;
import java.util.Optional;

/**
 * Something that went wrong during a transfer without ending it, for its report.
 *
 * @param source the member at fault, if one was
 * @param file the file's path at that member (share/path), or its destination for local problems
 * @param message one sentence saying what happened
 */
public record TransferError(Optional<PeerId> source, String file, String message) {}
