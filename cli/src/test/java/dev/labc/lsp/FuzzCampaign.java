package dev.labc.lsp;

import dev.labc.compile.Checked;
import dev.labc.cli.Pipeline;
import dev.labc.diag.Diagnostic;
import dev.labc.diag.render.HumanDiagnosticRenderer;
import dev.labc.diag.render.JsonDiagnosticWriter;
import dev.labc.eval.Evaluator;
import dev.labc.module.ModuleResolver;
import dev.labc.source.SourceFile;
import dev.labc.syntax.SourceReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Issue 27's fuzz campaign: mutated copies of the examples and the test programs (bytes flipped,
 * lines dropped or duplicated, files spliced, numbers made huge, deep nesting, loops made large)
 * go through what `labc check` does for a file (check, then both renderings) and through the
 * language server's analysis (the same check, declarations, diagnostics as LSP values, symbols).
 * Any exception is an internal error; an input whose analysis takes more than the limit of CPU
 * time (or is still running after a minute) is a timeout. The short run is
 * {@code FuzzCampaignTest} in CI; the long one is {@code bench/fuzz/run.sh}.
 */
public final class FuzzCampaign {
  /** One input that broke labc: how, and the mutated text, saved for reproduction. */
  public record Failure(int index, String kind, String source, String detail, byte[] input) {}

  public record Report(int inputs, List<Failure> internalErrors, List<Failure> timeouts, long slowestMillis, String slowestSource,
                       long totalMillis, long peakHeapBytes, long peakRssKib, int withErrors, byte[] slowestInput) {}

  private static final String[] HUGE = {"99999999999999999999", "4294967296", "2147483648", "9223372036854775808", "9223372036854775807",
      "0", "00000000000000000000001", "18446744073709551616", "1e308", "99999999999999999999999999999999999999999999"};
  private static final String[] TOKENS = {"{", "}", "[", "]", "(", ")", "\"", "${", "=", ":", ",", "/*", "*/", "<<EOF\n", "\\", "$",
      "for", "in", "if", "else", "import", "param", "let", "schema", "@kind", "..", "\n", "\u0000", "\uFFFD", "10.0.1.999", "::", "/99",
      "99999999999999999999GiB", "99999999999999999999W", "1..4294967296", "-", "*", "%", "null", "true", "self", "nodes()", "env(\"X\")"};

  private final List<Path> corpus;
  private final List<byte[]> texts;
  private final Duration limit;
  private final ModuleResolver modules = new ModuleResolver(FuzzCampaign.class.getClassLoader());
  private final StdlibFiles stdlib;
  private final Evaluator.Options options = new Evaluator.Options(Map.of(), List.of(), name -> null);

  /** The per-input time limit, in milliseconds. */
  public record Duration(long millis) {}

  public FuzzCampaign(List<Path> corpus, Duration limit, Path stdlibDir) throws IOException {
    this.corpus = List.copyOf(corpus);
    this.texts = new ArrayList<>();
    for (Path p : corpus) texts.add(Files.readAllBytes(p));
    this.limit = limit;
    this.stdlib = new StdlibFiles(modules, stdlibDir);
  }

  /** The examples and every .lab under the test resources of the repository at {@code root}. */
  public static List<Path> corpusOf(Path root) throws IOException {
    var out = new ArrayList<Path>();
    for (String dir : List.of("examples", "cli/src/test/resources", "compiler/src/test/resources", "stdlib/std")) {
      Path d = root.resolve(dir);
      if (!Files.isDirectory(d)) continue;
      try (Stream<Path> s = Files.walk(d)) {
        s.filter(p -> p.toString().endsWith(".lab") && Files.isRegularFile(p)).sorted().forEach(out::add);
      }
    }
    return out;
  }

  /** What a long run tells as it goes: every failure when found, and a tally every 1,000 inputs. */
  public interface Listener {
    void failed(Failure f);
    void progress(Report soFar);
  }

  /** Input {@code i} of seed {@code seed}, and the corpus file it was made from. */
  public record Generated(Path source, byte[] input) {}

  /** The same input for the same seed, index and corpus: how a failure is reproduced from its number. */
  public Generated generate(long seed, int i) {
    var rnd = new Random(seed * 1_000_003L + i);
    int from = rnd.nextInt(texts.size());
    return new Generated(corpus.get(from), mutate(texts.get(from), rnd));
  }

