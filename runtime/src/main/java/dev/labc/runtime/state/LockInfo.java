package dev.labc.runtime.state;

import java.net.InetAddress;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Who holds the state lock (Terraform {@code LockInfo}). Stored as {@code key: value} lines in the
 * message of the commit the lock ref points to, so {@code git log refs/labc/lock} shows it too.
 *
 * @param id what {@code labc force-unlock ID} names
 * @param who {@code user@host}
 */
public record LockInfo(String id, String who, long pid, String operation, String labcVersion, Instant created) {
  public LockInfo {
    Objects.requireNonNull(id);
    Objects.requireNonNull(who);
    Objects.requireNonNull(operation);
    Objects.requireNonNull(labcVersion);
    Objects.requireNonNull(created);
  }

  /** A new lock record for this process. */
  static LockInfo forThisProcess(String operation, String labcVersion) {
    return new LockInfo(UUID.randomUUID().toString(), System.getProperty("user.name", "unknown") + "@" + hostName(),
        ProcessHandle.current().pid(), operation, labcVersion, Instant.now().truncatedTo(ChronoUnit.SECONDS));
  }

  String encode() {
    StringBuilder out = new StringBuilder("labc state lock\n\n");
    fields().forEach((k, v) -> out.append(k).append(": ").append(v.replace('\n', ' ')).append('\n'));
    return out.toString();
  }

  static LockInfo decode(String text) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      int colon = line.indexOf(": ");
      if (colon > 0) {
        fields.put(line.substring(0, colon), line.substring(colon + 2));
      }
    }
    try {
      return new LockInfo(fields.get("id"), fields.get("who"), Long.parseLong(fields.get("pid")),
          fields.get("operation"), fields.get("labc_version"), Instant.parse(fields.get("created")));
    } catch (RuntimeException e) {
      // A lock we cannot read is still a lock: show what we have rather than failing to report it.
      return new LockInfo(fields.getOrDefault("id", "unknown"), fields.getOrDefault("who", "unknown"), -1,
          fields.getOrDefault("operation", "unknown"), fields.getOrDefault("labc_version", "unknown"), Instant.EPOCH);
    }
  }

  private Map<String, String> fields() {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("id", id);
    f.put("who", who);
    f.put("pid", Long.toString(pid));
    f.put("operation", operation);
    f.put("labc_version", labcVersion);
    f.put("created", created.toString());
    return f;
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      return Objects.requireNonNullElse(System.getenv("HOSTNAME"), "localhost");
    }
  }
}
