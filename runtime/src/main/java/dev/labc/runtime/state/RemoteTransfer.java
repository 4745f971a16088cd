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

  /** Fetches {@code remoteRef} into {@code localRef} (forced); the local ref is deleted if the remote has none. */
  static void fetch(Repository repo, String url, String remoteRef, String localRef) {
    try (Transport transport = Transport.open(repo, new URIish(url))) {
      transport.setRemoveDeletedRefs(true);
      var result = transport.fetch(NullProgressMonitor.INSTANCE, List.of(new RefSpec("+" + remoteRef + ":" + localRef)));
      if (result.getAdvertisedRef(remoteRef) == null && repo.exactRef(localRef) != null) {
        var delete = repo.updateRef(localRef);
        delete.setForceUpdate(true);
        delete.delete();
      }
    } catch (IOException | URISyntaxException e) {
      throw new StateStoreException("cannot fetch from the state repository " + url + ": " + e.getMessage(),
          "check the state repository URL and your access to it", e);
    }
  }
}
