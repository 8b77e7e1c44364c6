package org.conpaas.app.service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The code versions a service keeps (number and archive size), oldest first, the newest uploaded and
 * the enabled one (what nodes run: the newest upload, or an older one enabled again). It decides which older versions go when there are more than
 * {@link CodeLimits#maxVersions()} or together more than {@link CodeLimits#maxKeptSize()} bytes.
 */
final class CodeVersions {

    record Kept(int version, long size) {
    }

    private final List<Kept> kept = new ArrayList<>();
    private final java.util.Set<Integer> refused = new java.util.HashSet<>();
    private int enabled;
    private int latest;

    void added(int version, long size) {
        kept.add(new Kept(version, size));
        enabled = version;
        latest = version;
    }

    void enabled(int version) {
        enabled = version;
    }

    /** The newest version uploaded, 0 before the first (kept or not). */
    int latest() {
        return latest;
    }

    boolean keeps(int version) {
        return kept.stream().anyMatch(k -> k.version() == version);
    }

    boolean isRefused(int version) {
        return refused.contains(version);
    }

    void pruned(Collection<Integer> versions) {
        kept.removeIf(k -> versions.contains(k.version()));
        refused.removeAll(versions);
    }

    void refused(int version) {
        refused.add(version);
    }

    /** True for a kept version not yet known as refused by a node: the first refusal is recorded. */
    boolean refusalIsNews(int version) {
        return kept.stream().anyMatch(k -> k.version() == version) && !refused.contains(version);
    }

    /** True when a node refused the enabled version: a new node would refuse it too. */
    boolean enabledIsRefused() {
        return refused.contains(enabled);
    }

    /** The version nodes are to run, 0 before the first upload. */
    int enabled() {
        return enabled;
    }

    /** The oldest versions to prune so the rest fits the limits; never the enabled one. */
    List<Integer> overLimits(CodeLimits limits) {
        long bytes = kept.stream().mapToLong(Kept::size).sum();
        int count = kept.size();
        List<Integer> prune = new ArrayList<>();
        for (Kept k : kept) {
            if (count <= limits.maxVersions() && bytes <= limits.maxKeptSize().toBytes()) {
                break;
            }
            if (k.version() == enabled || k.version() == latest) {
                continue;
            }
            prune.add(k.version());
            count--;
            bytes -= k.size();
        }
        return prune;
    }
}
