package dev.peernet.share;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peernet.share.proto.Entry;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ListingsTest {
    private static final List<ServedFile> FILES = List.of(
            file("a-b.txt", 1, 10),
            file("a/x.txt", 2, 20),
            file("a/y/z.txt", 4, 40),
            file("a.txt", 8, 80),
            file("bad\\name", 16, 160));

    @Test
    void aDirectoryListsItsFilesAndOneEntryPerSubdirectoryWithTheTotalsBelowIt() {
        assertThat(Listings.children("", FILES))
                .extracting(Entry::getPath, Entry::getType, Entry::getSize, Entry::getMtimeMs)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("a", Entry.Type.DIRECTORY, 6L, 40L),
                        org.assertj.core.groups.Tuple.tuple("a-b.txt", Entry.Type.FILE, 1L, 10L),
                        org.assertj.core.groups.Tuple.tuple("a.txt", Entry.Type.FILE, 8L, 80L));
    }

    @Test
    void aSubdirectoryListsPathsRelativeToIt() {
        List<ServedFile> below =
                FILES.stream().filter(f -> f.path().startsWith("a/")).toList();
        assertThat(Listings.children("a", below)).extracting(Entry::getPath).containsExactly("x.txt", "y");
    }

    @Test
    void aRecursiveListingHasEveryFileAndEveryDirectoryOnTheWay() {
        List<ServedFile> below =
                FILES.stream().filter(f -> f.path().startsWith("a/")).toList();
        assertThat(Listings.tree("a", below))
                .extracting(Entry::getPath, Entry::getType, Entry::getSize)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("x.txt", Entry.Type.FILE, 2L),
                        org.assertj.core.groups.Tuple.tuple("y", Entry.Type.DIRECTORY, 4L),
                        org.assertj.core.groups.Tuple.tuple("y/z.txt", Entry.Type.FILE, 4L));
    }

    @Test
    void aFileWhoseNameNoRequestCouldCarryIsLeftOutRatherThanShownAndRefused() {
        assertThat(Listings.tree("", FILES)).extracting(Entry::getPath).doesNotContain("bad\\name");
    }

    @Test
    void pagesHoldAThousandEntriesAndTheLastPageMayBeEmpty() {
        List<Entry> entries = IntStream.range(0, 2500)
                .mapToObj(i -> Entry.newBuilder().setPath("f" + i).build())
                .toList();
        assertThat(Listings.pages(entries)).extracting(List::size).containsExactly(1000, 1000, 500);
        assertThat(Listings.pages(List.<Entry>of())).extracting(List::size).containsExactly(0);
    }

    @Test
    void pagesOfLongPathsAreCutByBytesToo() {
        List<Entry> entries = IntStream.range(0, 1000)
                .mapToObj(i -> Entry.newBuilder().setPath("p".repeat(4000) + i).build())
                .toList();
        var pages = Listings.pages(entries);
        assertThat(pages).hasSizeGreaterThan(1);
        assertThat(pages)
                .allSatisfy(page -> assertThat(
                                page.stream().mapToInt(Entry::getSerializedSize).sum())
                        .isLessThanOrEqualTo(Listings.PAGE_BYTES));
    }

    private static ServedFile file(String path, long size, long mtime) {
        return new ServedFile(path, size, mtime, new byte[32]);
    }
}
