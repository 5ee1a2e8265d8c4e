package dev.parley.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The connections of one scenario: rooms x members, where each room has a few probes (spread over the join
 * order, the last joiner always among them, so the slowest-served position is measured) and a few senders;
 * everyone else is a sink that only counts.
 */
final class Population {
    final List<BenchConnection> connections = new ArrayList<>();
    final BenchConnection[] senders;
    final int[] roomSizes;
    final int members;

    /**
     * @param roomIds       the target's room ids, one per room
     * @param indexOffset   first connection index (so users differ between phases on one server)
     */
    Population(EventLoop loop, List<String> roomIds, int members, int probesPerRoom, int sendersPerRoom, int indexOffset) {
        int rooms = roomIds.size();
        this.members = members;
        this.roomSizes = new int[rooms];
        List<BenchConnection> senderList = new ArrayList<>();
        // Members join in rounds across rooms, so every room fills at the same pace.
        for (int j = 0; j < members; j++) {
            for (int r = 0; r < rooms; r++) {
                boolean probe = isSpreadPosition(j, members, probesPerRoom, true);
                boolean sender = isSpreadPosition(j, members, sendersPerRoom, false);
                BenchConnection c = new BenchConnection(loop, indexOffset + connections.size(), r, roomIds.get(r), probe, sender);
                connections.add(c);
                if (sender) {
                    senderList.add(c);
                }
            }
        }
        this.senders = senderList.toArray(new BenchConnection[0]);
    }

    /** Whether position j is one of count positions spread evenly over 0..members-1 (ending at the last one, or starting at 0). */
    static boolean isSpreadPosition(int j, int members, int count, boolean endAtLast) {
        if (count <= 0) {
            return false;
        }
        if (count >= members) {
            return true;
        }
        for (int p = 0; p < count; p++) {
            int position = endAtLast ? (int) ((long) (p + 1) * members / count) - 1 : (int) ((long) p * members / count);
            if (position == j) {
                return true;
            }
        }
        return false;
    }

    /** Counts who actually made it into each room, which is what a broadcast reaches. */
    void countRoomSizes() {
        java.util.Arrays.fill(roomSizes, 0);
        for (BenchConnection c : connections) {
            if (c.state == BenchConnection.State.READY) {
                roomSizes[c.room]++;
            }
        }
    }

    int probes() {
        int n = 0;
        for (BenchConnection c : connections) {
            n += c.probe ? 1 : 0;
        }
        return n;
    }
}
