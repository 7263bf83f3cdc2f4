package dev.peernet.transfer;

/**
 * One chunk asked of one source, with what the answer is checked against, captured when it was
 * asked (the file may change meanwhile: then {@code generation} is stale and the answer dropped).
 */
record ChunkRequest(
        FileTask file,
        int generation,
        int index,
        Location location,
        @SuppressWarnings("ArrayRecordComponent") byte[] fileHash,
        @SuppressWarnings("ArrayRecordComponent") byte[] chunkHash,
        long offset,
        int length) {

    static ChunkRequest of(FileTask file, int index, Location location) {
        return new ChunkRequest(
                file,
                file.generation(),
                index,
                location,
                file.remote().hash().fileHash(),
                file.remote().hash().chunkHash(index),
                file.offset(index),
                file.chunkLength(index));
    }
}
