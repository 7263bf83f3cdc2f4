package dev.peernet.bench;

import dev.peernet.identity.NodeIdentity;
import java.nio.file.Path;
import java.security.cert.X509Certificate;

/**
 * The child JVM of {@link IdentityStartBench}: makes or loads one node identity, the first thing
 * it does, and prints how many nanoseconds that took. Arguments: {@code jdk} or
 * {@code bouncycastle}, then {@code generate} or {@code load KEY_FILE}.
 */
public final class FirstIdentity {
    private FirstIdentity() {}

    public static void main(String[] args) throws Exception {
        boolean jdk = args[0].equals("jdk");
        boolean load = args[1].equals("load");
        long start = System.nanoTime();
        X509Certificate certificate = jdk ? viaJdk(load, args) : viaBouncyCastle(load, args);
        long nanos = System.nanoTime() - start;
        if (certificate.getPublicKey() == null) {
            throw new IllegalStateException("no certificate");
        }
        if (jdk && ClassLoader.getSystemResource("org/bouncycastle/asn1/ASN1Object.class") != null) {
            throw new IllegalStateException("BouncyCastle is on the class path of the JDK-only run");
        }
        System.out.println(nanos);
    }

    private static X509Certificate viaJdk(boolean load, String[] args) throws Exception {
        return (load ? NodeIdentity.load(Path.of(args[2])) : NodeIdentity.generate()).certificate();
    }

    private static X509Certificate viaBouncyCastle(boolean load, String[] args) throws Exception {
        return load ? BouncyCastleIdentity.load(Path.of(args[2])) : BouncyCastleIdentity.generate();
    }
}
