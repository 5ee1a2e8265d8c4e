package dev.parley.transport;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientBundleServletTest {

    @Test
    void gzipIsSentOnlyWhenTheClientTakesIt() {
        assertTrue(ClientBundleServlet.acceptsGzip("gzip"));
        assertTrue(ClientBundleServlet.acceptsGzip("gzip, deflate, br"));
        assertTrue(ClientBundleServlet.acceptsGzip("br;q=1.0, GZIP;q=0.5"));
        assertTrue(ClientBundleServlet.acceptsGzip("*"));

        assertFalse(ClientBundleServlet.acceptsGzip(null));
        assertFalse(ClientBundleServlet.acceptsGzip(""));
        assertFalse(ClientBundleServlet.acceptsGzip("br, deflate"));
        assertFalse(ClientBundleServlet.acceptsGzip("gzip;q=0"));
        assertFalse(ClientBundleServlet.acceptsGzip("gzip; q=0.00, br"));
        assertFalse(ClientBundleServlet.acceptsGzip("identity, xgzip"));
    }
}
