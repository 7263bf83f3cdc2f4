package dev.peernet.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Real small file systems for tests that need a full disk or a drive to unmount: root only. */
public final class Tmpfs {
    private Tmpfs() {}

    /** Whether this process may mount (it runs as root). */
    public static boolean canMount() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("id", "-u").start();
        String uid = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        return p.waitFor(10, TimeUnit.SECONDS) && uid.equals("0");
    }

    /** Mounts a tmpfs of {@code size} ("4m") on {@code dir}. */
    public static void mount(Path dir, String size) throws IOException, InterruptedException {
        run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir.toString());
    }

    /** Unmounts what is mounted on {@code dir}. */
    public static void unmount(Path dir) throws IOException, InterruptedException {
        run("umount", dir.toString());
    }

    /**
     * For a test's cleanup: unmounts every tmpfs mounted on {@code dir} (each mount on the last),
     * lazily if one is busy, so that a failed test leaves no mount behind.
     */
    public static void unmountAll(Path dir) throws IOException, InterruptedException {
        for (int i = 0; i < 8 && mounted(dir); i++) {
            try {
                unmount(dir);
            } catch (IOException busy) {
                run("umount", "-l", dir.toString());
            }
        }
    }

    private static boolean mounted(Path dir) throws IOException {
        String target = dir.toAbsolutePath().normalize().toString();
        return java.nio.file.Files.readAllLines(Path.of("/proc/self/mounts")).stream()
                .map(line -> line.split(" "))
                .anyMatch(f -> f.length > 1 && f[1].equals(target));
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p =
                new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not end within 10 s");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
    }
}
