package org.conpaas.agent;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** A tiny WAR built in the test: one servlet compiled against Debian's Tomcat 10 servlet API (jakarta.servlet). */
final class Wars {

    static final Path SERVLET_API = Path.of("/usr/share/tomcat10/lib/servlet-api.jar");

    private Wars() {
    }

    /** A WAR whose /greeting prints {@code greeting=<GREETING from the environment>}, with a static.txt beside it. */
    static byte[] greetingWar(Path work) throws IOException {
        Path sources = Files.createDirectories(work.resolve("src/demo"));
        Path classes = Files.createDirectories(work.resolve("classes"));
        Path source = sources.resolve("GreetingServlet.java");
        Files.writeString(source, """
                package demo;

                public class GreetingServlet extends jakarta.servlet.http.HttpServlet {
                    @Override
                    protected void doGet(jakarta.servlet.http.HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response)
                            throws java.io.IOException {
                        response.setContentType("text/plain;charset=UTF-8");
                        response.getWriter().print("greeting=" + System.getenv("GREETING") + "\\n");
                    }
                }
                """);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int code = compiler.run(null, null, errors, "--release", "17", "-cp", SERVLET_API.toString(), "-d", classes.toString(),
                source.toString());
        if (code != 0) {
            throw new IOException("the servlet did not compile: " + errors);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            put(zip, "WEB-INF/web.xml", """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0" metadata-complete="true">
                      <servlet><servlet-name>greeting</servlet-name><servlet-class>demo.GreetingServlet</servlet-class></servlet>
                      <servlet-mapping><servlet-name>greeting</servlet-name><url-pattern>/greeting</url-pattern></servlet-mapping>
                    </web-app>
                    """.getBytes(StandardCharsets.UTF_8));
            put(zip, "WEB-INF/classes/demo/GreetingServlet.class", Files.readAllBytes(classes.resolve("demo/GreetingServlet.class")));
            put(zip, "static.txt", "static\n".getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }
}
