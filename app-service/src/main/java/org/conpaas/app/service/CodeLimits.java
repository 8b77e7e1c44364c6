package org.conpaas.app.service;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How much disk a service's code may take.
 *
 * @param maxUnpackedSize what one archive may unpack to, all its files together
 * @param maxEntries      files and directories one archive may hold
 * @param maxVersions     versions kept per service; older ones are pruned, never the enabled (newest) one
 * @param maxKeptSize     archive bytes kept per service; older versions are pruned until the rest fits
 */
@Validated
@ConfigurationProperties("conpaas.services.code-limits")
public record CodeLimits(@DefaultValue("256MB") DataSize maxUnpackedSize, @DefaultValue("10000") @Min(1) int maxEntries,
                         @DefaultValue("10") @Min(1) int maxVersions, @DefaultValue("512MB") DataSize maxKeptSize) {
}
