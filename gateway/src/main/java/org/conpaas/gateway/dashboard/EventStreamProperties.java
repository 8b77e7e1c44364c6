package org.conpaas.gateway.dashboard;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * The dashboard's live feed: whether the gateway listens to the integration events at all (on the
 * topic exchange {@code conpaas.bus.exchange}, the one every service publishes to), how many recent
 * events it keeps for operators, and how often an idle stream says it is alive.
 */
@Validated
@ConfigurationProperties("conpaas.gateway.events")
public record EventStreamProperties(@DefaultValue("true") boolean enabled,
                                    @DefaultValue("200") @Min(10) @Max(10000) int recent,
                                    @DefaultValue("15s") Duration keepAlive) {
}
