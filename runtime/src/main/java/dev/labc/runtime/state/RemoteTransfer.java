package dev.labc.runtime.state;

import java.io.IOException;
import java.net.URISyntaxException;
import java.util.List;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.URIish;

/**
 * Pushes and fetches single refs with an expected old value. The porcelain push cannot say "create
 * this ref only if it does not exist", which is what makes the remote lock atomic.
 */
final class RemoteTransfer {
  private RemoteTransfer() {}

  static RemoteRefUpdate.Status push(Repository repo, String url, RemoteRefUpdate update) {
    try (Transport transport = Transport.open(repo, new URIish(url))) {
      PushResult result = transport.push(NullProgressMonitor.INSTANCE, List.of(update));
      return result.getRemoteUpdate(update.getRemoteName()).getStatus();
    } catch (IOException | URISyntaxException e) {
      throw new StateStoreException("cannot push to the state repository " + url + ": " + e.getMessage(),
          "check the state repository URL and your access to it", e);
    }
  }

  /**
   * Fetches the refs under {@code remotePrefix} (e.g. {@code refs/labc/}) to under {@code localPrefix},
   * deleting local copies the remote no longer has. A wildcard, because fetching one exact ref fails
   * when the remote lacks it, and "no lock on the remote" is the common case.
   */
  static void fetch(Repository repo, String url, String remotePrefix, String localPrefix) {
    try (Transport transport = Transport.open(repo, new URIish(url))) {
      transport.setRemoveDeletedRefs(true);
      transport.fetch(NullProgressMonitor.INSTANCE, List.of(new RefSpec("+" + remotePrefix + "*:" + localPrefix + "*")));
    } catch (IOException | URISyntaxException e) {
      throw new StateStoreException("cannot fetch from the state repository " + url + ": " + e.getMessage(),
          "check the state repository URL and your access to it", e);
    }
  }
}
