/**
 * Benchmarks run as plain main classes by the scripts under {@code bench/}; see the module's
 * README. Nothing here runs during the build.
 */
package dev.peernet.bench;
