package dev.parley.chat.rest;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.lang.reflect.Field;
import java.util.Map;

/**
 * Test-only servlet deployed with AuthApiIT, for Payara: GET it/upgrade-probe answers how many WebSocket upgrade
 * handlers Tyrus keeps for HTTP sessions (its TyrusServletUpgrade.sessionToHandler, emptied only when a session
 * ends), found by reflection since nothing public shows it.
 */
@WebServlet("/it/upgrade-probe")
public class UpgradeProbeServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object container = getServletContext().getAttribute("jakarta.websocket.server.ServerContainer");
        try {
            Map<?, ?> handlers = (Map<?, ?>) field(field(container, "tyrusServletUpgrade"), "sessionToHandler");
            response.setContentType("text/plain");
            response.getWriter().write(Integer.toString(handlers.size()));
        } catch (ReflectiveOperationException | RuntimeException e) {
            response.sendError(404, "not Tyrus's servlet container: " + e);
        }
    }

    private static Object field(Object owner, String name) throws ReflectiveOperationException {
        for (Class<?> type = owner.getClass(); type != null; type = type.getSuperclass()) {
            try {
                Field field = type.getDeclaredField(name);
                field.setAccessible(true);
                return field.get(owner);
            } catch (NoSuchFieldException e) {
                // declared higher up
            }
        }
        throw new NoSuchFieldException(owner.getClass() + "." + name);
    }
}
