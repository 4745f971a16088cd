package dev.labc.lsp;

import dev.labc.module.ModuleResolver;
import dev.labc.syntax.SourceReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The bundled stdlib as files an editor can open. The stdlib lives inside the jar; a jump to
 * {@code std/core.lab} needs a location every client can show, and only {@code file:} URIs
 * are that (a {@code labc-stdlib:} scheme would need a content provider in every editor). So
 * each module is copied on first use to {@code <dir>/std/<name>.lab}, read-only, and replaced
 * when its text differs (another labc version wrote it).
 */
final class StdlibFiles {
  private final ModuleResolver resolver;
  private final Path dir;

  StdlibFiles(ModuleResolver resolver, Path dir) {
    this.resolver = resolver;
    this.dir = dir.toAbsolutePath().normalize();
  }

  /** The default place: per user and version under the temp dir, so users and versions never share a copy. */
  static Path defaultDir(String version) {
    String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9_.-]", "_");
    return Path.of(System.getProperty("java.io.tmpdir"), "labc-stdlib-" + user + "-" + version);
  }

  /** The file holding stdlib module {@code std/x.lab}, written if needed; empty when there is no such module or it cannot be written. */
  Optional<Path> file(String stdPath) {
    Optional<SourceReader.Read> read = resolver.stdlib(stdPath);
    if (read.isEmpty() || read.get().file() == null) return Optional.empty();
    Path target = dir.resolve(read.get().file().path()).normalize();
    if (!target.startsWith(dir)) return Optional.empty();
    String text = read.get().file().text();
    try {
      if (Files.isRegularFile(target) && Files.readString(target, StandardCharsets.UTF_8).equals(text)) return Optional.of(target);
      Files.createDirectories(target.getParent());
      // Written beside and renamed, so a second server never reads half a file.
      Path tmp = Files.createTempFile(target.getParent(), ".labc-stdlib", ".tmp");
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      tmp.toFile().setWritable(false, false);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return Optional.of(target);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** {@code std/x.lab} when a path is one of these copies (the editor opened it after a jump). */
  Optional<String> stdPathOf(Path path) {
    Path p = path.toAbsolutePath().normalize();
    if (!p.startsWith(dir)) return Optional.empty();
    String rel = dir.relativize(p).toString().replace('\\', '/');
    return rel.startsWith("std/") ? Optional.of(rel) : Optional.empty();
  }
}
