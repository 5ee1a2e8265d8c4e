import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * What an embedded H2 file costs this process per commit of chat messages, outside the server: the
 * messages table as Parley's migrations make it on H2 (db/migration/V1, db/h2/V2), groups of messages to ten rooms from 500 authors inserted
 * the way MessageWriter does (ids from the sequence, one batched insert that checks the room, then the commit),
 * paced like a server's commit window, and the process's CPU time per commit and per message once the table
 * holds the prefill: the process's CPU (H2's background writer, when it has one, the JIT and the collector
 * too) and the writing thread's alone.
 *
 *   java -cp <h2.jar> bench/h2/CommitCost.java [--options ";WRITE_DELAY=0"] [--prefill 60000] [--group 10]
 *        [--commits-per-second 50] [--commits 1000] [--no-unique] [--uuid-client-ids]
 *
 * --options are appended to the file URL as Parley appends its own (WRITE_DELAY=0 unless given);
 * --no-unique leaves out the (author_id, client_msg_id) unique constraint, to see what it costs;
 * --uuid-client-ids gives messages random client ids, as the web page does, instead of the bench's numbered ones.
 * The jar is in the local Maven repository: ~/.m2/repository/com/h2database/h2/2.2.224/h2-2.2.224.jar.
 */
public final class CommitCost {

    private static final int ROOMS = 10;
    private static final int AUTHORS = 500;

    public static void main(String[] args) throws Exception {
        String options = ";WRITE_DELAY=0";
        int prefill = 60_000;
        int group = 10;
        int perSecond = 50;
        int commits = 1_000;
        boolean unique = true;
        boolean uuids = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--options" -> options = args[++i];
                case "--prefill" -> prefill = Integer.parseInt(args[++i]);
                case "--group" -> group = Integer.parseInt(args[++i]);
                case "--commits-per-second" -> perSecond = Integer.parseInt(args[++i]);
                case "--commits" -> commits = Integer.parseInt(args[++i]);
                case "--no-unique" -> unique = false;
                case "--uuid-client-ids" -> uuids = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path dir = Files.createTempDirectory("h2-commit-cost");
        try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + dir + "/parley" + options, "sa", "")) {
            createSchema(connection, unique);
            connection.setAutoCommit(false);
            Writer writer = new Writer(connection, group, uuids);
            for (int done = 0; done < prefill; done += group) {
                writer.commitGroup();
            }
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long period = TimeUnit.SECONDS.toNanos(1) / perSecond;
            var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long cpu = os.getProcessCpuTime();
            long own = threads.getCurrentThreadCpuTime();
            long next = System.nanoTime();
            for (int c = 0; c < commits; c++) {
                writer.commitGroup();
                next += period;
                LockSupport.parkNanos(next - System.nanoTime());
            }
            double perCommit = (os.getProcessCpuTime() - cpu) / 1000.0 / commits;
            double thread = (threads.getCurrentThreadCpuTime() - own) / 1000.0 / commits;
            System.out.printf("options=%s prefill=%d group=%d unique=%s, %d commits at %d/s: per commit %.0f us of the"
                    + " process's CPU (%.0f us of the writing thread's), per message %.1f us (%.1f)%n", options, prefill,
                    group, unique, commits, perSecond, perCommit, thread, perCommit / group, thread / group);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static void createSchema(Connection connection, boolean unique) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE SEQUENCE messages_id_seq START WITH 1 INCREMENT BY 1");
            statement.execute("CREATE TABLE accounts (id BIGINT PRIMARY KEY, username VARCHAR(32) NOT NULL)");
            statement.execute("CREATE TABLE rooms (id BIGINT PRIMARY KEY, name VARCHAR(64) NOT NULL)");
            statement.execute("CREATE TABLE messages (id BIGINT PRIMARY KEY,"
                    + " room_id BIGINT NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,"
                    + " author_id BIGINT NOT NULL REFERENCES accounts (id), body VARCHAR NOT NULL,"
                    + " created_at TIMESTAMP WITH TIME ZONE NOT NULL, client_msg_id VARCHAR(100)"
                    + (unique ? ", CONSTRAINT messages_author_client_msg_unique UNIQUE (author_id, client_msg_id))" : ")"));
            statement.execute("CREATE INDEX messages_room_id_idx ON messages (room_id, id)");
            statement.execute("CREATE INDEX messages_room_newest_idx ON messages (room_id DESC, id DESC)"); // db/h2/V2
            for (int i = 0; i < AUTHORS; i++) {
                statement.execute("INSERT INTO accounts VALUES (" + i + ", 'user" + i + "')");
            }
            for (int i = 0; i < ROOMS; i++) {
                statement.execute("INSERT INTO rooms VALUES (" + i + ", 'room" + i + "')");
            }
        }
    }

    /** One group at a time, as MessageWriter writes them: ids, one batched insert, the commit. */
    private static final class Writer {
        private final Connection connection;
        private final int group;
        private final boolean uuids;
        private final PreparedStatement ids;
        private final PreparedStatement insert;
        private final Random random = new Random(1);
        private final long[] sent = new long[AUTHORS];

        Writer(Connection connection, int group, boolean uuids) throws SQLException {
            this.connection = connection;
            this.group = group;
            this.uuids = uuids;
            this.ids = connection.prepareStatement("SELECT NEXT VALUE FOR messages_id_seq FROM SYSTEM_RANGE(1, ?)");
            this.insert = connection.prepareStatement("INSERT INTO messages (id, room_id, author_id, body, created_at,"
                    + " client_msg_id) SELECT ?, ?, ?, ?, ?, ? FROM rooms WHERE id = ?");
        }

        void commitGroup() throws SQLException {
            ids.setInt(1, group);
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            try (ResultSet rows = ids.executeQuery()) {
                for (int k = 0; rows.next(); k++) {
                    int author = random.nextInt(AUTHORS);
                    long room = k % ROOMS;
                    insert.setLong(1, rows.getLong(1));
                    insert.setLong(2, room);
                    insert.setLong(3, author);
                    insert.setString(4, "message " + rows.getLong(1) + " with about as much text as a chat line has");
                    insert.setObject(5, now);
                    // as the bench's senders number theirs (one client's ids in the order it sends them), or as
                    // the page makes them (crypto.randomUUID: each lands anywhere in the unique index)
                    insert.setString(6, uuids ? UUID.randomUUID().toString() : "c-" + author + "-" + sent[author]++);
                    insert.setLong(7, room);
                    insert.addBatch();
                }
            }
            insert.executeBatch();
            connection.commit();
        }
    }
}
