package dev.peernet.share;

import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a scan of a share covers, in paths relative to its root with {@code /} between names
 * ({@code ""} is the root): directories whose own files changed, and trees (a directory and
 * everything under it) that appeared, vanished or may have changed anywhere. The whole share is the
 * tree {@code ""}.
 *
 * @param directories directories whose files are compared with the index, not their subdirectories
 * @param trees directories scanned with everything under them
 */
record Changes(Set<String> directories, Set<String> trees) {
    /**
     * More directories than this in one scan and the scan covers the whole share instead: one walk
     * and one read of the index, rather than a query per directory. Bursts this wide are rare
     * (unpacking an archive is one new tree, not many).
     */
    static final int MAX_DIRECTORIES = 256;

    private static final Changes WHOLE = new Changes(Set.of(), Set.of(""));

    /** Keeps only what no wider entry covers: a directory inside a tree, a tree inside another. */
    Changes {
        Set<String> keptTrees = new HashSet<>();
        for (String tree : trees) {
            if (!underAny(tree, trees)) {
                keptTrees.add(tree);
            }
        }
        Set<String> keptDirectories = new HashSet<>();
        for (String directory : directories) {
            if (!keptTrees.contains(directory) && !underAny(directory, keptTrees)) {
                keptDirectories.add(directory);
            }
        }
        if (keptTrees.contains("") || keptTrees.size() + keptDirectories.size() > MAX_DIRECTORIES) {
            keptTrees = Set.of("");
            keptDirectories = Set.of();
        }
        directories = Set.copyOf(keptDirectories);
        trees = Set.copyOf(keptTrees);
    }

    /** The whole share: every file compared with the index. */
    static Changes whole() {
        return WHOLE;
    }

    boolean isWhole() {
        return trees.contains("");
    }

    /** Both this and {@code other}. */
    Changes and(Changes other) {
        return new Changes(union(directories, other.directories), union(trees, other.trees));
    }

    /** Whether one of {@code trees} holds {@code path} strictly below it (the root holds every other path). */
    private static boolean underAny(String path, Set<String> trees) {
        if (path.isEmpty()) {
            return false;
        }
        if (trees.contains("")) {
            return true;
        }
        for (int slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
            if (trees.contains(path.substring(0, slash))) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> out = new TreeSet<>(a);
        out.addAll(b);
        return out;
    }
}
