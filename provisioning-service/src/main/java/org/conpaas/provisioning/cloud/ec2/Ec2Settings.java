package org.conpaas.provisioning.cloud.ec2;

import org.conpaas.provisioning.cloud.InvalidCloudSettingsException;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * One EC2 cloud's settings, checked all at once so the operator sees every problem together.
 * Optional values are null (or empty) when not set.
 */
record Ec2Settings(String region, String imageId, String instanceType, String keyName, List<String> securityGroupIds,
                   String subnetId, URI endpoint, String accessKeyId, String secretAccessKey) {

    static final Set<String> KEYS = Set.of("region", "image-id", "instance-type", "key-name", "security-group-ids", "subnet-id",
            "endpoint", "access-key-id", "secret-access-key");

    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]+");
    private static final Pattern AMI = Pattern.compile("ami-[0-9a-f]{8}([0-9a-f]{9})?");
    private static final Pattern INSTANCE_TYPE = Pattern.compile("[a-z][a-z0-9-]*\\.[a-z0-9-]+");
    private static final Pattern SECURITY_GROUP = Pattern.compile("sg-[0-9a-f]{8}([0-9a-f]{9})?");
    private static final Pattern SUBNET = Pattern.compile("subnet-[0-9a-f]{8}([0-9a-f]{9})?");

    /** Reads and checks the settings; throws {@link InvalidCloudSettingsException} naming every missing or wrong one. */
    static Ec2Settings from(String cloudName, Map<String, String> settings) {
        List<String> problems = new ArrayList<>();
        String region = required(settings, "region", REGION, "region must look like eu-west-1", problems);
        String imageId = required(settings, "image-id", AMI, "image-id must look like ami-xxxxxxxx (8 or 17 hex digits)", problems);
        String instanceType = required(settings, "instance-type", INSTANCE_TYPE, "instance-type must look like t3.micro", problems);
        String subnetId = optional(settings, "subnet-id", SUBNET, "subnet-id must look like subnet-xxxxxxxx", problems);
        List<String> groups = new ArrayList<>();
        String groupList = value(settings, "security-group-ids");
        if (groupList != null) {
            for (String group : groupList.split(",")) {
                String id = group.trim();
                if (SECURITY_GROUP.matcher(id).matches()) {
                    groups.add(id);
                } else {
                    problems.add("security-group-ids must be a comma list of sg-xxxxxxxx, not '" + id + "'");
                }
            }
        }
        URI endpoint = endpoint(value(settings, "endpoint"), problems);
        String accessKeyId = value(settings, "access-key-id");
        String secretAccessKey = value(settings, "secret-access-key");
        if ((accessKeyId == null) != (secretAccessKey == null)) {
            problems.add("access-key-id and secret-access-key go together: set both, or neither to use the default AWS credentials");
        }
        Set<String> unknown = new TreeSet<>(settings.keySet());
        unknown.removeAll(KEYS);
        if (!unknown.isEmpty()) {
            problems.add("unknown settings " + unknown + " (known: " + new TreeSet<>(KEYS) + ")");
        }
        if (!problems.isEmpty()) {
            throw new InvalidCloudSettingsException(cloudName, problems);
        }
        return new Ec2Settings(region, imageId, instanceType, value(settings, "key-name"), List.copyOf(groups), subnetId, endpoint,
                accessKeyId, secretAccessKey);
    }

    boolean hasStaticCredentials() {
        return accessKeyId != null;
    }

    @Override
    public String toString() {
        // the secret stays out of logs and messages
        return "Ec2Settings[region=" + region + ", image-id=" + imageId + ", instance-type=" + instanceType + ", endpoint=" + endpoint + "]";
    }

    private static String required(Map<String, String> settings, String key, Pattern shape, String wrong, List<String> problems) {
        String value = value(settings, key);
        if (value == null) {
            problems.add(key + " is required");
            return null;
        }
        return checked(value, shape, wrong, problems);
    }

    private static String optional(Map<String, String> settings, String key, Pattern shape, String wrong, List<String> problems) {
        String value = value(settings, key);
        return value == null ? null : checked(value, shape, wrong, problems);
    }

    private static String checked(String value, Pattern shape, String wrong, List<String> problems) {
        if (!shape.matcher(value).matches()) {
            problems.add(wrong + ", not '" + value + "'");
        }
        return value;
    }

    private static URI endpoint(String value, List<String> problems) {
        if (value == null) {
            return null;
        }
        try {
            URI uri = URI.create(value);
            if (uri.getHost() != null && Arrays.asList("http", "https").contains(uri.getScheme())) {
                return uri;
            }
        } catch (IllegalArgumentException malformed) {
            // reported below
        }
        problems.add("endpoint must be an http(s) URL such as https://ec2.eu-west-1.amazonaws.com, not '" + value + "'");
        return null;
    }

    private static String value(Map<String, String> settings, String key) {
        String value = settings.get(key);
        return value == null || value.isBlank() ? null : value.trim();
    }
}
