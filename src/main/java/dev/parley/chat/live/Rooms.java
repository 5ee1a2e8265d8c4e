package dev.parley.chat.live;

/** Names of the Socket.IO rooms the chat uses. */
final class Rooms {

    private Rooms() {
    }

    /** Sockets viewing a chat room. */
    static String chat(long roomId) {
        return "room:" + roomId;
    }

    /** Every socket (tab) of one user. */
    static String user(long userId) {
        return "user:" + userId;
    }
}
