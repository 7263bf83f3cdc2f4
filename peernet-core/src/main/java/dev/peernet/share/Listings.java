package dev.peernet.share;

import com.google.protobuf.ByteString;
import dev.peernet.share.proto.Entry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Directory listings derived from indexed file paths (the index holds files only: a directory is
 * the names its files' paths pass through), and the cutting of answers into pages.
 */
final class Listings {
    /** Entries per page: a page of 1 000 typical entries is ~100 KB, a few DATA frames. */
    static final int PAGE_ENTRIES = 1000;

    /** Bytes per page at most, so that 1 000 entries with 4 KiB paths still make a modest message. */
    static final int PAGE_BYTES = 1024 * 1024;

    private Listings() {}

    /**
     * The entries directly in directory {@code dir}: its files, and one entry per subdirectory with
     * the total size and newest mtime of the files below it; sorted by name.
     *
     * @param below the files below {@code dir} at any depth (paths relative to the share)
     */
    static List<Entry> children(String dir, List<ServedFile> below) {
        int skip = dir.isEmpty() ? 0 : dir.length() + 1;
        List<Entry> out = new ArrayList<>();
        Map<String, long[]> dirs = new TreeMap<>();
        for (ServedFile f : carried(below)) {
            String rel = f.path().substring(skip);
            int slash = rel.indexOf('/');
            if (slash < 0) {
                out.add(file(rel, f));
            } else {
                add(dirs, rel.substring(0, slash), f);
            }
        }
        dirs.forEach((name, totals) -> out.add(directory(name, totals)));
        out.sort(Comparator.comparing(Entry::getPath));
        return out;
    }

    /** Every file and directory below {@code dir}, at any depth, with paths relative to it, sorted by path. */
    static List<Entry> tree(String dir, List<ServedFile> below) {
        int skip = dir.isEmpty() ? 0 : dir.length() + 1;
        List<Entry> out = new ArrayList<>();
        Map<String, long[]> dirs = new TreeMap<>();
        for (ServedFile f : carried(below)) {
            String rel = f.path().substring(skip);
            out.add(file(rel, f));
            for (int slash = rel.indexOf('/'); slash >= 0; slash = rel.indexOf('/', slash + 1)) {
                add(dirs, rel.substring(0, slash), f);
            }
        }
        dirs.forEach((name, totals) -> out.add(directory(name, totals)));
        out.sort(Comparator.comparing(Entry::getPath));
        return out;
    }

    /**
     * The files whose paths the protocol can carry. A name a request could not name (say "a\b",
     * legal on Linux) is left out of listings and searches rather than shown and then refused.
     */
    static List<ServedFile> carried(List<ServedFile> files) {
        return files.stream()
                .filter(f -> SharePath.fileProblem(f.path()).isEmpty())
                .toList();
    }

    /** {@code messages} cut into pages of at most {@link #PAGE_ENTRIES} entries and {@link #PAGE_BYTES} bytes. */
    static <T extends com.google.protobuf.MessageLite> List<List<T>> pages(List<T> messages) {
        List<List<T>> pages = new ArrayList<>();
        List<T> page = new ArrayList<>();
        int bytes = 0;
        for (T m : messages) {
            int size = m.getSerializedSize() + 8; // tag and length
            if (!page.isEmpty() && (page.size() == PAGE_ENTRIES || bytes + size > PAGE_BYTES)) {
                pages.add(page);
                page = new ArrayList<>();
                bytes = 0;
            }
            page.add(m);
            bytes += size;
        }
        pages.add(page); // the last page, empty if there was nothing at all
        return pages;
    }

    private static void add(Map<String, long[]> dirs, String dir, ServedFile f) {
        long[] totals = dirs.computeIfAbsent(dir, d -> new long[] {0, Long.MIN_VALUE});
        totals[0] += f.size();
        totals[1] = Math.max(totals[1], f.mtimeMillis());
    }

    private static Entry file(String path, ServedFile f) {
        return Entry.newBuilder()
                .setPath(path)
                .setType(Entry.Type.FILE)
                .setSize(f.size())
                .setMtimeMs(f.mtimeMillis())
                .setFileHash(ByteString.copyFrom(f.fileHash()))
                .build();
    }

    private static Entry directory(String path, long[] totals) {
        return Entry.newBuilder()
                .setPath(path)
                .setType(Entry.Type.DIRECTORY)
                .setSize(totals[0])
                .setMtimeMs(totals[1])
                .build();
    }
}
