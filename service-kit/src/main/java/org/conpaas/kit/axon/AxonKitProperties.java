package org.conpaas.kit.axon;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Event-sourcing settings shared by every service.
 *
 * @param snapshotThreshold an aggregate is snapshotted after this many events are loaded
 */
@Validated
@ConfigurationProperties("conpaas.axon")
public record AxonKitProperties(@DefaultValue("100") @Min(2) int snapshotThreshold) {
}
