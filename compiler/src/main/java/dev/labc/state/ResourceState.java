package dev.labc.state;

import dev.labc.addr.ResourceAddr;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What labc recorded about one resource after applying it.
 *
 * @param addr where the resource is
 * @param type the resource type implementation that recorded it, qualified by its stdlib module
 *     (e.g. {@code std.os.file}); {@code addr.type()} is the short name users type
 * @param schemaVersion the version of that type's attribute schema, so a type can upgrade old records
 * @param attributes the recorded attributes; secrets only as {@link SecretDigest}
 * @param dependsOn resources this one was applied after; kept sorted and distinct because the order
 *     carries no meaning and must not churn diffs
 * @param status whether the last apply of this resource finished
 */
public record ResourceState(
    ResourceAddr addr,
    String type,
    int schemaVersion,
    SortedMap<String, Value> attributes,
    List<ResourceAddr> dependsOn,
    ResourceStatus status) {
  private static final Pattern TYPE = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*(\\.[A-Za-z_][A-Za-z0-9_-]*)*");

  public ResourceState {
    Objects.requireNonNull(addr, "addr");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(status, "status");
    if (!TYPE.matcher(type).matches()) {
      throw new IllegalArgumentException("invalid resource type name \"" + type + "\" for " + addr);
    }
    if (schemaVersion < 0) {
      throw new IllegalArgumentException("negative schema version for " + addr);
    }
    TreeMap<String, Value> attrs = new TreeMap<>();
    attributes.forEach((k, v) -> attrs.put(Objects.requireNonNull(k), Objects.requireNonNull(v, k)));
    attributes = Collections.unmodifiableSortedMap(attrs);
    dependsOn = dependsOn.stream().map(Objects::requireNonNull).distinct().sorted().toList();
    if (dependsOn.contains(addr)) {
      throw new IllegalArgumentException(addr + " cannot depend on itself");
    }
  }

  /** A freshly applied resource with schema version 0 and no dependencies. */
  public static ResourceState of(ResourceAddr addr, String type, SortedMap<String, Value> attributes) {
    return new ResourceState(addr, type, 0, attributes, List.of(), ResourceStatus.READY);
  }

  public ResourceState withAddr(ResourceAddr newAddr) {
    return new ResourceState(newAddr, type, schemaVersion, attributes, dependsOn, status);
  }

  public ResourceState withAttributes(SortedMap<String, Value> newAttributes) {
    return new ResourceState(addr, type, schemaVersion, newAttributes, dependsOn, status);
  }

  public ResourceState withDependsOn(List<ResourceAddr> newDependsOn) {
    return new ResourceState(addr, type, schemaVersion, attributes, newDependsOn, status);
  }

  public ResourceState withStatus(ResourceStatus newStatus) {
    return new ResourceState(addr, type, schemaVersion, attributes, dependsOn, newStatus);
  }
}
