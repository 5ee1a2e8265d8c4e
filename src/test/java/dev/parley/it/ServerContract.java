package dev.parley.it;

import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.BeforeEach;

import java.net.URL;

/**
 * Tests run against more than one server: by default the Payara Micro deployment Arquillian injects; a
 * subclass that starts its own server (WildFly) overrides {@link #deployedAt()}.
 */
public abstract class ServerContract {

    @ArquillianResource
    protected URL deployed;

    private URL base;

    @BeforeEach
    protected void onLoopback() {
        base = ParleyWar.loopback(deployedAt());
    }

    /** Where the WAR under test is: Arquillian's deployment unless a subclass runs its own server. */
    protected URL deployedAt() {
        return ParleyWar.fromArquillian(deployed);
    }

    /** The WAR's base URL on the loopback interface, where tests talk to servers. */
    public URL base() {
        return base;
    }

    /**
     * The most packets a connection's budget (the default 100 a second) can have given back within a flood
     * that took {@code millis}: a flood's allowed packets are the budget plus this, whatever the machine's speed.
     */
    protected static int packetsRefilledWithin(int millis) {
        return (int) Math.ceil(millis / 10.0);
    }
}
