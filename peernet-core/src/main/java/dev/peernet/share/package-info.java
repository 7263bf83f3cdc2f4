/**
 * Sharing: the folders this node shares and their index (ADR 0010), and {@code /peernet/share/1},
 * by which members browse, search and read them ({@code share.proto}, {@code
 * docs/protocol/share.md}).
 *
 * <p>The index: {@link dev.peernet.share.Shares} adds, lists, removes and rescans shared folders,
 * keeping each file's size, mtime and chunk hashes ({@link dev.peernet.share.ContentHash}, chunks
 * of {@link dev.peernet.share.ChunkSize}) in SQLite. The server: {@link
 * dev.peernet.share.ShareServer} answers each stream's requests in order from a {@link
 * dev.peernet.share.ShareCatalog} (the folders of {@code Shares} and the one-shot offers of {@link
 * dev.peernet.share.OfferShares}), checking every request path with {@link
 * dev.peernet.share.SharePath}, showing each member only the shares it may see, and reading chunks
 * only from files still as indexed and inside their share. The client: {@link
 * dev.peernet.share.ShareClient}, which checks everything a member sends back and is the transfer
 * engine's {@code ChunkChannel}.
 *
 * <p>Data model of {@code /peernet/share/1}, as a grammar (each message a varint length and its
 * protobuf bytes):
 *
 * <pre>
 * stream   = { request } from the opener; { answer } from the server, one per request, in order
 * request  = ListShares | ListDir(share, path, recursive) | Find(pattern, hash?, limit)
 *          | GetFileInfo(share, path) | ReadChunk(share, path, hash, index)
 * answer   = Error(code, sentence, retry_after_ms)
 *          | ShareList(summary*)                 for ListShares
 *          | EntryPage(entry*, last)+            for ListDir, until last
 *          | FindPage(hit*, last)+               for Find, until last
 *          | FileInfo(path, size, mtime, chunk_size, chunk_hashes, hash)
 *          | ChunkHeader(index, length) raw-bytes(length)
 * path     = "" | name { "/" name }              checked by SharePath
 * </pre>
 *
 * <p>A server stream has one state: reading the next request. Each is decoded into a {@code
 * Request} (malformed ones into a refusal), its answer worked out from the catalog or the disk, then
 * sent; an error of the index or the file becomes an {@code Error} answer, an error of the stream
 * ends it. Per member, browse requests draw on an allowance of index rows and at most 16 streams
 * are open ({@code MemberLimits}); every chunk sent draws on the node's {@link
 * dev.peernet.share.UploadLimiter}.
 */
package dev.peernet.share;
