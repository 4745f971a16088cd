package dev.labc.cli;

import dev.labc.state.Lineage;
import dev.labc.state.State;
import dev.labc.state.file.StateCodec;
import dev.labc.state.file.StateFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Reads the recorded state from `.labstate/` beside the .lab file; none yet reads as empty. */
final class StateDirectory {
  record Read(State state, boolean exists, String error) {}

  private StateDirectory() {}

  static Path of(Path labFile) {
    Path parent = labFile.toAbsolutePath().getParent();
    return parent.resolve(".labstate");
  }

  static Read read(Path labFile) {
    Path dir = of(labFile);
    if (!Files.isDirectory(dir) || !Files.exists(dir.resolve(StateCodec.META_FILE))) {
      return new Read(State.empty(Lineage.fresh()), false, null);
    }
    var files = new TreeMap<String, byte[]>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.filter(Files::isRegularFile).filter(p -> !dir.relativize(p).startsWith(".git")).toList()) {
        String rel = dir.relativize(p).toString();
        if (StateCodec.isStateFile(rel)) files.put(rel, Files.readAllBytes(p));
      }
      return new Read(StateCodec.decode(files), true, null);
    } catch (StateFileException e) {
      return new Read(null, true, e.getMessage());
    } catch (IOException e) {
      return new Read(null, true, "cannot read state in " + labFile.getParent() + "/.labstate: " + e.getMessage());
    }
  }
}
