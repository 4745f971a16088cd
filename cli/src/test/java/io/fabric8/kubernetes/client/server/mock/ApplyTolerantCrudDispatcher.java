package io.fabric8.kubernetes.client.server.mock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.client.server.mock.crud.KubernetesCrudDispatcherException;
import io.fabric8.kubernetes.client.server.mock.crud.KubernetesCrudDispatcherHandler;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TEST ADAPTER, not Kubernetes semantics: fabric8's CRUD mock answers server-side apply
 * (PATCH application/apply-patch+yaml) with 415/404, so this dispatcher creates the object when
 * it is missing and JSON-merge-patches it otherwise. There are no managedFields and no ownership
 * conflicts; docs/kubernetes.md says how to check real SSA semantics on a K3s cluster. It also
 * records every request's method and path, so tests can count PATCHes. It sits in fabric8's
 * package because the handlers it reuses are reachable only from there.
 */
public class ApplyTolerantCrudDispatcher extends KubernetesCrudDispatcher {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final YAMLMapper YAML = new YAMLMapper();
  public final List<String> requests = new CopyOnWriteArrayList<>();

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    requests.add(request.getMethod() + " " + request.getPath());
    return super.dispatch(request);
  }

  @Override
  public MockResponse handlePatch(RecordedRequest request) {
    String type = request.getHeader("Content-Type");
    if (type == null || !type.startsWith("application/apply-patch")) return super.handlePatch(request);
    String path = request.getPath().replaceFirst("\\?.*$", "");
    try {
      JsonNode body = YAML.readTree(request.getUtf8Body());
      String json = JSON.writeValueAsString(body);
      boolean exists = handleGet(path).code() == 200;
      KubernetesCrudDispatcherHandler handler = handler(exists ? "patchHandler" : "postHandler");
      String target = exists ? path : path.substring(0, path.lastIndexOf('/'));
      return handler.handle(target, exists ? "application/merge-patch+json" : "application/json", json);
    } catch (KubernetesCrudDispatcherException e) {
      return new MockResponse().setResponseCode(e.getCode()).setBody(e.toStatusBody());
    } catch (Exception e) {
      return new MockResponse().setResponseCode(400).setBody(String.valueOf(e.getMessage()));
    }
  }

  private KubernetesCrudDispatcherHandler handler(String field) throws ReflectiveOperationException {
    var f = KubernetesCrudDispatcher.class.getDeclaredField(field);
    f.setAccessible(true);
    return (KubernetesCrudDispatcherHandler) f.get(this);
  }

  public long count(String method) {
    return requests.stream().filter(r -> r.startsWith(method + " ")).count();
  }
}
