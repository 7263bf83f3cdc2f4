package dev.peernet.bench.share;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** Against the config.xml that Debian's Syncthing 1.19.2 wrote with {@code syncthing generate}. */
class SyncthingConfigTest {
    private static final String PEER = "7Q3ZQ2T-ZB6VKEE-7QU3ZIN-AR6O4IS-SXBOLBL-JHAOVSC-YGUCSHF-H4YAJQW";

    @TempDir
    Path dir;

    private Document doc;
    private String selfId;

    @BeforeEach
    void configure() throws IOException, URISyntaxException {
        Path generated = Path.of(
                getClass().getResource("syncthing-1.19-generated-config.xml").toURI());
        doc = SyncthingConfig.read(generated);
        selfId = SyncthingConfig.deviceId(doc);
        SyncthingConfig.configure(
                doc,
                new SyncthingConfig.Settings(
                        "A", 22101, 18384, "key-a", PEER, "B", 22102, "bench", dir.resolve("folder"), "sendonly"));
        // What Syncthing reads is the written file.
        SyncthingConfig.write(doc, dir.resolve("config.xml"));
        doc = SyncthingConfig.read(dir.resolve("config.xml"));
    }

    private String text(String xpath) throws XPathExpressionException {
        return XPathFactory.newInstance().newXPath().evaluate(xpath, doc);
    }

    private List<String> all(String xpath) throws XPathExpressionException {
        NodeList nodes = (NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, doc, XPathConstants.NODESET);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            values.add(nodes.item(i).getTextContent());
        }
        return values;
    }

    @Test
    void everyFeatureThatReachesBeyondTheMachineOrChangesTheProgramIsOff() throws XPathExpressionException {
        assertThat(text("/configuration/options/globalAnnounceEnabled")).isEqualTo("false");
        assertThat(text("/configuration/options/localAnnounceEnabled")).isEqualTo("false");
        assertThat(text("/configuration/options/announceLANAddresses")).isEqualTo("false");
        assertThat(text("/configuration/options/relaysEnabled")).isEqualTo("false");
        assertThat(text("/configuration/options/natEnabled")).isEqualTo("false");
        assertThat(text("/configuration/options/stunKeepaliveStartS")).isEqualTo("0");
        assertThat(text("/configuration/options/urAccepted")).isEqualTo("-1");
        assertThat(text("/configuration/options/crashReportingEnabled")).isEqualTo("false");
        assertThat(text("/configuration/options/autoUpgradeIntervalH")).isEqualTo("0");
        assertThat(text("/configuration/options/startBrowser")).isEqualTo("false");
        assertThat(text("/configuration/options/setLowPriority")).isEqualTo("false");
    }

    @Test
    void everyAddressIsOnLoopback() throws XPathExpressionException {
        assertThat(all("/configuration/options/listenAddress")).containsExactly("tcp://127.0.0.1:22101");
        assertThat(text("/configuration/gui/address")).isEqualTo("127.0.0.1:18384");
        assertThat(text("/configuration/gui/apikey")).isEqualTo("key-a");
        assertThat(all("//device/address"))
                .containsExactly("tcp://127.0.0.1:22101", "tcp://127.0.0.1:22102", "tcp://127.0.0.1:22102");
    }

    @Test
    void thePeerIsAKnownDeviceAndTheFolderIsSharedWithBothWithoutAWatcher() throws XPathExpressionException {
        assertThat(text("/configuration/device[@id='" + PEER + "']/@name")).isEqualTo("B");
        assertThat(text("/configuration/folder/@id")).isEqualTo("bench");
        assertThat(text("/configuration/folder/@type")).isEqualTo("sendonly");
        assertThat(text("/configuration/folder/@path"))
                .isEqualTo(dir.resolve("folder").toString());
        assertThat(text("/configuration/folder/@fsWatcherEnabled")).isEqualTo("false");
        assertThat(text("/configuration/folder/@rescanIntervalS")).isEqualTo("3600");
        assertThat(all("/configuration/folder/device/@id")).containsExactly(selfId, PEER);
        // The folder keeps this version's other defaults.
        assertThat(text("/configuration/folder/markerName")).isEqualTo(".stfolder");
    }

    @Test
    void aConfigWithoutAnExpectedSettingFailsNamingIt() throws IOException {
        Files.writeString(
                dir.resolve("old.xml"),
                "<configuration version=\"30\"><device id=\"X\"><address>dynamic</address></device>"
                        + "<options><listenAddress>default</listenAddress></options></configuration>");
        Document old = SyncthingConfig.read(dir.resolve("old.xml"));

        assertThatThrownBy(() -> SyncthingConfig.configure(
                        old,
                        new SyncthingConfig.Settings(
                                "A", 1, 2, "k", PEER, "B", 3, "bench", dir.resolve("f"), "sendonly")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Syncthing's config has no <")
                .hasMessageEndingWith("; this benchmark knows config version 36 (Syncthing 1.19).");
    }
}
