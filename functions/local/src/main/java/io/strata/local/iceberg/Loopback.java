package io.strata.local.iceberg;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Whether a caller is on this machine. The Iceberg REST catalog bypasses the role rules, so it
 * answers such callers only, even where the lake's HTTP server listens on other interfaces.
 */
final class Loopback {

  private Loopback() {}

  /**
   * @param hostAddress the caller's IP address as the server saw it (a literal, never a name, so
   *     nothing is looked up); {@code null} where the server knows none
   */
  static boolean isLoopback(String hostAddress) {
    if (hostAddress == null || hostAddress.isBlank() || !isLiteral(hostAddress)) {
      return false;
    }
    try {
      return InetAddress.getByName(hostAddress).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** An IPv4 or IPv6 literal: a name would make {@link InetAddress} ask the resolver. */
  private static boolean isLiteral(String address) {
    return address.contains(":") || address.chars().allMatch(c -> c == '.' || Character.isDigit(c));
  }

  /** The host part of a URL for this address, an IPv6 literal in brackets. */
  static String urlHost(String host) {
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }
}
