package io.strata.local.iceberg;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoopbackTest {

  @Test
  void callersOnThisMachineAreLoopback() {
    assertThat(Loopback.isLoopback("127.0.0.1")).isTrue();
    assertThat(Loopback.isLoopback("127.8.9.10")).isTrue();
    assertThat(Loopback.isLoopback("0:0:0:0:0:0:0:1")).isTrue();
    assertThat(Loopback.isLoopback("::1")).isTrue();
  }

  @Test
  void callersElsewhereOrUnknownAreNot() {
    assertThat(Loopback.isLoopback("10.0.0.5")).isFalse();
    assertThat(Loopback.isLoopback("192.168.1.20")).isFalse();
    assertThat(Loopback.isLoopback("fe80::1")).isFalse();
    assertThat(Loopback.isLoopback(null)).isFalse();
    assertThat(Loopback.isLoopback("")).isFalse();
    // a name is never looked up, not even one that resolves to the loopback interface
    assertThat(Loopback.isLoopback("localhost")).isFalse();
  }

  @Test
  void putsIpv6LiteralsInBracketsForUrls() {
    assertThat(Loopback.urlHost("127.0.0.1")).isEqualTo("127.0.0.1");
    assertThat(Loopback.urlHost("::1")).isEqualTo("[::1]");
    assertThat(Loopback.urlHost("[::1]")).isEqualTo("[::1]");
  }
}
