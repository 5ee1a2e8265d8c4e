import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Who holds a heap's bytes: reads an HPROF heap dump (jcmd <pid> GC.heap_dump <file>) and charges every
 * object to the nearest object up its chain of first referrers whose class is not the JDK's (a String in a
 * HashMap in a TyrusSession is the TyrusSession's). A class histogram says what the heap is made of; this
 * says whose it is. First referrer, not dominator: an object two owners share is charged to one of them.
 * Sizes are shallow HotSpot sizes with compressed pointers (12-byte header, 4-byte references, 8-byte alignment).
 *
 *   java bench/heap/HeapOwners.java <dump> [--per N]          owners, and bytes per N (e.g. connections)
 *   java bench/heap/HeapOwners.java <dump> --paths <class> <depth>   how instances of a class are reached
 *   java bench/heap/HeapOwners.java <dump> --roots <class> <n>       what keeps them alive: the shortest
 *                                                                    path from a GC root to n of them
 *
 * Needs a few GB of heap for a dump of some 10 million objects: java -Xmx6g bench/heap/HeapOwners.java ...
 */
public final class HeapOwners {

    private int idSize;
    private final Map<Long, String> strings = new HashMap<>();
    private final Map<Long, Long> classNames = new HashMap<>();
    private final Map<Long, long[]> fieldNames = new HashMap<>();
    private final Map<Long, byte[]> fieldTypes = new HashMap<>();
    private final Map<Long, Long> superclasses = new HashMap<>();
    private final Map<Long, Integer> classIndex = new HashMap<>();
    private final List<Long> classIds = new ArrayList<>();
    private long[] ids = new long[1 << 20];
    private int[] types = new int[1 << 20];
    private int[] sizes = new int[1 << 20]; // arrays' sizes; instances' come from their class (-1 here)
    private int count;
    private LongIndex index;
    private int[] parent;
    private int[] parentField;
    private final List<String> fieldKeys = new ArrayList<>();
    private final Map<String, Integer> fieldKeyIndex = new HashMap<>();
    private int[] instanceSize;
    /** Every reference, kept for --roots only: from, to, field index. */
    private boolean keepEdges;
    private int[] edges = new int[0];
    private int edgeCount;
    private final List<Long> rootIds = new ArrayList<>();

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: HeapOwners <dump> [--per N] | [--paths <class> <depth>]");
            System.exit(2);
        }
        HeapOwners heap = new HeapOwners();
        heap.keepEdges = args.length >= 4 && args[1].equals("--roots");
        try (FileChannel file = FileChannel.open(Path.of(args[0]))) {
            heap.pass(new Reader(file), 1);
            heap.index = new LongIndex(heap.count * 2);
            for (int i = 0; i < heap.count; i++) {
                heap.index.put(heap.ids[i], i);
            }
            heap.parent = new int[heap.count];
            Arrays.fill(heap.parent, -1);
            heap.parentField = new int[heap.count];
            heap.pass(new Reader(file), 2);
        }
        heap.sizeInstances();
        if (heap.keepEdges) {
            heap.roots(args[2], Integer.parseInt(args[3]));
        } else if (args.length >= 4 && args[1].equals("--paths")) {
            heap.paths(args[2], Integer.parseInt(args[3]));
        } else {
            heap.owners(args.length >= 3 && args[1].equals("--per") ? Integer.parseInt(args[2]) : 0);
        }
    }

    // ---- reading ----------------------------------------------------------------------------------------

    private void pass(Reader r, int pass) throws IOException {
        r.skip(19); // "JAVA PROFILE 1.0.2\0"
        idSize = r.u4();
        r.idSize = idSize;
        r.skip(8);
        while (r.remaining() > 0) {
            int tag = r.u1();
            r.u4();
            long length = r.u4() & 0xffffffffL;
            long end = r.pos + length;
            if (tag == 0x01 && pass == 1) {
                long id = r.id();
                strings.put(id, new String(r.bytes((int) (length - idSize))));
            } else if (tag == 0x02 && pass == 1) {
                r.u4();
                long classId = r.id();
                r.u4();
                classNames.put(classId, r.id());
            } else if (tag == 0x0C || tag == 0x1C) {
                heapRecords(r, end, pass);
            }
            r.seek(end);
        }
    }

    private void heapRecords(Reader r, long end, int pass) throws IOException {
        while (r.pos < end) {
            int sub = r.u1();
            switch (sub) {
                case 0xFF, 0x05, 0x07 -> root(r.id(), pass);
                case 0x01 -> { root(r.id(), pass); r.skip(idSize); }
                case 0x02, 0x03, 0x08 -> { root(r.id(), pass); r.skip(8); }
                case 0x04, 0x06 -> { root(r.id(), pass); r.skip(4); }
                case 0x20 -> classDump(r, pass);
                case 0x21 -> instanceDump(r, pass);
                case 0x22 -> {
                    long id = r.id();
                    r.u4();
                    int n = r.u4();
                    long arrayClass = r.id();
                    if (pass == 1) {
                        r.skip((long) n * idSize);
                        add(id, typeOf(arrayClass), align(16 + 4L * n));
                    } else {
                        int self = index.get(id);
                        for (int i = 0; i < n; i++) {
                            refer(self, r.id(), "[]");
                        }
                    }
                }
                case 0x23 -> {
                    long id = r.id();
                    r.u4();
                    int n = r.u4();
                    int type = r.u1();
                    r.skip((long) n * valueSize(type));
                    if (pass == 1) {
                        add(id, typeOf(-type), align(16 + (long) n * valueSize(type)));
                    }
                }
                default -> throw new IOException("unknown heap record 0x" + Integer.toHexString(sub) + " at " + r.pos);
            }
        }
    }

    private void classDump(Reader r, int pass) throws IOException {
        long classId = r.id();
        r.u4();
        long superclass = r.id();
        r.skip(5L * idSize + 4);
        int constants = r.u2();
        for (int i = 0; i < constants; i++) {
            r.u2();
            r.skip(valueSize(r.u1()));
        }
        int statics = r.u2();
        List<Long> staticRefs = new ArrayList<>();
        for (int i = 0; i < statics; i++) {
            r.id();
            int type = r.u1();
            if (type == 2) {
                staticRefs.add(r.id());
            } else {
                r.skip(valueSize(type));
            }
        }
        int fields = r.u2();
        long[] names = new long[fields];
        byte[] fieldType = new byte[fields];
        for (int i = 0; i < fields; i++) {
            names[i] = r.id();
            fieldType[i] = (byte) r.u1();
        }
        if (pass == 1) {
            fieldNames.put(classId, names);
            fieldTypes.put(classId, fieldType);
            superclasses.put(classId, superclass);
            add(classId, typeOf(classId), 0);
        } else {
            int self = index.get(classId);
            for (long ref : staticRefs) {
                refer(self, ref, "static");
            }
        }
    }

    private void instanceDump(Reader r, int pass) throws IOException {
        long id = r.id();
        r.u4();
        long classId = r.id();
        int length = r.u4();
        if (pass == 1) {
            r.skip(length);
            add(id, typeOf(classId), -1);
            return;
        }
        int self = index.get(id);
        long stop = r.pos + length;
        for (long c = classId; c != 0 && r.pos < stop; c = superclasses.getOrDefault(c, 0L)) {
            long[] names = fieldNames.get(c);
            byte[] fieldType = fieldTypes.get(c);
            if (names == null) {
                break;
            }
            for (int i = 0; i < names.length; i++) {
                if (fieldType[i] == 2) {
                    refer(self, r.id(), strings.getOrDefault(names[i], "?"));
                } else {
                    r.skip(valueSize(fieldType[i]));
                }
            }
        }
        r.seek(stop);
    }

    private void add(long id, int type, int size) {
        if (count == ids.length) {
            ids = Arrays.copyOf(ids, count * 2);
            types = Arrays.copyOf(types, count * 2);
            sizes = Arrays.copyOf(sizes, count * 2);
        }
        ids[count] = id;
        types[count] = type;
        sizes[count] = size;
        count++;
    }

    private void root(long id, int pass) {
        if (pass == 1 && keepEdges) {
            rootIds.add(id);
        }
    }

    private void refer(int from, long to, String field) {
        int target = to == 0 ? -1 : index.get(to);
        if (keepEdges && target >= 0 && !field.equals("referent")) { // weak and soft referents keep nothing
            if (edgeCount * 3 + 3 > edges.length) {
                edges = Arrays.copyOf(edges, Math.max(1 << 20, edges.length * 2));
            }
            edges[edgeCount * 3] = from;
            edges[edgeCount * 3 + 1] = target;
            edges[edgeCount * 3 + 2] = fieldKeyIndex.computeIfAbsent(field, k -> {
                fieldKeys.add(k);
                return fieldKeys.size() - 1;
            });
            edgeCount++;
        }
        if (target < 0 || target == from || parent[target] >= 0) {
            return;
        }
        parent[target] = from;
        parentField[target] = fieldKeyIndex.computeIfAbsent(field, k -> {
            fieldKeys.add(k);
            return fieldKeys.size() - 1;
        });
    }

    private int typeOf(long classId) {
        return classIndex.computeIfAbsent(classId, k -> {
            classIds.add(k);
            return classIds.size() - 1;
        });
    }

    private int valueSize(int type) {
        return switch (type) {
            case 2 -> idSize;
            case 4, 8 -> 1;
            case 5, 9 -> 2;
            case 6, 10 -> 4;
            case 7, 11 -> 8;
            default -> throw new IllegalStateException("basic type " + type);
        };
    }

    private static int align(long size) {
        return (int) ((size + 7) & ~7L);
    }

    /** Instance sizes from their classes' fields: what HotSpot lays out with compressed pointers. */
    private void sizeInstances() {
        instanceSize = new int[classIds.size()];
        for (int t = 0; t < classIds.size(); t++) {
            long bytes = 12;
            for (long c = classIds.get(t); c > 0 && fieldTypes.containsKey(c); c = superclasses.getOrDefault(c, 0L)) {
                for (byte type : fieldTypes.get(c)) {
                    bytes += type == 2 ? 4 : valueSize(type);
                }
            }
            instanceSize[t] = align(bytes);
        }
    }

    private int size(int i) {
        return sizes[i] >= 0 ? sizes[i] : instanceSize[types[i]];
    }

    private static final String[] PRIMITIVE_ARRAYS = {"", "", "", "", "boolean[]", "char[]", "float[]",
            "double[]", "byte[]", "short[]", "int[]", "long[]"};

    private String typeName(int i) {
        long classId = classIds.get(types[i]);
        if (classId < 0) {
            return PRIMITIVE_ARRAYS[(int) -classId];
        }
        Long name = classNames.get(classId);
        return name == null ? "?" : strings.getOrDefault(name, "?").replace('/', '.');
    }

    private static boolean jdk(String type) {
        return type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.")
                || type.startsWith("[") || type.endsWith("[]");
    }

    // ---- reports ----------------------------------------------------------------------------------------

    private void owners(int per) {
        Map<String, long[]> byOwner = new HashMap<>();
        Map<String, long[]> byGroup = new HashMap<>();
        long total = 0;
        String[] names = new String[count];
        for (int i = 0; i < count; i++) {
            names[i] = typeName(i);
        }
        for (int i = 0; i < count; i++) {
            int owner = i;
            for (int hops = 0; owner >= 0 && jdk(names[owner]) && hops < 64; hops++) {
                owner = parent[owner];
            }
            String name = owner < 0 ? "(no owner outside the JDK)" : names[owner];
            long size = size(i);
            total += size;
            long[] o = byOwner.computeIfAbsent(name, k -> new long[2]);
            o[0] += size;
            o[1]++;
            byGroup.computeIfAbsent(group(name), k -> new long[2])[0] += size;
        }
        System.out.printf("%d objects, %d bytes%n%nby owner's library:%n", count, total);
        print(byGroup, per, 20);
        System.out.printf("%nby owner's class:%n");
        print(byOwner, per, 60);
    }

    private static String group(String owner) {
        String[][] groups = {{"org.glassfish.grizzly.", "Grizzly"}, {"org.glassfish.tyrus.", "Tyrus"},
                {"org.apache.catalina.", "Catalina (Payara's web container)"},
                {"com.sun.enterprise.web.", "Catalina (Payara's web container)"}, {"dev.parley.", "Parley"},
                {"org.h2.", "H2"}, {"org.jboss.weld.", "Weld"}, {"org.eclipse.persistence.", "EclipseLink"}};
        for (String[] g : groups) {
            if (owner.startsWith(g[0])) {
                return g[1];
            }
        }
        return "other";
    }

    private static void print(Map<String, long[]> rows, int per, int limit) {
        rows.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0])).limit(limit)
                .forEach(e -> System.out.printf("%14d B %s %s%n", e.getValue()[0],
                        per > 0 ? String.format("%9.1f B/each", e.getValue()[0] / (double) per) : "", e.getKey()));
    }

    private void paths(String type, int depth) {
        Map<String, long[]> rows = new HashMap<>();
        for (int i = 0; i < count; i++) {
            if (!typeName(i).equals(type)) {
                continue;
            }
            StringBuilder path = new StringBuilder(type);
            for (int o = i, d = 0; d < depth && o >= 0; d++, o = parent[o]) {
                if (parent[o] < 0) {
                    path.append(" <- (root)");
                    break;
                }
                path.append(" <-").append(fieldKeys.get(parentField[o])).append("- ").append(typeName(parent[o]));
            }
            long[] row = rows.computeIfAbsent(path.toString(), k -> new long[2]);
            row[0] += size(i);
            row[1]++;
        }
        rows.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0])).limit(40)
                .forEach(e -> System.out.printf("%14d B %9d  %s%n", e.getValue()[0], e.getValue()[1], e.getKey()));
    }

    /** Breadth-first from the GC roots over strong references: each instance's shortest chain of holders. */
    private void roots(String type, int n) {
        int[] start = new int[count + 1];
        for (int e = 0; e < edgeCount; e++) {
            start[edges[e * 3] + 1]++;
        }
        for (int i = 0; i < count; i++) {
            start[i + 1] += start[i];
        }
        int[] fill = Arrays.copyOf(start, count);
        int[] to = new int[edgeCount];
        int[] field = new int[edgeCount];
        for (int e = 0; e < edgeCount; e++) {
            int slot = fill[edges[e * 3]]++;
            to[slot] = edges[e * 3 + 1];
            field[slot] = edges[e * 3 + 2];
        }
        edges = null;
        int[] via = new int[count];
        int[] viaField = new int[count];
        Arrays.fill(via, -2);
        int[] queue = new int[count];
        int head = 0;
        int tail = 0;
        for (long id : rootIds) {
            int i = index.get(id);
            if (i >= 0 && via[i] == -2) {
                via[i] = -1;
                queue[tail++] = i;
            }
        }
        while (head < tail) {
            int from = queue[head++];
            for (int e = start[from]; e < start[from + 1]; e++) {
                if (via[to[e]] == -2) {
                    via[to[e]] = from;
                    viaField[to[e]] = field[e];
                    queue[tail++] = to[e];
                }
            }
        }
        Map<String, long[]> rows = new HashMap<>();
        int found = 0;
        int unreached = 0;
        for (int i = 0; i < count && found < n; i++) {
            if (!typeName(i).equals(type)) {
                continue;
            }
            if (via[i] == -2) {
                unreached++;
                continue;
            }
            found++;
            StringBuilder path = new StringBuilder(type);
            for (int o = i; via[o] >= 0; o = via[o]) {
                path.append("\n    <-").append(fieldKeys.get(viaField[o])).append("- ").append(typeName(via[o]));
            }
            rows.computeIfAbsent(path.append(" (root)").toString(), k -> new long[1])[0]++;
        }
        System.out.printf("%d instances reached from the roots shown by their paths (%d not reached)%n", found, unreached);
        rows.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]))
                .forEach(e -> System.out.printf("%n%d x %s%n", e.getValue()[0], e.getKey()));
    }

    /** Object id -> index, open addressing: a HashMap<Long, Integer> of 10 million entries would need 1 GB. */
    private static final class LongIndex {
        private final long[] keys;
        private final int[] values;
        private final int mask;

        LongIndex(int capacity) {
            int size = Integer.highestOneBit(Math.max(capacity, 16)) * 2;
            keys = new long[size];
            values = new int[size];
            mask = size - 1;
        }

        void put(long key, int value) {
            int h = slot(key);
            while (keys[h] != 0 && keys[h] != key) {
                h = (h + 1) & mask;
            }
            keys[h] = key;
            values[h] = value;
        }

        int get(long key) {
            for (int h = slot(key); keys[h] != 0; h = (h + 1) & mask) {
                if (keys[h] == key) {
                    return values[h];
                }
            }
            return -1;
        }

        private int slot(long key) {
            long x = key * 0x9E3779B97F4A7C15L;
            return (int) ((x ^ (x >>> 29)) & mask);
        }
    }

    /** Buffered reads at any position of the dump. */
    private static final class Reader {
        private final FileChannel file;
        private final ByteBuffer buffer = ByteBuffer.allocate(1 << 24);
        private long bufferStart;
        long pos;
        /** Bytes of an object id, from the dump's header. */
        int idSize = 8;

        Reader(FileChannel file) {
            this.file = file;
            buffer.limit(0);
        }

        long remaining() throws IOException {
            return file.size() - pos;
        }

        private void ensure(int n) throws IOException {
            long offset = pos - bufferStart;
            if (offset >= 0 && offset + n <= buffer.limit()) {
                buffer.position((int) offset);
                return;
            }
            buffer.clear();
            bufferStart = pos;
            file.read(buffer, pos);
            buffer.flip();
        }

        int u1() throws IOException {
            ensure(1);
            pos += 1;
            return buffer.get() & 0xff;
        }

        int u2() throws IOException {
            ensure(2);
            pos += 2;
            return buffer.getShort() & 0xffff;
        }

        int u4() throws IOException {
            ensure(4);
            pos += 4;
            return buffer.getInt();
        }

        long id() throws IOException {
            if (idSize == 4) {
                return u4() & 0xffffffffL;
            }
            ensure(8);
            pos += 8;
            return buffer.getLong();
        }

        byte[] bytes(int n) throws IOException {
            byte[] b = new byte[n];
            ensure(n);
            buffer.get(b);
            pos += n;
            return b;
        }

        void skip(long n) {
            pos += n;
        }

        void seek(long p) {
            pos = p;
        }
    }
}
