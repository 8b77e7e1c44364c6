package org.conpaas.provisioning.cloud;

import java.util.Map;

/**
 * Builds a driver of one kind ({@code local}, {@code ec2}, {@code opennebula}) for a named cloud
 * from its settings (the {@code conpaas.clouds.<name>.*} properties without the prefix, kebab-case
 * keys). Missing or wrong settings throw {@link InvalidCloudSettingsException} naming each one.
 * Factories are Spring beans; {@code deployment} is the value of the {@link CloudTags#DEPLOYMENT} tag.
 */
public interface CloudDriverFactory {

    /** The {@code driver} value this factory answers to. */
    String driver();

    CloudDriver create(String cloudName, String deployment, Map<String, String> settings);
}