  /** Runs {@code count} mutated inputs from {@code seed}. */
  public Report run(long seed, int count, Listener listener) {
    var internal = new ArrayList<Failure>();
    var timeouts = new ArrayList<Failure>();
    long slowest = 0, total = 0;
    String slowestSource = "";
    byte[] slowestInput = new byte[0];
    int withErrors = 0, done = 0;
    ExecutorService worker = newWorker();
    for (int i = 0; i < count; i++) {
      Generated g = generate(seed, i);
      byte[] input = g.input();
      Path source = g.source();
      Future<long[]> f = worker.submit(() -> timed(input, source));
      Failure failure = null;
      long cpuMillis = 0;
      try {
        long[] r = f.get(HARD_STOP_MILLIS, TimeUnit.MILLISECONDS);
        cpuMillis = r[0];
        if (r[1] != 0) withErrors++;
        if (cpuMillis > limit.millis()) failure = new Failure(i, "timeout", source.toString(), cpuMillis + " ms of CPU", input);
      } catch (TimeoutException e) {
        cpuMillis = HARD_STOP_MILLIS;
        failure = new Failure(i, "timeout", source.toString(), "still running after " + HARD_STOP_MILLIS + " ms", input);
        f.cancel(true);
        // The stuck thread cannot be stopped; a fresh worker carries on.
        worker.shutdownNow();
        worker = newWorker();
      } catch (java.util.concurrent.ExecutionException e) {
        failure = new Failure(i, "internal error", source.toString(), describe(e.getCause()), input);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      if (failure != null) {
        (failure.kind().equals("timeout") ? timeouts : internal).add(failure);
        listener.failed(failure);
      }
      done++;
      total += cpuMillis;
      if (cpuMillis > slowest) { slowest = cpuMillis; slowestSource = source + " (input " + i + ")"; slowestInput = input; }
      if (done % 1000 == 0) {
        listener.progress(new Report(done, List.copyOf(internal), List.copyOf(timeouts), slowest, slowestSource, total, peakHeap(), peakRssKib(), withErrors, slowestInput));
      }
      if (timeouts.size() >= 20) break;
    }
    worker.shutdownNow();
    return new Report(done, internal, timeouts, slowest, slowestSource, total, peakHeap(), peakRssKib(), withErrors, slowestInput);
  }

  /**
   * An input still running after this long is abandoned. The limit itself ({@code limit}) is on
   * the CPU time the input took: on a shared machine wall time is several times that.
   */
  static final long HARD_STOP_MILLIS = 60_000;

  /**
   * {CPU milliseconds of the process while it ran, 1 when errors were reported}. The process's,
   * not the thread's: the parser and evaluator run on threads of their own with a large stack.
   * Inputs run one at a time, so the figure is this input's (with its garbage collection).
   */
  private long[] timed(byte[] input, Path source) {
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long start = os.getProcessCpuTime();
    boolean errors = analyse(input, source);
    return new long[] {(os.getProcessCpuTime() - start) / 1_000_000, errors ? 1 : 0};
  }

  private static ExecutorService newWorker() {
    return Executors.newSingleThreadExecutor(r -> {
      // The evaluator nests deeply on hostile input; labc's own threads run it on a large stack too.
      Thread t = new Thread(null, r, "fuzz", 512L * 1024 * 1024);
      t.setDaemon(true);
      return t;
    });
  }

  /** `labc check` of one file, then the language server's analysis; true when it reported errors. */
  private boolean analyse(byte[] input, Path source) {
    SourceReader.Read read = SourceReader.decode(input, source.toString());
    if (read.file() == null) return true;
    SourceFile file = read.file();
    Checked checked = Pipeline.check(file, options);
    var all = new ArrayList<Diagnostic>(read.diagnostics());
    all.addAll(checked.diagnostics());
    new HumanDiagnosticRenderer(false).render(all);
    new JsonDiagnosticWriter().write(all);
    Analysis a = Analysis.of(Pipeline.COMPILER, source.toUri().toString(), 1, file.text(), source.toString(), false, options);
    LspDiagnostics.of(a, new Locations(a, stdlib), modules);
    Symbols.of(a.tree().statements());
    return !checked.ok();
  }

  // ---- mutations ------------------------------------------------------------------------------

  /** One to four mutations of one corpus file, sometimes spliced with another. */
  byte[] mutate(byte[] original, Random rnd) {
    String text = new String(original, StandardCharsets.UTF_8);
    byte[] bytes = null;
    for (int m = 0, n = 1 + rnd.nextInt(4); m < n; m++) {
      switch (rnd.nextInt(9)) {
        case 0 -> { // flip bytes: the only mutation that can make invalid UTF-8
          byte[] b = (bytes != null ? bytes : text.getBytes(StandardCharsets.UTF_8)).clone();
          if (b.length > 0) for (int k = 0, flips = 1 + rnd.nextInt(8); k < flips; k++) b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
          bytes = b;
          continue;
        }
        case 1 -> text = dropLines(text, rnd);
        case 2 -> text = duplicateLines(text, rnd);
        case 3 -> text = splice(text, new String(texts.get(rnd.nextInt(texts.size())), StandardCharsets.UTF_8), rnd);
        case 4 -> text = hugeNumber(text, rnd);
        case 5 -> text = nest(text, rnd);
        case 6 -> text = insertToken(text, rnd);
        case 7 -> text = bigLoop(text, rnd);
        default -> text = deleteRange(text, rnd);
      }
      bytes = null;
    }
    return bytes != null ? bytes : text.getBytes(StandardCharsets.UTF_8);
  }

  private static String dropLines(String t, Random rnd) {
    var lines = new ArrayList<>(List.of(t.split("\n", -1)));
    for (int k = 0, n = 1 + rnd.nextInt(3); k < n && !lines.isEmpty(); k++) lines.remove(rnd.nextInt(lines.size()));
    return String.join("\n", lines);
  }

  private static String duplicateLines(String t, Random rnd) {
    var lines = new ArrayList<>(List.of(t.split("\n", -1)));
    int from = rnd.nextInt(lines.size()), len = 1 + rnd.nextInt(Math.min(8, lines.size() - from));
    var chunk = new ArrayList<>(lines.subList(from, from + len));
    for (int k = 0, times = 1 + rnd.nextInt(3); k < times; k++) lines.addAll(from, chunk);
    return String.join("\n", lines);
  }

  private static String splice(String t, String other, Random rnd) {
    int cut = rnd.nextInt(t.length() + 1);
    int a = rnd.nextInt(other.length() + 1), b = a + rnd.nextInt(other.length() - a + 1);
    return t.substring(0, cut) + other.substring(a, b) + t.substring(rnd.nextBoolean() ? cut : Math.min(t.length(), cut + rnd.nextInt(200)));
  }

  private static String hugeNumber(String t, Random rnd) {
    var m = java.util.regex.Pattern.compile("\\d+").matcher(t);
    var starts = new ArrayList<int[]>();
    while (m.find()) starts.add(new int[] {m.start(), m.end()});
    if (starts.isEmpty()) return t;
    int[] at = starts.get(rnd.nextInt(starts.size()));
    return t.substring(0, at[0]) + HUGE[rnd.nextInt(HUGE.length)] + t.substring(at[1]);
  }

  private static String nest(String t, Random rnd) {
    int depth = 1 + rnd.nextInt(rnd.nextBoolean() ? 50 : 5000);
    String[][] pairs = {{"[", "]"}, {"(", ")"}, {"{", "}"}, {"a { ", "}\n"}, {"\"${", "}\""}, {"-", ""}, {"!", ""}};
    String[] p = pairs[rnd.nextInt(pairs.length)];
    int at = rnd.nextInt(t.length() + 1);
    String open = p[0].repeat(depth), close = rnd.nextInt(4) == 0 ? "" : p[1].repeat(depth);
    return t.substring(0, at) + open + "1" + close + t.substring(at);
  }

  private static String insertToken(String t, Random rnd) {
    var sb = new StringBuilder(t);
    for (int k = 0, n = 1 + rnd.nextInt(5); k < n; k++) sb.insert(rnd.nextInt(sb.length() + 1), TOKENS[rnd.nextInt(TOKENS.length)]);
    return sb.toString();
  }

  /** A `for` made large (sometimes past the limits) around a block of the file, or a range bound raised. */
  private static String bigLoop(String t, Random rnd) {
    int n = new int[] {2_000, 20_000, 150_000, 4_000_000}[rnd.nextInt(4)];
    var m = java.util.regex.Pattern.compile("(\\d+)\\s*\\.\\.\\s*(\\d+)").matcher(t);
    if (m.find() && rnd.nextBoolean()) return t.substring(0, m.start(2)) + n + t.substring(m.end(2));
    var b = java.util.regex.Pattern.compile("(?m)^(node|user|file|storage) ([A-Za-z0-9_-]+) \\{").matcher(t);
    if (!b.find()) return t;
    int end = t.indexOf("\n}", b.end());
    if (end < 0) return t;
    String block = t.substring(b.start(), end + 2).replaceFirst(" " + java.util.regex.Pattern.quote(b.group(2)) + " \\{", " \"" + b.group(2) + "-\\${i}\" {");
    return t.substring(0, b.start()) + "for i in 1.." + n + " {\n" + block + "\n}" + t.substring(end + 2);
  }

  private static String deleteRange(String t, Random rnd) {
    int at = rnd.nextInt(t.length() + 1);
    return t.substring(0, at) + t.substring(Math.min(t.length(), at + rnd.nextInt(40)));
  }

  // ---- measures -------------------------------------------------------------------------------

  private static String describe(Throwable t) {
    var sb = new StringBuilder(t.getClass().getName() + ": " + t.getMessage());
    StackTraceElement[] st = t.getStackTrace();
    for (int k = 0; k < Math.min(6, st.length); k++) sb.append("\n    at ").append(st[k]);
    return sb.toString();
  }

  /** The largest heap the JVM held: the sum of the heap pools' peaks. */
  private static long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) if (p.getType() == MemoryType.HEAP) sum += p.getPeakUsage().getUsed();
    return sum;
  }

  /** The process's peak resident set (VmHWM), or -1 off Linux. */
  private static long peakRssKib() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("\\D", ""));
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux: no figure.
    }
    return -1;
  }

  /** The report as Markdown lines, for the terminal and docs/reliability.md. */
  public static String render(Report r, long seed) {
    var sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "inputs: %,d (seed %d), %,d reported errors, %,d checked clean%n", r.inputs(), seed, r.withErrors(), r.inputs() - r.withErrors()
        - r.internalErrors().size() - r.timeouts().size()));
    sb.append(String.format(Locale.ROOT, "internal errors: %d%ntimeouts: %d%n", r.internalErrors().size(), r.timeouts().size()));
    sb.append(String.format(Locale.ROOT, "CPU time: %,.1f s in all, %.1f ms per input, slowest %,d ms (%s)%n", r.totalMillis() / 1000.0,
        r.inputs() == 0 ? 0.0 : (double) r.totalMillis() / r.inputs(), r.slowestMillis(), r.slowestSource()));
    sb.append(String.format(Locale.ROOT, "peak heap: %,d MiB; peak RSS: %,d MiB%n", r.peakHeapBytes() >> 20, r.peakRssKib() >> 10));
    for (Failure f : r.internalErrors()) sb.append("  internal error #").append(f.index()).append(" from ").append(f.source()).append(": ").append(f.detail()).append('\n');
    for (Failure f : r.timeouts()) sb.append("  timeout #").append(f.index()).append(" from ").append(f.source()).append('\n');
    return sb.toString();
  }

  /**
   * {@code FuzzCampaign COUNT [SEED] [FAILURES-DIR]}: runs the campaign from the repository root,
   * prints the report, writes each failing input to FAILURES-DIR; exit 1 when any failed.
   */
  public static void main(String[] args) throws IOException {
    if (args.length == 3 && args[0].equals("--input")) {
      // bench/fuzz/run.sh --input SEED INDEX: prints one input, to look at a failure again.
      Path stdlibDir = Files.createTempDirectory("labc-fuzz-stdlib");
      Generated g = new FuzzCampaign(corpusOf(Path.of("")), new Duration(10_000), stdlibDir).generate(Long.parseLong(args[1]), Integer.parseInt(args[2]));
      System.err.println("fuzz: input " + args[2] + " of seed " + args[1] + ", from " + g.source());
      System.out.write(g.input());
      System.out.flush();
      return;
    }
    int count = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 1000;
    long seed = args.length > 1 ? Long.parseLong(args[1]) : 27;
    Path failures = Path.of(args.length > 2 ? args[2] : "bench/results/tmp/fuzz");
    Path stdlibDir = Files.createTempDirectory("labc-fuzz-stdlib");
    var campaign = new FuzzCampaign(corpusOf(Path.of("")), new Duration(10_000), stdlibDir);
    System.err.printf(Locale.ROOT, "fuzz: %d corpus files, %,d inputs, seed %d%n", campaign.corpus.size(), count, seed);
    long t0 = System.nanoTime();
    Files.createDirectories(failures);
    Report r = campaign.run(seed, count, new Listener() {
      public void failed(Failure f) {
        System.err.println("fuzz: " + f.kind() + " #" + f.index() + " from " + f.source() + ": " + f.detail());
        try {
          Files.write(failures.resolve(f.index() + ".lab"), f.input());
        } catch (IOException e) {
          System.err.println("fuzz: cannot save input " + f.index() + ": " + e.getMessage());
        }
      }

      public void progress(Report soFar) {
        System.err.printf(Locale.ROOT, "fuzz: %,d done in %.0f s: %d internal errors, %d timeouts, peak heap %,d MiB%n", soFar.inputs(),
            (System.nanoTime() - t0) / 1e9, soFar.internalErrors().size(), soFar.timeouts().size(), soFar.peakHeapBytes() >> 20);
      }
    });
    System.out.printf(Locale.ROOT, "wall time: %.0f s%n", (System.nanoTime() - t0) / 1e9);
    System.out.print(render(r, seed));
    Files.write(failures.resolve("slowest.lab"), r.slowestInput());
    System.exit(r.internalErrors().isEmpty() && r.timeouts().isEmpty() ? 0 : 1);
  }
}
