package dev.peernet.app.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peernet.node.HostPort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigFileTest {
    @TempDir
    Path stateDir;

    @Test
    void aStateDirWithoutTheFileSetsNothing() {
        assertThat(ConfigFile.read(stateDir)).isEqualTo(ConfigFile.NONE);
        assertThat(ConfigFile.NONE.discovery()).isTrue();
    }

    @Test
    void everySettingIsRead() throws IOException {
        write("""
                {"name": "nas", "listen": ["0.0.0.0:7707", "[::]:7707"], "api": "127.0.0.1:9000",
                 "peers": ["192.168.2.10:7707", "files.example:7707"], "discovery": false,
                 "interfaces": ["eth0"], "networkSecretFile": "/etc/peernet/secret",
                 "maxUpload": "50MB/s", "inbox": "/srv/inbox", "accept": "ask"}
                """);

        ConfigFile config = ConfigFile.read(stateDir);

        assertThat(config.name()).contains("nas");
        assertThat(config.listen()).containsExactly(new HostPort("0.0.0.0", 7707), new HostPort("::", 7707));
        assertThat(config.api()).contains(new HostPort("127.0.0.1", 9000));
        assertThat(config.peers())
                .containsExactly(new HostPort("192.168.2.10", 7707), new HostPort("files.example", 7707));
        assertThat(config.discovery()).isFalse();
        assertThat(config.interfaces()).containsExactly("eth0");
        assertThat(config.networkSecretFile()).contains(Path.of("/etc/peernet/secret"));
        assertThat(config.maxUpload()).contains(50_000_000L);
        assertThat(config.inbox()).contains(Path.of("/srv/inbox"));
        assertThat(config.accept()).contains(dev.peernet.send.AcceptPolicy.ASK);
    }

    @Test
    void theUploadLimitMayAlsoBeANumberOfBytesPerSecond() throws IOException {
        write("{\"maxUpload\": 1048576}");

        assertThat(ConfigFile.read(stateDir).maxUpload()).contains(1_048_576L);
    }

    @Test
    void anEmptyObjectSetsNothing() throws IOException {
        write("{}");

        assertThat(ConfigFile.read(stateDir)).isEqualTo(ConfigFile.NONE);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {"peer": ["a:1"]}                 | has an unknown setting 'peer'; the settings are name, listen, api, peers, discovery, interfaces, networkSecretFile, maxUpload, inbox and accept.
            {"peers": ["a:1"],                | is not valid JSON at line 1
            {"peers": "10.0.0.1:7707"}        | : 'peers' has the wrong type at line 1 (name, api, networkSecretFile, maxUpload, inbox and accept are strings, discovery is true or false, the others are lists of strings).
            {"discovery": "maybe"}            | : 'discovery' has the wrong type at line 1
            {"peers": ["10.0.0.1"]}           | : in 'peers', '10.0.0.1' is not HOST:PORT (for example 127.0.0.1:7707).
            {"listen": ["::1:7707"]}          | : in 'listen', '::1:7707': write IPv6 addresses in brackets, like [::1]:7707.
            {"api": "localhost:http"}         | : in 'api', 'localhost:http' has no numeric port.
            {"interfaces": [null]}            | : 'interfaces' holds a null; write strings only.
            {"maxUpload": "fast"}             | : in 'maxUpload', 'fast' is not a rate; write it like 50MB/s
            {"accept": "sometimes"}           | : in 'accept', 'sometimes' is not a policy for incoming files; use auto, ask or refuse.
            null                              | holds no settings; write {} for none.
            """)
    void aWrongSettingIsOneSentenceNamingTheFile(String text, String message) throws IOException {
        write(text);

        assertThatThrownBy(() -> ConfigFile.read(stateDir))
                .isInstanceOf(IllegalArgumentException.class)
                .message()
                .startsWith(stateDir.resolve(ConfigFile.FILE).toString())
                .contains(message.strip())
                .doesNotContain("\n");
    }

    @Test
    void theResultIsImmutable() throws IOException {
        write("{\"peers\": [\"10.0.0.1:7707\"]}");

        List<HostPort> peers = ConfigFile.read(stateDir).peers();

        assertThatThrownBy(peers::clear).isInstanceOf(UnsupportedOperationException.class);
        assertThat(ConfigFile.read(stateDir).name()).isEqualTo(Optional.empty());
    }

    private void write(String text) throws IOException {
        Files.writeString(stateDir.resolve(ConfigFile.FILE), text);
    }
}
