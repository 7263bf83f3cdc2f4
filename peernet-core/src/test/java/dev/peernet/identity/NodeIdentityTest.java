package dev.peernet.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Signature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeIdentityTest {
    @TempDir
    Path state;

    @Test
    void theFirstStartMakesAnIdentityAndLaterStartsReuseIt() throws Exception {
        NodeIdentity first = NodeIdentity.loadOrCreate(state);
        NodeIdentity second = NodeIdentity.loadOrCreate(state);

        assertThat(second.peerId()).isEqualTo(first.peerId());
    }

    @Test
    void theKeyFileIsReadableByItsOwnerOnly() throws Exception {
        NodeIdentity.loadOrCreate(state);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state.resolve(NodeIdentity.KEY_FILE))))
                .isEqualTo("rw-------");
    }

    @Test
    void theKeyIsStoredAsPkcs8VersionOne() throws Exception {
        NodeIdentity.loadOrCreate(state);
        String pem = Files.readString(state.resolve(NodeIdentity.KEY_FILE));
        byte[] der = java.util.Base64.getMimeDecoder()
                .decode(pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", ""));

        // SEQUENCE { INTEGER 0 (v1), AlgorithmIdentifier Ed25519, OCTET STRING } is 48 bytes.
        assertThat(der).hasSize(48);
        assertThat(der[4]).as("version").isZero();
    }

    @Test
    void aCorruptKeyFileIsRefusedNamingTheFileAndIsNeverReplaced() throws Exception {
        Path file = state.resolve(NodeIdentity.KEY_FILE);
        Files.writeString(file, "this is not a key", StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> NodeIdentity.loadOrCreate(state))
                .isInstanceOf(IdentityException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("corrupt")
                .hasMessageContaining("will not replace");
        assertThat(Files.readString(file)).isEqualTo("this is not a key");
    }

    @Test
    void aTruncatedKeyFileIsRefused() throws Exception {
        NodeIdentity.loadOrCreate(state);
        Path file = state.resolve(NodeIdentity.KEY_FILE);
        String pem = Files.readString(file);
        Files.writeString(file, pem.substring(0, pem.length() / 2));

        assertThatThrownBy(() -> NodeIdentity.loadOrCreate(state))
                .isInstanceOf(IdentityException.class)
                .hasMessageContaining(file.toString());
    }

    @Test
    void aKeyFileThatIsADirectoryIsRefusedAsUnreadable() throws Exception {
        Files.createDirectory(state.resolve(NodeIdentity.KEY_FILE));

        assertThatThrownBy(() -> NodeIdentity.loadOrCreate(state))
                .isInstanceOf(IdentityException.class)
                .hasMessageContaining("cannot be read");
    }

    @Test
    void aKeyFileWrittenBeforeAdr0009LoadsAsTheSameNode() throws Exception {
        // Written by the BouncyCastle-based NodeIdentity; its peer ID as that code derived it.
        Files.writeString(state.resolve(NodeIdentity.KEY_FILE), """
                -----BEGIN PRIVATE KEY-----
                MC4CAQAwBQYDK2VwBCIEIE523qgoLHk7nn6Qat6alkIIFLp7y1bnffrkd15uhgPQ
                -----END PRIVATE KEY-----
                """);

        NodeIdentity identity = NodeIdentity.loadOrCreate(state);

        assertThat(identity.peerId().toString())
                .isEqualTo("VIWIWQ3-ZXQDTP7-KVWQ4XP-57KN3M4-EWMCYYJ-B4UFFET-ZNXV5YM-PZKKNQS");
        assertThat(identity.certificate().getPublicKey()).isEqualTo(identity.publicKey());
    }

    @Test
    void aLoadedIdentitySignsWithItsPrivateKeyWhatItsPublicKeyVerifies() throws Exception {
        NodeIdentity.loadOrCreate(state);
        NodeIdentity loaded = NodeIdentity.load(state.resolve(NodeIdentity.KEY_FILE));
        byte[] message = "hello".getBytes(StandardCharsets.US_ASCII);

        var signer = Signature.getInstance("Ed25519");
        signer.initSign(loaded.privateKey());
        signer.update(message);
        var verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(loaded.publicKey());
        verifier.update(message);

        assertThat(verifier.verify(signer.sign())).isTrue();
    }
}
