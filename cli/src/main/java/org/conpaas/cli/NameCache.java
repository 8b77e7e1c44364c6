package org.conpaas.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The caller's application and service names as the last list or show saw them, for shell
 * completion, which reads this file and never calls the director. One line per application
 * ({@code APP<TAB>}) and per service ({@code APP<TAB>SERVICE}). A cache only: when it cannot be
 * written, completion offers older names and the command itself goes on.
 */
final class NameCache {

    private final Path file;

    NameCache(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /** Every application of the caller with its services: replaces what was known. */
    void replaceAll(Map<String, List<String>> servicesByApp) {
        write(servicesByApp);
    }

    /** One application's services: replaces what was known of that application. */
    void replaceApp(String app, List<String> services) {
        Map<String, List<String>> known = read();
        known.put(app, services);
        write(known);
    }

    Map<String, List<String>> read() {
        Map<String, List<String>> known = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            return known;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int tab = line.indexOf('\t');
                if (tab > 0) {
                    List<String> services = known.computeIfAbsent(line.substring(0, tab), a -> new ArrayList<>());
                    if (tab + 1 < line.length()) {
                        services.add(line.substring(tab + 1));
                    }
                }
            }
        } catch (IOException e) {
            return known;
        }
        return known;
    }

    private void write(Map<String, List<String>> servicesByApp) {
        StringBuilder text = new StringBuilder();
        servicesByApp.forEach((app, services) -> {
            text.append(app).append('\t').append('\n');
            services.forEach(service -> text.append(app).append('\t').append(service).append('\n'));
        });
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path next = file.resolveSibling(file.getFileName() + ".new");
            Files.writeString(next, text, StandardCharsets.UTF_8);
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // a stale cache only makes completion offer older names
        }
    }
}
