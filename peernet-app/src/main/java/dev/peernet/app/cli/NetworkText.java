package dev.peernet.app.cli;

import dev.peernet.app.api.MemberResponse;
import dev.peernet.app.api.NetworkResponse;

/** {@code peernet network}: label/value lines about the network, then one aligned row per member. */
final class NetworkText {
    private NetworkText() {}

    static String format(NetworkResponse network) {
        StringBuilder out = new StringBuilder();
        line(out, "Network:", network.name());
        line(out, "Network ID:", network.id());
        line(out, "Members:", String.valueOf(network.members()));
        line(out, "This node:", network.role());
        out.append(System.lineSeparator());
        int nameWidth = Math.max(
                "NAME".length(),
                network.memberList().stream()
                        .mapToInt(m -> m.name().length())
                        .max()
                        .orElse(0));
        String row = "%-9s%-" + (nameWidth + 2) + "s%s";
        out.append(String.format(row, "PEER", "NAME", "ROLE").stripTrailing()).append(System.lineSeparator());
        for (MemberResponse m : network.memberList()) {
            out.append(String.format(row, PeersTable.shortId(m.id()), m.name(), m.role()))
                    .append(System.lineSeparator());
        }
        return out.toString();
    }

    /** {@code 1 member}, {@code 3 members}. */
    static String members(int count) {
        return count == 1 ? "1 member" : count + " members";
    }

    private static void line(StringBuilder out, String label, String value) {
        out.append(String.format("%-12s%s%n", label, value));
    }
}
