package org.conpaas.provisioning.cloud;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * This host's iptables as the drivers' fences use it: a chain of their own (made, or flushed and
 * filled again), a rule in a built-in chain that sends traffic to it (added once), and both taken
 * away again. Every call waits for the xtables lock; a failure says what it was for.
 */
public final class Iptables {

    private static final String IPTABLES = "/usr/sbin/iptables";

    private Iptables() {
    }

    /** Whether this process can change the host's iptables (root, the binary, a kernel that answers). */
    public static boolean available() {
        return "root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of(IPTABLES))
                && SystemCommand.run(command("-n", "-L", "OUTPUT")).exit() == 0;
    }

    /** {@code chain} holds exactly {@code rules}, in order (made when missing). */
    public static void fill(String chain, List<List<String>> rules, String purpose) {
        SystemCommand.run(command("-N", chain)); // there already after a restart: flushed below
        require(command("-F", chain), purpose);
        for (List<String> rule : rules) {
            require(with(command("-A", chain), rule), purpose);
        }
    }

    /** {@code rule} is in the built-in chain {@code builtin}, first (added when missing). */
    public static void ensure(String builtin, List<String> rule, String purpose) {
        if (!present(builtin, rule)) {
            require(with(command("-I", builtin, "1"), rule), purpose);
        }
    }

    public static boolean present(String builtin, List<String> rule) {
        return SystemCommand.run(with(command("-C", builtin), rule)).exit() == 0;
    }

    /** Every copy of {@code rule} leaves {@code builtin} (an earlier run's too). */
    public static void remove(String builtin, List<String> rule) {
        while (present(builtin, rule) && SystemCommand.run(with(command("-D", builtin), rule)).exit() == 0) {
            // the next copy, if any
        }
    }

    /** Empties and deletes a chain of ours (nothing may jump to it any more). */
    public static void drop(String chain) {
        SystemCommand.run(command("-F", chain));
        SystemCommand.run(command("-X", chain));
    }

    private static List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of(IPTABLES, "-w"));
        command.addAll(List.of(args));
        return command;
    }

    private static List<String> with(List<String> command, List<String> rule) {
        List<String> all = new ArrayList<>(command);
        all.addAll(rule);
        return all;
    }

    private static void require(List<String> command, String purpose) {
        SystemCommand.Result result = SystemCommand.run(command);
        if (result.exit() != 0) {
            throw new CloudException(CloudException.Reason.UNREACHABLE, null,
                    "could not " + purpose + " (" + String.join(" ", command) + "): " + result.output());
        }
    }
}
