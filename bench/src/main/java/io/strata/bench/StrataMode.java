package io.strata.bench;

/** How Strata's core path runs: everything on the caller's thread, or encoding on a second one. */
enum StrataMode {
  SINGLE("single", 0),
  PIPELINED("pipelined", 1);

  final String label;
  final int encoderThreads;

  StrataMode(String label, int encoderThreads) {
    this.label = label;
    this.encoderThreads = encoderThreads;
  }
}
