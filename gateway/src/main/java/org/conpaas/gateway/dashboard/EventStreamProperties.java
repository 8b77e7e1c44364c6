package org.conpaas.gateway.dashboard;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.List;

/**
 * The dashboard's live feed: whether the gateway listens to the integration events at all (on the
 * topic exchange {@code conpaas.bus.exchange}, the one every service publishes to), how many recent
 * events it keeps for operators, how often an idle stream says it is alive, and the services'
 * consumer groups whose queues ({@code <exchange>.<group>}) and dead-letter queues
 * ({@code <exchange>.<group>.dlq}) operators see counted.
 */
@Validated
@ConfigurationProperties("conpaas.gateway.events")
public record EventStreamProperties(@DefaultValue("true") boolean enabled,
                                    @DefaultValue("200") @Min(10) @Max(10000) int recent,
                                    @DefaultValue("15s") Duration keepAlive,
                                    @DefaultValue({"identity-service", "app-service", "vpn-service", "vpn-service-services",
                                            "cert-service", "provisioning-service"}) List<String> consumerGroups) {
}
