package org.conpaas.agent;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How far the agent unpacks a code archive before refusing it: the director checks uploads too,
 * this is the node's own second line. Settings {@code code-max-unpacked-size} (bytes, or with
 * KB/MB/GB, 1024-based) and {@code code-max-entries}.
 */
record UnpackLimits(long maxBytes, int maxEntries) {

    static final UnpackLimits DEFAULT = new UnpackLimits(256L << 20, 10_000);
    private static final Pattern SIZE = Pattern.compile("([0-9]{1,12})\\s*(B|KB|MB|GB)?");

    static UnpackLimits from(Map<String, String> values) throws SettingsException {
        long bytes = DEFAULT.maxBytes();
        int entries = DEFAULT.maxEntries();
        String size = values.get("code-max-unpacked-size");
        if (size != null && !size.isEmpty()) {
            Matcher m = SIZE.matcher(size.toUpperCase(Locale.ROOT));
            if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
                throw new SettingsException("setting code-max-unpacked-size must be a positive size such as 268435456, 256MB or 1GB,"
                        + " was '" + size + "'");
            }
            int shift = m.group(2) == null ? 0 : switch (m.group(2)) {
                case "KB" -> 10;
                case "MB" -> 20;
                case "GB" -> 30;
                default -> 0;
            };
            bytes = Long.parseLong(m.group(1)) << shift;
        }
        String count = values.get("code-max-entries");
        if (count != null && !count.isEmpty()) {
            if (!count.matches("[0-9]{1,9}") || Integer.parseInt(count) == 0) {
                throw new SettingsException("setting code-max-entries must be a positive number, was '" + count + "'");
            }
            entries = Integer.parseInt(count);
        }
        return new UnpackLimits(bytes, entries);
    }

    String describeBytes() {
        if (maxBytes % (1L << 30) == 0) {
            return (maxBytes >> 30) + " GiB";
        }
        if (maxBytes % (1L << 20) == 0) {
            return (maxBytes >> 20) + " MiB";
        }
        return maxBytes + " bytes";
    }
}
