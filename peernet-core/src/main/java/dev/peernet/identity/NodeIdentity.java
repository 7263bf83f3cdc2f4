package dev.peernet.identity;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;

/**
 * A node's long-lived Ed25519 key pair and the self-signed certificate it presents in TLS.
 *
 * <p>The private key lives in {@value #KEY_FILE} in the state directory as a PEM-wrapped PKCS#8
 * v1 structure, readable by the owner only. A key file that exists but cannot be read is an
 * error: a node never silently replaces its identity.
 */
public final class NodeIdentity {
    /** File name of the private key inside the state directory. */
    public static final String KEY_FILE = "identity.key";

    private static final String PEM_BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String PEM_END = "-----END PRIVATE KEY-----";
    /** Certificates are made fresh at each start; their validity only has to cover the run. */
    private static final Duration CERT_VALIDITY = Duration.ofDays(3650);
    /** Valid from a day ago, so that a peer whose clock is behind ours still accepts it. */
    private static final Duration CERT_BACKDATING = Duration.ofDays(1);

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final PeerId peerId;
    private final X509Certificate certificate;

    private NodeIdentity(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.peerId = PeerId.of(publicKey);
        this.certificate = selfSign(privateKey, publicKey, peerId);
    }

    /** A fresh identity that is not stored anywhere (tests, benchmarks). */
    public static NodeIdentity generate() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            return new NodeIdentity(pair.getPrivate(), pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot make Ed25519 keys", e);
        }
    }

    /**
     * Loads the identity stored in {@code stateDir}, or makes and stores a new one if there is no
     * key file yet.
     *
     * @throws IdentityException if a key file exists but is unreadable or corrupt
     */
    public static NodeIdentity loadOrCreate(Path stateDir) throws IOException {
        Path file = stateDir.resolve(KEY_FILE);
        if (Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(file)) {
            return load(file);
        }
        NodeIdentity identity = generate();
        identity.store(file);
        return identity;
    }

    /**
     * Loads an identity from a key file.
     *
     * @throws IdentityException naming the file and what is wrong with it
     */
    public static NodeIdentity load(Path file) throws IdentityException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new IdentityException("The key file " + file + " does not exist.", e);
        } catch (AccessDeniedException e) {
            throw new IdentityException("The key file " + file + " cannot be read: permission denied.", e);
        } catch (CharacterCodingException e) {
            throw corrupt(file, "it is not PEM text", e);
        } catch (IOException e) {
            throw new IdentityException("The key file " + file + " cannot be read: " + e.getMessage() + ".", e);
        }
        try {
            byte[] der = decodePem(text);
            PrivateKey key = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
            return new NodeIdentity(key, derivePublic(key));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw corrupt(file, reason(e), e);
        }
    }

    private static IdentityException corrupt(Path file, String reason, Exception cause) {
        return new IdentityException(
                "The key file " + file + " is corrupt (" + reason + "). Peernet will not replace an"
                        + " identity: restore the file from a backup, or move it away to start as a new node.",
                cause);
    }

    /** The exception's own words, without the class names the JDK sometimes prefixes them with. */
    private static String reason(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replaceAll("^(?:[a-z]+\\.)+[A-Za-z]+(?:Exception|Error): ", "");
    }

    private static byte[] decodePem(String text) {
        int begin = text.indexOf(PEM_BEGIN);
        int end = text.indexOf(PEM_END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("no PEM PRIVATE KEY block");
        }
        String body = text.substring(begin + PEM_BEGIN.length(), end).replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }

    private static PublicKey derivePublic(PrivateKey key) throws GeneralSecurityException {
        if (!(key instanceof EdECPrivateKey edKey)) {
            throw new IllegalArgumentException("not an Ed25519 private key");
        }
        byte[] seed = edKey.getBytes().orElseThrow(() -> new IllegalArgumentException("the key has no seed"));
        try {
            return Ed25519Keys.publicKeyFromSeed(seed);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    /** Writes the private key to {@code file}, owner-readable only, replacing it atomically. */
    public void store(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        String pem = PEM_BEGIN + "\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(privateKey.getEncoded())
                + "\n" + PEM_END + "\n";
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(ownerOnly));
        Files.writeString(tmp, pem, StandardCharsets.US_ASCII);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static X509Certificate selfSign(PrivateKey privateKey, PublicKey publicKey, PeerId id) {
        Instant now = Instant.now();
        BigInteger serial = new BigInteger(64, new SecureRandom()).add(BigInteger.ONE);
        try {
            return SelfSignedCertificate.create(
                    new KeyPair(publicKey, privateKey),
                    id.toString(),
                    serial,
                    now.minus(CERT_BACKDATING),
                    now.plus(CERT_VALIDITY));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot self-sign a certificate for " + id, e);
        }
    }

    public PeerId peerId() {
        return peerId;
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /** The self-signed certificate presented in TLS; its key is the identity key. */
    public X509Certificate certificate() {
        return certificate;
    }
}
