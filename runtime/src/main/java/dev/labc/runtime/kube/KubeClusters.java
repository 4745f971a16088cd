package dev.labc.runtime.kube;

import dev.labc.plan.Change;
import dev.labc.runtime.apply.ClusterTargets;
import dev.labc.runtime.transport.DialAllowList;
import dev.labc.runtime.transport.ExecResult;
import dev.labc.runtime.transport.Transport;
import dev.labc.runtime.transport.TransportException;
import dev.labc.shell.SecretResolver;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens clusters for the apply engine: one fabric8 client per cluster, built from its kubeconfig
 * source, paced by its own {@link RequestBudget}, and refused when its API server's address is
 * outside the dial allow-list (the same rule as SSH).
 */
public final class KubeClusters implements ClusterTargets {
    private final Map<String, KubeconfigSource> sources;
    private final Transport transport;
    private final KubeApplier.Options options;
    private final double requestsPerSecond;
    private final DialAllowList allowList;

    public KubeClusters(Map<String, KubeconfigSource> sources, Transport transport, KubeApplier.Options options,
                        double requestsPerSecond, DialAllowList allowList) {
        this.sources = Map.copyOf(sources);
        this.transport = transport;
        this.options = options;
        this.requestsPerSecond = requestsPerSecond;
        this.allowList = allowList;
    }

    @Override
    public ClusterTarget open(String cluster) {
        return target(client(cluster), options);
    }

    /** A new client for the cluster, paced by its own budget; the caller closes it. */
    public KubernetesClient client(String cluster) {
        KubeconfigSource source = sources.get(cluster);
        if (source == null) throw new IllegalStateException("cluster " + cluster + " is not declared, or has no servers and no kubeconfig");
        Config config = config(cluster, source);
        checkDial(cluster, config.getMasterUrl());
        var budget = new RequestBudget(requestsPerSecond);
        return new KubernetesClientBuilder().withConfig(config)
                .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor(RequestBudget.NAME, budget)).build();
    }

    /** A target over an existing client (tests use the mock server's). */
    public static ClusterTarget target(KubernetesClient client, KubeApplier.Options options) {
        var applier = new KubeApplier(client, options);
        return new ClusterTarget() {
            @Override
            public void prepare(List<Change> changes) {
                applier.prefetch(changes.stream().filter(c -> c.action() != dev.labc.plan.Action.DELETE).map(Change::after).toList());
            }

            @Override
            public Optional<String> apply(Change change, SecretResolver secrets) {
                return applier.apply(change, secrets);
            }

            @Override
            public Optional<String> delete(Change change) {
                return applier.delete(change);
            }

            @Override
            public void close() {
                client.close();
            }
        };
    }

    /** The client configuration of a cluster; IllegalStateException with a plain reason when there is none. */
    public Config config(String cluster, KubeconfigSource source) {
        return switch (source) {
            case KubeconfigSource.GivenFile f -> {
                try {
                    yield Config.fromKubeconfig(f.context(), Files.readString(f.file(), StandardCharsets.UTF_8), f.file().toString());
                } catch (IOException e) {
                    throw new IllegalStateException("cluster " + cluster + ": cannot read kubeconfig " + f.file());
                } catch (RuntimeException e) {
                    throw new IllegalStateException("cluster " + cluster + ": kubeconfig " + f.file() + " is not usable: " + e.getMessage());
                }
            }
            case KubeconfigSource.FromServer s -> {
                String text;
                try {
                    ExecResult r = transport.session(s.server()).exec("cat " + s.path(), Duration.ofSeconds(30));
                    if (!r.ok()) throw new IllegalStateException("cluster " + cluster + ": " + s.path() + " not readable on " + s.server().name()
                            + " (is " + s.distribution() + " installed there?)");
                    text = r.stdoutText();
                } catch (TransportException e) {
                    throw new IllegalStateException("cluster " + cluster + ": " + e.getMessage());
                }
                yield Config.fromKubeconfig(null, withServer(text, s.address()), null);
            }
        };
    }

    private static final Pattern SERVER = Pattern.compile("(server:\\s*https://)(127\\.0\\.0\\.1|localhost|\\[::1\\])(:\\d+)");

    /** The distribution writes its kubeconfig for use on the server itself; others reach it at its address. */
    static String withServer(String kubeconfig, String address) {
        String host = address.contains(":") ? "[" + address + "]" : address;
        return SERVER.matcher(kubeconfig).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + host + m.group(3)));
    }

    private void checkDial(String cluster, String masterUrl) {
        try {
            String host = URI.create(masterUrl).getHost();
            if (host == null) throw new IllegalStateException("cluster " + cluster + ": no server in its kubeconfig");
            if (host.startsWith("[")) host = host.substring(1, host.length() - 1);
            for (InetAddress a : InetAddress.getAllByName(host)) allowList.check(host, a);
        } catch (TransportException e) {
            throw new IllegalStateException("cluster " + cluster + ": " + e.getMessage());
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("cluster " + cluster + ": cannot resolve its API server " + masterUrl);
        }
    }
}
