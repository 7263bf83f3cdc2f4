package dev.peernet.transport.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peernet.identity.NodeIdentity;
import org.junit.jupiter.api.Test;

class NodeKeyManagerTest {
    private final NodeIdentity identity = NodeIdentity.generate();
    private final NodeKeyManager keys = new NodeKeyManager(identity);

    @Test
    void itOffersTheNodesKeyAndCertificateForEd25519OnBothSides() {
        String server = keys.chooseServerAlias("EdDSA", null, null);
        String client = keys.chooseEngineClientAlias(new String[] {"RSA", "Ed25519"}, null, null);

        assertThat(server).isNotNull().isEqualTo(client);
        assertThat(keys.getPrivateKey(server)).isSameAs(identity.privateKey());
        assertThat(keys.getCertificateChain(server)).containsExactly(identity.certificate());
        assertThat(keys.getServerAliases("EdDSA", null)).containsExactly(server);
    }

    @Test
    void itHasNothingForOtherKeyTypesOrAliases() {
        assertThat(keys.chooseServerAlias("RSA", null, null)).isNull();
        assertThat(keys.chooseClientAlias(new String[] {"EC", "RSASSA-PSS"}, null, null))
                .isNull();
        assertThat(keys.getClientAliases("EC", null)).isNull();
        assertThat(keys.getPrivateKey("other")).isNull();
        assertThat(keys.getCertificateChain(null)).isNull();
    }
}
