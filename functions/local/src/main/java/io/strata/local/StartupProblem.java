package io.strata.local;

/**
 * Why the local lake cannot start, in one line a person can act on ("Cannot start the local lake:
 * …"); printed instead of a stack trace.
 */
final class StartupProblem extends Exception {

  StartupProblem(String reason) {
    super("Cannot start the local lake: " + reason, null, false, false);
  }
}
