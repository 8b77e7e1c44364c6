package org.conpaas.vpn.network;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Keeps loaded networks in memory: a busy application's network takes every address request in
 * turn, and replaying its events (or snapshot) for each one would make allocation slow. Several
 * instances stay correct: the event store's sequence numbers refuse a stale write.
 */
@Configuration
class NetworkCacheConfiguration {

    @Bean
    Cache vpnNetworkCache() {
        return new WeakReferenceCache();
    }
}
