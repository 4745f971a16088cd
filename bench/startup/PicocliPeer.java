import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The start-up benchmark's floor for `labc --help`: picocli printing the usage of a command with
 * 10 subcommands (a file parameter and two options each) plus `help`, and doing nothing else.
 * Compiled against the same picocli build as labc and run with its own AOT cache.
 */
@Command(name = "peer", mixinStandardHelpOptions = true, version = "peer 1", description = "A picocli command line and nothing else.",
    subcommands = {PicocliPeer.A.class, PicocliPeer.B.class, PicocliPeer.C.class, PicocliPeer.D.class, PicocliPeer.E.class,
        PicocliPeer.F.class, PicocliPeer.G.class, PicocliPeer.H.class, PicocliPeer.I.class, PicocliPeer.J.class, CommandLine.HelpCommand.class})
public class PicocliPeer implements Runnable {
  @Override public void run() { new CommandLine(this).usage(System.out); }

  public static void main(String[] args) { System.exit(new CommandLine(new PicocliPeer()).execute(args)); }

  static class Sub implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "files") List<Path> files;
    @Option(names = "--format", defaultValue = "text", description = "text or json.") String format;
    @Option(names = "--var", paramLabel = "NAME=VALUE", description = "Set a param.") List<String> vars;
    @Override public Integer call() { return 0; }
  }

  @Command(name = "a", description = "The first command.") static class A extends Sub {}
  @Command(name = "b", description = "The second command.") static class B extends Sub {}
  @Command(name = "c", description = "The third command.") static class C extends Sub {}
  @Command(name = "d", description = "The fourth command.") static class D extends Sub {}
  @Command(name = "e", description = "The fifth command.") static class E extends Sub {}
  @Command(name = "f", description = "The sixth command.") static class F extends Sub {}
  @Command(name = "g", description = "The seventh command.") static class G extends Sub {}
  @Command(name = "h", description = "The eighth command.") static class H extends Sub {}
  @Command(name = "i", description = "The ninth command.") static class I extends Sub {}
  @Command(name = "j", description = "The tenth command.") static class J extends Sub {}
}
