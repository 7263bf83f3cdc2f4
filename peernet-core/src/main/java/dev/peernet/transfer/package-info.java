/**
 * Transfers: fetching files and directories from the members that hold them, verified chunk by
 * chunk, resumable after anything (ADR 0011). {@link dev.peernet.transfer.Transfers} is the engine;
 * {@link dev.peernet.transfer.ChunkNetwork} is all it knows of the network.
 *
 * <p>The pipeline of one transfer, each stage on virtual threads:
 *
 * <pre>
 * Transfers.fetch          describe the file or tree (one round trip), check every path and
 *                          description, record the transfer and its files in SQLite, return
 * TransferJob              wait for a slot (QUEUED), then, on its own thread:
 *   Preparation            re-hash each part file's chunks (only bytes that hash right count);
 *                          a destination already whole (size, mtime, hash) is kept
 *   Locator                ask who else holds each multi-chunk file (and, later, any file left
 *                          without a source), a few files at a time
 *   SourceWorker × peer    sender: while the window has room, take the next chunk for this peer
 *                          from the Schedule and request it on the peer's ChunkChannel;
 *                          receiver: read answers in request order, hand them to ChunkIntake
 *   ChunkIntake            SHA-256 of the chunk against its hash, then a positional write into
 *                          the hidden part file .NAME.peernet-part beside the destination
 *   Placement, Finisher    a complete file: fsync, mtime, atomic rename onto the destination
 *                          (32 at once); folder fsyncs and "done" rows in batches
 * </pre>
 *
 * <p>All of a transfer's state is in its {@code Ledger}, behind one lock that every stage takes
 * for bookkeeping only; hashing, disk writes and network calls happen outside it.
 *
 * <p>States of a transfer: {@code QUEUED → RUNNING → COMPLETE}, with {@code RUNNING ⇄ WAITING} (no
 * source online; retried with backoff, locating sources again), {@code RUNNING ⇄ PAUSED} (a full
 * disk; retried periodically), {@code → FAILED} (a local problem that will not clear by itself, such
 * as a folder in the way) and {@code → CANCELLED} (by the user; a later fetch of the same thing to
 * the same place resumes it). Closing the engine keeps the state for {@code resumeAll}.
 *
 * <p>States of a chunk: {@code pending → in flight (at one source, two in the end game) → being
 * written → done}; an answer that is lost (the source left), refused or stale (the file changed)
 * makes it pending again. A source that sends a chunk that does not match its hash is dropped from
 * the transfer and named in its errors.
 */
package dev.peernet.transfer;
