package dev.peernet.wire;

import dev.peernet.wire.proto.StreamOpen;

/** Mapping between frame records and the generated protobuf messages. */
final class WireMessages {
    private WireMessages() {}

    static byte[] open(String protocol) {
        return StreamOpen.newBuilder().setProtocol(protocol).build().toByteArray();
    }

    static byte[] error(ErrorCode code, String message) {
        return dev.peernet.wire.proto.Error.newBuilder()
                .setCodeValue(code.wireCode())
                .setMessage(message)
                .build()
                .toByteArray();
    }

    static byte[] hello(Frame.Hello h) {
        return dev.peernet.wire.proto.Hello.newBuilder()
                .setProtocolVersion(h.protocolVersion())
                .setMinProtocolVersion(h.minProtocolVersion())
                .setName(h.name())
                .addAllListenAddresses(h.listenAddresses())
                .addAllCapabilities(h.capabilities())
                .setInitialWindow(h.initialWindow())
                .setMaxFramePayload(h.maxFramePayload())
                .build()
                .toByteArray();
    }

    static Frame.Hello hello(dev.peernet.wire.proto.Hello h) {
        return new Frame.Hello(
                h.getProtocolVersion(),
                h.getMinProtocolVersion(),
                h.getName(),
                h.getListenAddressesList(),
                h.getCapabilitiesList(),
                h.getInitialWindow(),
                h.getMaxFramePayload());
    }
}
