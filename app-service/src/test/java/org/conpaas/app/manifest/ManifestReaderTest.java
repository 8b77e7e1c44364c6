package org.conpaas.app.manifest;

import org.conpaas.kit.web.ApiException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The shape of a manifest: what it says, read from YAML or JSON, and every problem listed by its path. */
class ManifestReaderTest {

    @Test
    void aManifestSaysEachServicesTypeNodesEnvironmentHealthBindingsAndCode() {
        Manifest manifest = ManifestReader.read("""
                application: shop
                services:
                  - name: db
                    type: mysql
                    nodes: 3
                  - name: site
                    type: PHP
                    code: ./site
                    nodes: {proxy: 1, backend: 2}
                    environment: {GREETING: hello, RETRIES: 3, DEBUG: false}
                    secrets: [API_KEY]
                    health: /health
                    bind: [db, {service: other, database: shop_data}]
                """, false);
        assertThat(manifest.application()).isEqualTo("shop");
        assertThat(manifest.services()).extracting(Manifest.Service::name).containsExactly("db", "site");
        Manifest.Service site = manifest.services().get(1);
        assertThat(site.type()).isEqualTo("php");
        assertThat(site.code()).isEqualTo("./site");
        assertThat(site.nodes().byRole()).isEqualTo(Map.of("proxy", 1, "backend", 2));
        assertThat(site.environment()).containsEntry("RETRIES", "3").containsEntry("DEBUG", "false");
        assertThat(site.secrets()).containsExactly("API_KEY");
        assertThat(site.bindings()).containsExactly(new Manifest.Binding("db", null), new Manifest.Binding("other", "shop_data"));
        assertThat(manifest.services().get(0).nodes().total()).isEqualTo(3);
        assertThat(manifest.services().get(0).environment()).as("left out: left alone").isNull();
        assertThat(manifest.services().get(0).bindings()).isNull();

        Manifest json = ManifestReader.read("{\"services\":[{\"name\":\"w\",\"type\":\"generic\",\"nodes\":0}]}", true);
        assertThat(json.services().get(0).nodes().total()).isZero();
    }

    @Test
    void everyProblemIsListedByItsPathAndNothingIsHalfRead() {
        ApiException refused = catchThrowableOfType(ApiException.class, () -> ManifestReader.read("""
                services:
                  - name: site
                    type: php
                    nodes: -1
                    replicas: 2
                    environment: {A: [1, 2]}
                  - name: site
                  - name: "bad name!"
                    type: generic
                    nodes: {proxy: 1, workers: 2}
                    bind: [42]
                """, false));
        assertThat(refused.getMessage()).isEqualTo("the manifest has 8 problems; nothing was changed");
        assertThat(refused.errors()).containsExactlyInAnyOrder(
                "services[0].replicas: unknown field (known: bind, cloud, code, environment, health, name, nodes, secrets, type)",
                "services[0] (site).nodes: a whole number from 0, not -1",
                "services[0] (site).environment.A: a value is text, a number or true/false",
                "services[1].type: every service needs a type (cps catalog lists them)",
                "services[1].name: site is named twice",
                "services[2].name: 1 to 64 letters, digits, '-', '_' or '.', starting with a letter or digit, not 'bad name!'",
                "services[2] (bad name!).nodes.workers: roles are proxy, web and backend",
                "services[2] (bad name!).bind[0]: a mysql service's name, or {service: NAME, database: NAME}");
    }

    @Test
    void brokenYamlSaysWhereAndAnEmptyOneWhatToSend() {
        assertThat(catchThrowableOfType(ApiException.class, () -> ManifestReader.read("services:\n  - name: [unclosed\n", false))
                .getMessage()).startsWith("the manifest is not YAML at line");
        assertThat(catchThrowableOfType(ApiException.class, () -> ManifestReader.read("  ", false)).getMessage())
                .isEqualTo("the manifest is empty: send YAML or JSON with application and services");
        assertThat(catchThrowableOfType(ApiException.class, () -> ManifestReader.read("- a\n- b\n", false)).errors())
                .isEqualTo(List.of("the manifest must be a mapping with application and services"));
    }
}
