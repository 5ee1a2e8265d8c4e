package dev.parley.chat.message;

import dev.parley.chat.room.RoomDirectory;
import dev.parley.chat.storage.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.TypedQuery;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds messages by their text in the rooms a reader may read: public rooms and the private ones they are a
 * member of. Deleted messages are never found. A plain substring in any case (as the database lowers letters):
 * no index serves it, so a search reads the newest messages back until it has a page, or to the oldest when
 * fewer match; fine for an intranet's chat, not for an archive of millions.
 */
@ApplicationScoped
public class MessageSearch {

    private static final String FOUND = MessageStore.VIEW
            + "WHERE m.roomId IN :rooms AND m.deletedAt IS NULL AND m.id < :before "
            + "AND LOWER(m.text) LIKE :pattern ESCAPE '!' ";

    private Database database;

    protected MessageSearch() {
        // for CDI proxies
    }

    @Inject
    public MessageSearch(Database database) {
        this.database = database;
    }

    /**
     * @return the newest matches first; {@code hasMore} when the next page ({@code before} the last) has more
     * @throws dev.parley.chat.ChatException NotFound or Forbidden for a {@code roomId} the reader may not read
     */
    public MessagePage find(long readerId, SearchRequest request) {
        return database.inTransaction(em -> {
            List<Long> rooms;
            // in one room: along its (room_id, id) index, newest first, as history reads it
            String order = "ORDER BY m.id DESC";
            if (request.roomId() != null) {
                RoomDirectory.requireAccess(em, request.roomId(), readerId);
                rooms = List.of(request.roomId());
                order = "ORDER BY m.roomId DESC, m.id DESC";
            } else {
                rooms = RoomDirectory.readableRoomIds(em, readerId);
            }
            if (rooms.isEmpty()) {
                return new MessagePage(List.of(), false);
            }
            TypedQuery<MessageView> query = em.createQuery(FOUND + order, MessageView.class)
                    .setParameter("rooms", rooms)
                    .setParameter("before", request.before() == null ? Long.MAX_VALUE : request.before())
                    .setParameter("pattern", request.pattern())
                    .setMaxResults(request.limit() + 1);
            List<MessageView> found = new ArrayList<>(query.getResultList());
            boolean hasMore = found.size() > request.limit();
            return new MessagePage(List.copyOf(found.subList(0, Math.min(found.size(), request.limit()))), hasMore);
        });
    }
}
