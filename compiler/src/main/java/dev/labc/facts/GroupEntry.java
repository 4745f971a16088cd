package dev.labc.facts;

import java.util.List;
import java.util.Objects;

/** A group entry; {@code members} are the supplementary members listed in the group file. */
public record GroupEntry(String name, long gid, List<String> members) {
    public GroupEntry {
        Objects.requireNonNull(name, "name");
        members = Copies.list(members);
    }
}
