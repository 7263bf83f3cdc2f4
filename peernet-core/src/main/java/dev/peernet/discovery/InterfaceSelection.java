package dev.peernet.discovery;

import java.util.ArrayList;
import java.util.List;

/**
 * Which interfaces discovery uses. Named interfaces are used when up with an IPv4 address; with
 * no names, every up, non-loopback, multicast-capable interface with an IPv4 address is. mDNS
 * runs over IPv4 multicast (224.0.0.251) only, so an interface needs an IPv4 address.
 */
final class InterfaceSelection {
    private InterfaceSelection() {}

    /** One interface and the verdict on it. */
    record Choice(NetworkInterfaces.Info info, boolean use, String problem) {}

    /**
     * A verdict for every present interface, plus one for each named interface that is absent.
     */
    static List<Choice> choose(List<String> wanted, List<NetworkInterfaces.Info> present) {
        List<Choice> choices = new ArrayList<>();
        for (NetworkInterfaces.Info info : present) {
            choices.add(wanted.isEmpty() ? byDefaultRule(info) : byName(wanted, info));
        }
        for (String name : wanted) {
            if (present.stream().noneMatch(i -> i.name().equals(name))) {
                choices.add(new Choice(
                        new NetworkInterfaces.Info(name, false, false, false, List.of()), false, "no such interface"));
            }
        }
        return choices;
    }

    private static Choice byDefaultRule(NetworkInterfaces.Info info) {
        if (info.loopback()) {
            return new Choice(info, false, "");
        }
        if (!info.up()) {
            return new Choice(info, false, "");
        }
        if (!info.multicast()) {
            return new Choice(info, false, "");
        }
        return usable(info);
    }

    private static Choice byName(List<String> wanted, NetworkInterfaces.Info info) {
        if (!wanted.contains(info.name())) {
            return new Choice(info, false, "");
        }
        if (!info.up()) {
            return new Choice(info, false, "interface is down");
        }
        return usable(info);
    }

    private static Choice usable(NetworkInterfaces.Info info) {
        return info.hasIpv4() ? new Choice(info, true, "") : new Choice(info, false, "no IPv4 address");
    }
}
