package dev.labc.lsp;

import org.eclipse.lsp4j.jsonrpc.RemoteEndpoint;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;

/**
 * The answer to a request labc's server does not handle. lsp4j's service interfaces declare every
 * method of the protocol, and those labc does not implement throw UnsupportedOperationException,
 * which lsp4j would answer as "Internal error" with a stack trace on stderr. The protocol's answer
 * is "method not found" (-32601), which editors take quietly and do not ask again.
 */
final class UnsupportedMethods {
  private UnsupportedMethods() {}

  static ResponseError answer(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof UnsupportedOperationException) {
        return new ResponseError(ResponseErrorCode.MethodNotFound, "labc lsp does not support this method", null);
      }
    }
    return RemoteEndpoint.DEFAULT_EXCEPTION_HANDLER.apply(t);
  }
}
