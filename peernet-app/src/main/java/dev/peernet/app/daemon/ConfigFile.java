package dev.peernet.app.daemon;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.peernet.node.HostPort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code STATE/config.json}: settings for {@code peernet up} kept with the node, so a node
 * restarts the same way. Every setting is optional; options on the command line win, and {@code
 * --peer} adds to {@code peers}. Example:
 *
 * <pre>{"name": "nas", "peers": ["192.168.2.10:7707"], "interfaces": ["eth0"]}</pre>
 *
 * <p>The file is checked whole when the node starts: a wrong setting stops the start with one
 * sentence naming the file and the setting.
 *
 * @param name the node's name
 * @param listen addresses to listen on
 * @param api where the control API listens, on loopback
 * @param peers static peers: dialled and redialled, for where multicast does not reach
 * @param discovery false turns LAN discovery off
 * @param interfaces the interfaces discovery uses
 * @param networkSecretFile a file holding the network passphrase
 * @param maxUpload the upload limit in bytes per second, 0 for none (written like "50MB/s")
 * @param inbox where files sent to the node go
 * @param accept auto, ask or refuse files members send
 */
public record ConfigFile(
        Optional<String> name,
        List<HostPort> listen,
        Optional<HostPort> api,
        List<HostPort> peers,
        boolean discovery,
        List<String> interfaces,
        Optional<Path> networkSecretFile,
        Optional<Long> maxUpload,
        Optional<Path> inbox,
        Optional<dev.peernet.send.AcceptPolicy> accept) {

    /** The file's name in the state directory. */
    public static final String FILE = "config.json";

    /** What a state directory without the file means: nothing set. */
    public static final ConfigFile NONE = new ConfigFile(
            Optional.empty(),
            List.of(),
            Optional.empty(),
            List.of(),
            true,
            List.of(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public ConfigFile {
        listen = List.copyOf(listen);
        peers = List.copyOf(peers);
        interfaces = List.copyOf(interfaces);
    }

    /** The file as written: JSON with these names, every one optional. */
    private record Json(
            String name,
            List<String> listen,
            String api,
            List<String> peers,
            Boolean discovery,
            List<String> interfaces,
            String networkSecretFile,
            Object maxUpload,
            String inbox,
            String accept) {}

    /**
     * The config in {@code stateDir}, or {@link #NONE} if there is none.
     *
     * @throws IllegalArgumentException with one sentence naming the file and what is wrong
     */
    public static ConfigFile read(Path stateDir) {
        Path file = stateDir.resolve(FILE);
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            return NONE;
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read " + file + ": " + e.getMessage() + ".", e);
        }
        Json json;
        try {
            json = STRICT.readValue(text, Json.class);
        } catch (UnrecognizedPropertyException e) {
            throw new IllegalArgumentException(
                    file + " has an unknown setting '" + e.getPropertyName() + "'; the settings are name, listen,"
                            + " api, peers, discovery, interfaces, networkSecretFile, maxUpload, inbox and accept.",
                    e);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException(
                    file + " is not valid JSON" + line(e) + ": " + e.getOriginalMessage() + ".", e);
        } catch (JsonMappingException e) {
            String setting = e.getPath().stream()
                    .map(JsonMappingException.Reference::getFieldName)
                    .filter(Objects::nonNull)
                    .collect(Collectors.joining("."));
            throw new IllegalArgumentException(
                    file + ": '" + setting + "' has the wrong type" + line(e)
                            + " (name, api, networkSecretFile, maxUpload, inbox and accept are strings, discovery is true or false,"
                            + " the others are lists of strings).",
                    e);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + " cannot be read" + line(e) + ": " + e.getOriginalMessage(), e);
        }
        if (json == null) {
            throw new IllegalArgumentException(file + " holds no settings; write {} for none.");
        }
        return new ConfigFile(
                Optional.ofNullable(json.name()),
                addresses(file, "listen", json.listen()),
                addresses(file, "api", json.api() == null ? null : List.of(json.api())).stream()
                        .findFirst(),
                addresses(file, "peers", json.peers()),
                json.discovery() == null || json.discovery(),
                strings(file, "interfaces", json.interfaces()),
                Optional.ofNullable(json.networkSecretFile()).map(Path::of),
                Optional.ofNullable(json.maxUpload()).map(v -> rate(file, v)),
                Optional.ofNullable(json.inbox()).map(Path::of),
                Optional.ofNullable(json.accept()).map(v -> policy(file, v)));
    }

    private static long rate(Path file, Object value) {
        try {
            return ByteRate.parse(String.valueOf(value));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": in 'maxUpload', " + e.getMessage(), e);
        }
    }

    private static dev.peernet.send.AcceptPolicy policy(Path file, String value) {
        try {
            return dev.peernet.send.AcceptPolicy.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": in 'accept', " + e.getMessage(), e);
        }
    }

    private static String line(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
    }

    private static List<HostPort> addresses(Path file, String setting, List<String> texts) {
        List<HostPort> out = new ArrayList<>();
        for (String text : strings(file, setting, texts)) {
            try {
                out.add(HostPort.parse(text));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": in '" + setting + "', " + e.getMessage() + ".", e);
            }
        }
        return out;
    }

    private static List<String> strings(Path file, String setting, List<String> texts) {
        if (texts == null) {
            return List.of();
        }
        if (texts.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException(file + ": '" + setting + "' holds a null; write strings only.");
        }
        return texts;
    }
}
