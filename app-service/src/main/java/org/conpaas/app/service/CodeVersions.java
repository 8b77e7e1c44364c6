package org.conpaas.app.service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The code versions a service keeps (number and archive size), oldest first. The newest is the
 * enabled one: the one nodes run. It decides which older versions go when there are more than
 * {@link CodeLimits#maxVersions()} or together more than {@link CodeLimits#maxKeptSize()} bytes.
 */
final class CodeVersions {

    private record Kept(int version, long size) {
    }

    private final List<Kept> kept = new ArrayList<>();
    private int enabled;

    void added(int version, long size) {
        kept.add(new Kept(version, size));
        enabled = version;
    }

    void pruned(Collection<Integer> versions) {
        kept.removeIf(k -> versions.contains(k.version()));
    }

    /** The newest version, 0 before the first upload. */
    int enabled() {
        return enabled;
    }

    /** The oldest versions to prune so the rest fits the limits; never the enabled one. */
    List<Integer> overLimits(CodeLimits limits) {
        long bytes = kept.stream().mapToLong(Kept::size).sum();
        int count = kept.size();
        List<Integer> prune = new ArrayList<>();
        for (Kept k : kept) {
            if (k.version() == enabled || count <= limits.maxVersions() && bytes <= limits.maxKeptSize().toBytes()) {
                break;
            }
            prune.add(k.version());
            count--;
            bytes -= k.size();
        }
        return prune;
    }
}
