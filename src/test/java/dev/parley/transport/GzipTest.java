package dev.parley.transport;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GzipTest {

    @Test
    void gzipIsSentOnlyWhenTheClientTakesIt() {
        assertTrue(Gzip.accepted("gzip"));
        assertTrue(Gzip.accepted("gzip, deflate, br"));
        assertTrue(Gzip.accepted("br;q=1.0, GZIP;q=0.5"));
        assertTrue(Gzip.accepted("*"));

        assertFalse(Gzip.accepted(null));
        assertFalse(Gzip.accepted(""));
        assertFalse(Gzip.accepted("br, deflate"));
        assertFalse(Gzip.accepted("gzip;q=0"));
        assertFalse(Gzip.accepted("gzip; q=0.00, br"));
        assertFalse(Gzip.accepted("identity, xgzip"));
    }
}
