package dev.parley.it;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Test-only servlet that PayaraDeploymentIT deploys with the WAR: answers {@code ?name=k} with
 * {@code k=<MicroProfile Config value>} and {@code k.jvm=<JVM system property>}, so the IT can see which
 * configuration actually reaches the server JVM.
 */
@WebServlet("/it/config")
public class ConfigEchoServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain;charset=UTF-8");
        PrintWriter out = response.getWriter();
        for (String name : request.getParameterValues("name")) {
            out.println(name + "=" + ConfigProvider.getConfig().getOptionalValue(name, String.class).orElse("<unset>"));
            out.println(name + ".jvm=" + System.getProperty(name, "<unset>"));
        }
    }
}
