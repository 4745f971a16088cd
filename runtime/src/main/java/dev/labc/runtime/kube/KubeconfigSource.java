package dev.labc.runtime.kube;

import dev.labc.runtime.transport.HostEndpoint;
import java.nio.file.Path;

/** Where one cluster's kubeconfig comes from. */
public sealed interface KubeconfigSource {
    /** A file the user gives (the cluster's {@code kubeconfig} attribute), with an optional context. */
    record GivenFile(Path file, String context) implements KubeconfigSource {}

    /**
     * The distribution's own kubeconfig on its first server ({@code /etc/rancher/k3s/k3s.yaml} or
     * {@code /etc/rancher/rke2/rke2.yaml}), read over SSH after install, with its loopback server
     * address replaced by the node's declared address.
     */
    record FromServer(String distribution, HostEndpoint server, String address) implements KubeconfigSource {
        public String path() {
            return "/etc/rancher/" + distribution + "/" + distribution + ".yaml";
        }
    }
}
