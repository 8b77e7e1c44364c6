package org.conpaas.gateway.apidocs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ApiDocumentTest {

    private final ObjectMapper json = new ObjectMapper();

    private JsonNode doc(String text) throws Exception {
        return json.readTree(text.replace('\'', '"'));
    }

    @Test
    void pathsOfEveryServiceAreKeptAndOperationsOfOnePathMerged() throws Exception {
        JsonNode identity = doc("{'paths':{'/api/users':{'get':{'operationId':'list'}}},'components':{'schemas':{}}}");
        JsonNode app = doc("{'paths':{'/api/apps':{'get':{'operationId':'apps'}},'/api/users':{'post':{'operationId':'add'}}}}");

        JsonNode merged = ApiDocument.merge(json, "2.0", List.of(new ApiDocument.Part("identity", identity), new ApiDocument.Part("app", app)));

        assertThat(merged.path("openapi").asText()).startsWith("3.");
        assertThat(merged.path("paths").path("/api/users").fieldNames()).toIterable().containsExactlyInAnyOrder("get", "post");
        assertThat(merged.path("paths").has("/api/apps")).isTrue();
        assertThat(merged.path("components").path("securitySchemes").path("bearer").path("scheme").asText()).isEqualTo("bearer");
    }

    @Test
    void aSchemaTwoServicesShapeDifferentlyIsKeptTwiceWithTheSecondsReferencesRewritten() throws Exception {
        JsonNode identity = doc("{'paths':{'/api/users':{'get':{'responses':{'200':{'content':{'application/json':{'schema':{'$ref':'#/components/schemas/View'}}}}}}}},"
                + "'components':{'schemas':{'View':{'type':'object','properties':{'name':{'type':'string'}}},"
                + "'Page':{'type':'object','properties':{'items':{'$ref':'#/components/schemas/View'}}}}}}");
        JsonNode app = doc("{'paths':{'/api/apps':{'get':{'responses':{'200':{'content':{'application/json':{'schema':{'$ref':'#/components/schemas/Page'}}}}}}}},"
                + "'components':{'schemas':{'View':{'type':'object','properties':{'id':{'type':'string'}}},"
                + "'Page':{'type':'object','properties':{'items':{'$ref':'#/components/schemas/View'}}}}}}");

        JsonNode merged = ApiDocument.merge(json, "2.0", List.of(new ApiDocument.Part("identity", identity), new ApiDocument.Part("app", app)));

        JsonNode schemas = merged.path("components").path("schemas");
        assertThat(schemas.fieldNames()).toIterable().containsExactlyInAnyOrder("View", "Page", "app.View", "app.Page");
        assertThat(schemas.path("View").path("properties").has("name")).isTrue();
        assertThat(schemas.path("app.View").path("properties").has("id")).isTrue();
        assertThat(schemas.path("Page").path("properties").path("items").path("$ref").asText()).isEqualTo("#/components/schemas/View");
        assertThat(schemas.path("app.Page").path("properties").path("items").path("$ref").asText())
                .as("the second Page refers to its own View, so it is renamed too").isEqualTo("#/components/schemas/app.View");
        assertThat(merged.path("paths").path("/api/apps").findValue("$ref").asText()).isEqualTo("#/components/schemas/app.Page");
        assertThat(merged.path("paths").path("/api/users").findValue("$ref").asText()).isEqualTo("#/components/schemas/View");
    }

    @Test
    void identicalSchemasAreKeptOnce() throws Exception {
        String problem = "{'components':{'schemas':{'Problem':{'type':'object'}}}}";
        JsonNode merged = ApiDocument.merge(json, "2.0", List.of(new ApiDocument.Part("a", doc(problem)), new ApiDocument.Part("b", doc(problem))));
        assertThat(merged.path("components").path("schemas").fieldNames()).toIterable().containsExactly("Problem");
    }
}
