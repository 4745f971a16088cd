package dev.labc.module;

import dev.labc.source.SourceFile;
import dev.labc.syntax.SourceReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the source of an import: {@code std/...} in the bundled stdlib (classpath resources
 * under {@code labc/stdlib/}), anything else relative to the importing file's directory.
 */
public final class ModuleResolver {
  private final ClassLoader classLoader;

  public ModuleResolver(ClassLoader classLoader) { this.classLoader = classLoader; }

  /** The resolved file, or empty when it does not exist; decoding problems come back in the Read. */
  public Optional<SourceReader.Read> resolve(String importPath, SourceFile from) {
    if (importPath.startsWith("std/")) return stdlib(importPath);
    String withExt = importPath.endsWith(".lab") ? importPath : importPath + ".lab";
    Path p;
    try {
      Path base = Path.of(from.path()).getParent();
      p = base == null ? Path.of(withExt) : base.resolve(withExt);
    } catch (java.nio.file.InvalidPathException e) {
      return Optional.empty(); // a NUL or other character no file name can hold: reported as not found
    }
    if (!Files.isRegularFile(p)) return Optional.empty();
    return Optional.of(SourceReader.read(p, p.normalize().toString()));
  }

  public Optional<SourceReader.Read> stdlib(String importPath) {
    String name = importPath.endsWith(".lab") ? importPath : importPath + ".lab";
    if (name.contains("..")) return Optional.empty();
    try (InputStream in = classLoader.getResourceAsStream("labc/stdlib/" + name)) {
      if (in == null) return Optional.empty();
      return Optional.of(SourceReader.decode(in.readAllBytes(), name));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
