package dev.mailtrace.bench.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.core.JsonGenerator;

/**
 * Where figures were measured: they mean little without it.
 *
 * @param jdk {@code java.vm.name java.runtime.version}
 * @param os {@code os.name os.version os.arch}
 * @param cpu the CPU model (Linux {@code /proc/cpuinfo}), or {@code os.arch} elsewhere
 * @param cores available processors
 */
public record Environment(String jdk, String os, String cpu, int cores) {

    /** This JVM's environment. */
    public static Environment current() {
        return new Environment(System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                cpuModel(), Runtime.getRuntime().availableProcessors());
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or not readable: fall through
        }
        return System.getProperty("os.arch");
    }

    /** Writes {@code "environment":{jdk, os, cpu, cores}}. */
    void write(JsonGenerator g) throws IOException {
        g.writeObjectFieldStart("environment");
        g.writeStringField("jdk", jdk);
        g.writeStringField("os", os);
        g.writeStringField("cpu", cpu);
        g.writeNumberField("cores", cores);
        g.writeEndObject();
    }
}
