package dev.parley.it.engine;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/** The engine contract on Payara Micro. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class EngineIT extends EngineContract {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return withScenarios();
    }

    @Override
    protected boolean onGrizzly() {
        return true;
    }
}
