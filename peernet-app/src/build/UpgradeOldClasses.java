import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeTransform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A build step (ADR 0008, addendum): rewrites, in each jar of the launcher's {@code target/lib},
 * class files older than Java 6 as Java 6 class files with stack maps, the same code otherwise.
 * The JVM's ahead-of-time cache leaves such old classes out, so picocli (built for Java 5) was
 * read, parsed and verified from its jar at every start of a command. A jar that is signed, or
 * whose classes cannot all be rewritten, is left as it is, with a line saying so.
 *
 * <p>Run with the JDK's source launcher: {@code java UpgradeOldClasses.java DIR}.
 */
public final class UpgradeOldClasses {
    /** Java 6: the oldest class-file version the cache takes; its verifier may still fall back. */
    private static final int JAVA_6 = 50;

    private UpgradeOldClasses() {}

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        List<Path> jars;
        try (var list = Files.list(dir)) {
            jars = list.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
        for (Path jar : jars) {
            upgrade(jar);
        }
    }

    private static void upgrade(Path jar) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        if (entries.keySet().stream().anyMatch(n -> n.startsWith("META-INF/") && n.endsWith(".SF"))) {
            return; // signed: rewriting would break its signature
        }
        ClassHierarchyResolver own = ClassHierarchyResolver.ofResourceParsing(desc -> {
            String d = desc.descriptorString();
            byte[] bytes = entries.get(d.substring(1, d.length() - 1) + ".class");
            return bytes == null ? null : new ByteArrayInputStream(bytes);
        });
        ClassFile classFile = ClassFile.of(ClassFile.ClassHierarchyResolverOption.of(
                ClassHierarchyResolver.defaultResolver().orElse(own)));
        ClassTransform toJava6 = ClassTransform.transformingMethodBodies(CodeTransform.ACCEPT_ALL)
                .andThen(ClassTransform.endHandler(b -> b.withVersion(JAVA_6, 0)));
        int upgraded = 0;
        try {
            for (var e : entries.entrySet()) {
                if (e.getKey().endsWith(".class") && !e.getKey().startsWith("META-INF/")) {
                    ClassModel model = classFile.parse(e.getValue());
                    if (model.majorVersion() < JAVA_6) {
                        e.setValue(classFile.transformClass(model, toJava6));
                        upgraded++;
                    }
                }
            }
        } catch (RuntimeException e) {
            System.out.println("Left " + jar.getFileName() + " as it is (" + e.getMessage()
                    + "): its classes load from the jar at each start.");
            return;
        }
        if (upgraded == 0) {
            return;
        }
        Path tmp = jar.resolveSibling(jar.getFileName() + ".tmp");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(tmp))) {
            for (var e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
