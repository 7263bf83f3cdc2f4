package dev.peernet.app.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code peernet --version}: the version the jar manifest records. */
final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Version.class.getPackage().getImplementationVersion();
        return new String[] {"peernet " + (version == null ? "(development build)" : version)};
    }
}
