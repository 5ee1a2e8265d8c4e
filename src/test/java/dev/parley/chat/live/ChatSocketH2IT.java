package dev.parley.chat.live;

import dev.parley.chat.rest.ChatDeployments;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/** The socket contract on the default database: an H2 file. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ChatSocketH2IT extends ChatSocketContract {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ChatDeployments.onFreshH2(CONFIG);
    }
}
