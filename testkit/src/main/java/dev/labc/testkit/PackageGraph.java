package dev.labc.testkit;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The package dependency graph of compiled classes, read from the class files themselves (constant
 * pool class entries and type descriptors), so what is checked is what the JVM links, not what the
 * sources say. Small on purpose: the architecture test needs cycles and cross-module edges, nothing more.
 *
 * @param modules each package's module (the class root it was read from)
 * @param edges each package's dependencies on other packages under the prefix (never itself)
 * @param witnesses for each edge ("from to"), one class reference that makes it, for messages
 */
public record PackageGraph(SortedMap<String, String> modules, SortedMap<String, SortedSet<String>> edges,
                           Map<String, String> witnesses) {

    /** One package-level dependency, with a class that makes it, for a message a person can act on. */
    public record Edge(String from, String to, String witness) {}

    /** Reads every class under {@code prefix} (e.g. {@code dev/labc/}) from the given roots, each a module. */
    public static PackageGraph read(Map<String, Path> roots, String prefix) {
        var modules = new TreeMap<String, String>();
        var edges = new TreeMap<String, SortedSet<String>>();
        var witnesses = new HashMap<String, String>();
        roots.forEach((module, root) -> forEachClass(root, bytes -> {
            ClassRefs refs = ClassRefs.parse(bytes);
            if (!refs.name().startsWith(prefix)) return;
            String from = packageOf(refs.name());
            modules.putIfAbsent(from, module);
            var out = edges.computeIfAbsent(from, k -> new TreeSet<>());
            for (String ref : refs.references()) {
                if (!ref.startsWith(prefix)) continue;
                String to = packageOf(ref);
                if (to.equals(from)) continue;
                out.add(to);
                witnesses.putIfAbsent(from + " " + to, refs.name().replace('/', '.') + " -> " + ref.replace('/', '.'));
            }
        }));
        return new PackageGraph(modules, edges, witnesses);
    }

    /** A class reference that makes the edge {@code from -> to}. */
    public String witness(String from, String to) {
        return witnesses.getOrDefault(from + " " + to, from + " -> " + to);
    }

    /** Every set of packages that depend on each other in a ring (Tarjan's strongly connected components of size > 1). */
    public List<SortedSet<String>> cycles() {
        var index = new HashMap<String, Integer>();
        var low = new HashMap<String, Integer>();
        var onStack = new TreeSet<String>();
        Deque<String> stack = new ArrayDeque<>();
        var found = new ArrayList<SortedSet<String>>();
        int[] counter = {0};
        for (String start : edges.keySet()) {
            if (!index.containsKey(start)) strongConnect(start, index, low, onStack, stack, found, counter);
        }
        return found;
    }

    private void strongConnect(String v, Map<String, Integer> index, Map<String, Integer> low, Set<String> onStack,
                               Deque<String> stack, List<SortedSet<String>> found, int[] counter) {
        index.put(v, counter[0]);
        low.put(v, counter[0]);
        counter[0]++;
        stack.push(v);
        onStack.add(v);
        for (String w : edges.getOrDefault(v, new TreeSet<>())) {
            if (!index.containsKey(w)) {
                strongConnect(w, index, low, onStack, stack, found, counter);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            var component = new TreeSet<String>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                component.add(w);
            } while (!w.equals(v));
            if (component.size() > 1) found.add(component);
        }
    }

    /** Edges whose target package lives in a module the source's module may not use. */
    public List<Edge> forbiddenEdges(Map<String, Set<String>> allowedModuleDeps) {
        var bad = new ArrayList<Edge>();
        edges.forEach((from, tos) -> {
            String fromModule = modules.get(from);
            for (String to : tos) {
                String toModule = modules.get(to);
                if (toModule == null || toModule.equals(fromModule)) continue;
                if (!allowedModuleDeps.getOrDefault(fromModule, Set.of()).contains(toModule)) {
                    bad.add(new Edge(from, to, witness(from, to)));
                }
            }
        });
        return bad;
    }

    private static String packageOf(String internalName) {
        int slash = internalName.lastIndexOf('/');
        return slash < 0 ? "" : internalName.substring(0, slash).replace('/', '.');
    }

    private interface ClassSink { void accept(byte[] bytes) throws IOException; }

    private static void forEachClass(Path root, ClassSink sink) {
        try {
            if (Files.isDirectory(root)) {
                try (Stream<Path> files = Files.walk(root)) {
                    for (Path file : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
                        sink.accept(Files.readAllBytes(file));
                    }
                }
            } else if (Files.isRegularFile(root)) {
                try (JarFile jar = new JarFile(root.toFile())) {
                    for (JarEntry entry : (Iterable<JarEntry>) jar.stream()::iterator) {
                        if (!entry.getName().endsWith(".class") || entry.getName().startsWith("META-INF/")) continue;
                        try (InputStream in = jar.getInputStream(entry)) {
                            sink.accept(in.readAllBytes());
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading classes under " + root, e);
        }
    }

    /** A class's own name and every class it names, from the constant pool (JVMS §4.4). */
    record ClassRefs(String name, SortedSet<String> references) {
        private static final Pattern DESCRIBED = Pattern.compile("L([\\w/$]+)[;<]");

        static ClassRefs parse(byte[] bytes) throws IOException {
            var in = new DataInputStream(new ByteArrayInputStream(bytes));
            if (in.readInt() != 0xCAFEBABE) throw new IOException("not a class file");
            in.readUnsignedShort();
            in.readUnsignedShort();
            int count = in.readUnsignedShort();
            var utf8 = new String[count];
            var classNameIndex = new int[count];
            var literals = new BitSet(count);
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> utf8[i] = in.readUTF();
                    case 7 -> classNameIndex[i] = in.readUnsignedShort();
                    case 8 -> literals.set(in.readUnsignedShort());
                    case 16, 19, 20 -> in.readUnsignedShort();
                    case 15 -> { in.readUnsignedByte(); in.readUnsignedShort(); }
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> in.readInt();
                    case 5, 6 -> { in.readLong(); i++; }
                    default -> throw new IOException("unknown constant pool tag " + tag);
                }
            }
            in.readUnsignedShort();
            String name = utf8[classNameIndex[in.readUnsignedShort()]];
            var refs = new TreeSet<String>();
            for (int i = 1; i < count; i++) {
                if (classNameIndex[i] != 0 && !utf8[classNameIndex[i]].startsWith("[")) {
                    refs.add(utf8[classNameIndex[i]]);
                }
                // Descriptors and signatures name types as Lpkg/Name; string literals are text, not links.
                if (utf8[i] != null && !literals.get(i)) {
                    Matcher m = DESCRIBED.matcher(utf8[i]);
                    while (m.find()) refs.add(m.group(1));
                }
            }
            refs.remove(name);
            return new ClassRefs(name, refs);
        }
    }
}
