package dev.labc.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * How commands that reach hosts connect: known_hosts, identities, ssh config, key exchange. Only
 * the options: picocli reflects over this class on every start, even for --help, so what turns
 * them into SSH settings ({@link LazyTransport#sshOptions}) lives where only a connecting command loads it.
 */
final class SshFlags {
  @Option(names = "--known-hosts", paramLabel = "FILE", description = "known_hosts file (default ~/.ssh/known_hosts and /etc/ssh/ssh_known_hosts).")
  List<Path> knownHosts;

  @Option(names = "--accept-new", description = "Record unknown host keys (changed keys are still refused).")
  boolean acceptNew;

  @Option(names = {"-i", "--identity"}, paramLabel = "FILE", description = "Private key to offer (default ~/.ssh/id_ed25519, id_ecdsa, id_rsa).")
  List<Path> identities;

  @Option(names = "--ssh-config", paramLabel = "FILE", description = "OpenSSH client config (default ~/.ssh/config).")
  Path sshConfig;

  @Option(names = "--kex", paramLabel = "NAME", description = "Pin the key exchange, e.g. curve25519-sha256.")
  String kex;

  @Option(names = "--connect-timeout", paramLabel = "SECONDS", defaultValue = "10", description = "Connect and authentication timeout.")
  int connectTimeout;
}
