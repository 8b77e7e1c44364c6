package org.conpaas.kit.webtest;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.util.List;

/** A service that is nothing but the kit and one endpoint of each kind of field, for the kit's web tests. */
@SpringBootApplication
public class KitWebTestApplication {

    enum Size { SMALL, LARGE }

    record Label(@JsonValue String value) {
        @JsonCreator
        public static Label of(String value) {
            return new Label(value);
        }
    }

    record Order(String name, int nodes, Integer replicas, boolean enabled, double weight, Size size,
                 List<String> tags, Label label, Part part) {
    }

    record Part(String name, long count) {
    }

    @RestController
    static class Orders {

        @PostMapping("/api/orders")
        Order place(@RequestBody Order order) {
            return order;
        }

        @GetMapping("/api/teapot")
        void teapot(HttpServletResponse response) throws IOException {
            response.sendError(418);
        }
    }
}
