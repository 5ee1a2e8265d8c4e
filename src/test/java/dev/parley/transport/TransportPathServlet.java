package dev.parley.transport;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Test-only servlet the engine ITs deploy with the WAR: how many WebSocket frames the server has written
 * past JSR-356 ({@link DirectFrameWriter}) and in how many writes, so a test can tell which path its frames
 * took on that container and whether they shared system calls, how many upgrade requests gave back their
 * parser's buffers ({@link UpgradedRequest}), how many header fields they dropped, and how many of Tyrus's
 * handshake copies were dropped: "frames writes released headers handshakes".
 */
@WebServlet("/it/direct-frames")
public class TransportPathServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().print(DirectFrameWriter.framesWritten() + " " + DirectFrameWriter.writes() + " "
                + UpgradedRequest.released() + " " + UpgradedRequest.headersDropped() + " "
                + UpgradedRequest.handshakesDropped());
    }
}
