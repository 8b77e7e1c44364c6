package org.conpaas.app.application;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param maxPerUser applications one user may own at once (administrators too); a create beyond it
 *                   is refused with 409 until one is deleted. Bounds what one account can make the
 *                   platform store and allocate.
 */
@ConfigurationProperties("conpaas.applications")
public record ApplicationLimits(@DefaultValue("100") int maxPerUser) {
}
