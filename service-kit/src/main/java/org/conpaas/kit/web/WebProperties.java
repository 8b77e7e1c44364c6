package org.conpaas.kit.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/** @param maxRequestSize the largest request body a service accepts (uploads have their own limit) */
@ConfigurationProperties("conpaas.web")
public record WebProperties(@DefaultValue("1MB") DataSize maxRequestSize) {
}
