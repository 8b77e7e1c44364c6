package org.conpaas.kit.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param maxRequestSize the largest request body a service accepts
 * @param maxUploadSize  the largest code archive a service accepts ({@code PUT …/code}, streamed)
 */
@ConfigurationProperties("conpaas.web")
public record WebProperties(@DefaultValue("1MB") DataSize maxRequestSize, @DefaultValue("100MB") DataSize maxUploadSize) {
}
