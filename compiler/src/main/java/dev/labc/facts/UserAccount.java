package dev.labc.facts;

import java.util.Objects;

/** A passwd entry (from {@code getent passwd}, so directory users count too). */
public record UserAccount(String name, long uid, long gid, String gecos, String home, String shell) {
    public UserAccount {
        Objects.requireNonNull(name, "name");
    }
}
