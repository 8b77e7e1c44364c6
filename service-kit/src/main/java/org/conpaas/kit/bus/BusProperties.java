package org.conpaas.kit.bus;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Where integration events go.
 *
 * @param exchange       the topic exchange all integration events are published to, routed by type
 * @param confirmTimeout how long a publish waits for the broker's confirm before it counts as failed
 *                       (the tracking processor then retries it: nothing is lost)
 */
@Validated
@ConfigurationProperties("conpaas.bus")
public record BusProperties(@DefaultValue("conpaas.events") @NotBlank String exchange,
                            @DefaultValue("10s") Duration confirmTimeout) {
}
