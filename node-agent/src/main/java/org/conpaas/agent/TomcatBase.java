package org.conpaas.agent;

import java.nio.file.Path;
import java.util.List;

/**
 * A private CATALINA_BASE for a java backend: one HTTP connector on the backend port, no shutdown
 * port, no AJP, the release's code directory (an exploded WAR) as the ROOT context, logging to the
 * console (the agent's logs/catalina.log); and the command that runs Debian's Tomcat 10 on it as a
 * child of the agent.
 */
record TomcatBase(Path base, Path tomcatHome, Path java, String listenAddress, int port, Path codeDirectory) {

    static final String HEAP = "-Xmx192m";

    List<String> command() {
        return List.of(java.toString(), HEAP, "-XX:+UseSerialGC", "-Xss512k", "-XX:-UsePerfData",
                "-Djava.io.tmpdir=" + base.resolve("temp"),
                "-Djava.util.logging.config.file=" + base.resolve("conf/logging.properties"),
                "-Djava.util.logging.manager=org.apache.juli.ClassLoaderLogManager",
                "-Dcatalina.home=" + tomcatHome, "-Dcatalina.base=" + base,
                "-cp", tomcatHome.resolve("bin/bootstrap.jar") + ":" + tomcatHome.resolve("bin/tomcat-juli.jar"),
                "org.apache.catalina.startup.Bootstrap", "start");
    }

    List<Path> directories() {
        return List.of(base.resolve("conf"), base.resolve("logs"), base.resolve("temp"), base.resolve("work"), base.resolve("webapps"));
    }

    String serverXml() {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <!-- written by the ConPaaS node agent: changes are overwritten -->
                <Server port="-1" shutdown="SHUTDOWN">
                  <Service name="Catalina">
                    <Connector port="%d" address="%s" protocol="HTTP/1.1" connectionTimeout="20000" maxThreads="40" />
                    <Engine name="Catalina" defaultHost="localhost">
                      <Host name="localhost" appBase="webapps" unpackWARs="false" autoDeploy="false" deployOnStartup="false">
                        <Context path="" docBase="%s" reloadable="false" />
                      </Host>
                    </Engine>
                  </Service>
                </Server>
                """.formatted(port, xml(listenAddress), xml(codeDirectory.toString()));
    }

    /** The parts of Tomcat's default conf/web.xml a webapp expects: the default and JSP servlets, welcome files. */
    static String webXml() {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                  <servlet>
                    <servlet-name>default</servlet-name>
                    <servlet-class>org.apache.catalina.servlets.DefaultServlet</servlet-class>
                    <init-param><param-name>listings</param-name><param-value>false</param-value></init-param>
                    <load-on-startup>1</load-on-startup>
                  </servlet>
                  <servlet>
                    <servlet-name>jsp</servlet-name>
                    <servlet-class>org.apache.jasper.servlet.JspServlet</servlet-class>
                    <init-param><param-name>fork</param-name><param-value>false</param-value></init-param>
                    <load-on-startup>3</load-on-startup>
                  </servlet>
                  <servlet-mapping><servlet-name>default</servlet-name><url-pattern>/</url-pattern></servlet-mapping>
                  <servlet-mapping><servlet-name>jsp</servlet-name><url-pattern>*.jsp</url-pattern><url-pattern>*.jspx</url-pattern></servlet-mapping>
                  <session-config><session-timeout>30</session-timeout></session-config>
                  <welcome-file-list>
                    <welcome-file>index.html</welcome-file><welcome-file>index.htm</welcome-file><welcome-file>index.jsp</welcome-file>
                  </welcome-file-list>
                </web-app>
                """;
    }

    static String loggingProperties() {
        return """
                handlers = java.util.logging.ConsoleHandler
                .handlers = java.util.logging.ConsoleHandler
                .level = INFO
                java.util.logging.ConsoleHandler.level = FINE
                java.util.logging.ConsoleHandler.formatter = org.apache.juli.OneLineFormatter
                java.util.logging.ConsoleHandler.encoding = UTF-8
                """;
    }

    static String xml(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&apos;");
    }
}
