package dev.parley.chat.live;

import dev.parley.chat.StorageBackend;
import dev.parley.chat.rest.ChatDeployments;
import dev.parley.chat.storage.DatabaseSettings;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/** The socket contract on a real PostgreSQL server (started for the ITs by src/test/support/postgres.sh). */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ChatSocketPostgresIT extends ChatSocketContract {

    @Deployment(testable = false)
    static WebArchive deployment() {
        DatabaseSettings database = StorageBackend.freshPostgres();
        return ChatDeployments.with(database.url(), database.user(), database.password(), CONFIG);
    }
}
