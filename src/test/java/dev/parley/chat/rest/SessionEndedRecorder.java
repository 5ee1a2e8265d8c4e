package dev.parley.chat.rest;

import dev.parley.chat.auth.SessionEnded;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test-only observer deployed with AuthApiIT: remembers every SessionEnded event it hears. */
@ApplicationScoped
public class SessionEndedRecorder {

    private final List<SessionEnded> heard = new CopyOnWriteArrayList<>();

    void record(@Observes SessionEnded event) {
        heard.add(event);
    }

    public List<SessionEnded> heard() {
        return List.copyOf(heard);
    }
}
