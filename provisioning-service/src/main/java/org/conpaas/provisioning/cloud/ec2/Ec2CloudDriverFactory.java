package org.conpaas.provisioning.cloud.ec2;

import org.conpaas.provisioning.cloud.CloudDriver;
import org.conpaas.provisioning.cloud.CloudDriverFactory;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.Ec2ClientBuilder;

import java.time.Duration;
import java.util.Map;

/**
 * {@code driver=ec2}. Settings: {@code region}, {@code image-id}, {@code instance-type} (required),
 * {@code key-name}, {@code security-group-ids}, {@code subnet-id}, {@code endpoint},
 * {@code access-key-id} + {@code secret-access-key} (otherwise the SDK's default credentials chain).
 */
@Component
class Ec2CloudDriverFactory implements CloudDriverFactory {

    /** EC2 asks clients to back off exponentially; 4 attempts keep a blocked caller under a minute. */
    static final int MAX_ATTEMPTS = 4;

    private final BackoffStrategy backoff;
    private final BackoffStrategy throttlingBackoff;

    Ec2CloudDriverFactory() {
        this(BackoffStrategy.exponentialDelay(Duration.ofMillis(200), Duration.ofSeconds(10)),
                BackoffStrategy.exponentialDelay(Duration.ofSeconds(1), Duration.ofSeconds(20)));
    }

    /** Tests retry at once: they check how often the SDK retries, not how long it waits. */
    Ec2CloudDriverFactory(BackoffStrategy backoff, BackoffStrategy throttlingBackoff) {
        this.backoff = backoff;
        this.throttlingBackoff = throttlingBackoff;
    }

    @Override
    public String driver() {
        return "ec2";
    }

    @Override
    public CloudDriver create(String cloudName, String deployment, Map<String, String> settings) {
        Ec2Settings ec2 = Ec2Settings.from(cloudName, settings);
        return new Ec2CloudDriver(client(ec2), deployment, ec2);
    }

    private Ec2Client client(Ec2Settings settings) {
        Ec2ClientBuilder builder = Ec2Client.builder()
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials(settings))
                .httpClientBuilder(ApacheHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(Duration.ofSeconds(30)))
                .overrideConfiguration(c -> c.retryStrategy(retryStrategy()).apiCallTimeout(Duration.ofMinutes(2)));
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        return builder.build();
    }

    private RetryStrategy retryStrategy() {
        return DefaultRetryStrategy.standardStrategyBuilder()
                .maxAttempts(MAX_ATTEMPTS)
                .backoffStrategy(backoff)
                .throttlingBackoffStrategy(throttlingBackoff)
                .retryOnException(Ec2Errors::isTransient)
                .treatAsThrottling(Ec2Errors::isThrottling)
                // only the conditions above: the SDK's own would also retry EC2's capacity errors (HTTP 500)
                .useClientDefaults(false)
                .build();
    }

    private static AwsCredentialsProvider credentials(Ec2Settings settings) {
        if (settings.hasStaticCredentials()) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey()));
        }
        return DefaultCredentialsProvider.builder().build();
    }
}
