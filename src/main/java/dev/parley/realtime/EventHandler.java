package dev.parley.realtime;

import java.util.List;

/** Handles one client event with its raw arguments (Map, List, String, Number, Boolean, null, byte[]). */
@FunctionalInterface
public interface EventHandler {
    void handle(List<Object> args, Ack ack);
}
