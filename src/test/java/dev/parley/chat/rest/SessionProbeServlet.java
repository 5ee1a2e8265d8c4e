package dev.parley.chat.rest;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.io.IOException;
import java.util.stream.Collectors;

/**
 * Test-only servlet deployed with AuthApiIT. GET it/session-probe lists the SessionEnded events heard,
 * one "sessionId userId" per line; POST it/session-probe?expire-in=1 shortens the caller's session so the
 * container expires it, and answers with the session id.
 */
@WebServlet("/it/session-probe")
public class SessionProbeServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    SessionEndedRecorder recorder;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        response.getWriter().write(recorder.heard().stream()
                .map(e -> e.sessionId() + " " + e.userId() + "\n").collect(Collectors.joining()));
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpSession session = request.getSession(false);
        if (session == null) {
            response.sendError(409, "no session");
            return;
        }
        session.setMaxInactiveInterval(Integer.parseInt(request.getParameter("expire-in")));
        response.setContentType("text/plain");
        response.getWriter().write(session.getId());
    }
}
