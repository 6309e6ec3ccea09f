package io.strata.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReadmeBlocksTest {

  private static final String README =
      """
      # Title

      ## Walk

      Text.

      ```bash
      # explains what follows: no answer
      x=1
      curl -s localhost/a
      # …"rows":[{"id":"TX1","amount":-3.59}]…
      echo hi
      # {"error":{"code":"forbidden","message":"Role analyst may not see dataset bank:
      #  access.yaml grants nothing","status":403}}

      # after a blank line: an explanation again
      ls
      # …strata-raw
      # …strata-history
      ```

      ```json
      {"not": "bash"}
      ```

      ## Next

      ```bash
      echo other section
      # other
      ```
      """;

  @Test
  void takesTheSectionsBashBlocksWithTheAnswersShownRightAfterCommands() {
    List<ReadmeBlocks.Block> blocks = ReadmeBlocks.between(README, "## Walk", "## Next");

    assertThat(blocks).hasSize(1);
    assertThat(blocks.get(0).script()).startsWith("# explains what follows").contains("echo hi");
    assertThat(blocks.get(0).shown())
        .containsExactly(
            "…\"rows\":[{\"id\":\"TX1\",\"amount\":-3.59}]…",
            "{\"error\":{\"code\":\"forbidden\",\"message\":\"Role analyst may not see dataset"
                + " bank:⏎access.yaml grants nothing\",\"status\":403}}",
            "…strata-raw",
            "…strata-history");
  }

  @Test
  void anEllipsisStandsForAnyTextOnTheLineAndAWrapForASpaceOrNothing() {
    List<ReadmeBlocks.Block> blocks = ReadmeBlocks.between(README, "## Walk", "## Next");
    List<java.util.regex.Pattern> patterns = blocks.get(0).patterns();

    assertThat(
            patterns
                .get(0)
                .matcher("{\"rows\":[{\"id\":\"TX1\",\"amount\":-3.59}],\"x\":1}")
                .find())
        .isTrue();
    assertThat(patterns.get(0).matcher("{\"rows\":[{\"id\":\"TX1\",\"amount\":-35.90}]}").find())
        .isFalse();
    assertThat(
            patterns
                .get(1)
                .matcher(
                    "{\"error\":{\"code\":\"forbidden\",\"message\":\"Role analyst may not see"
                        + " dataset bank: access.yaml grants nothing\",\"status\":403}}")
                .find())
        .isTrue();
    assertThat(patterns.get(2).matcher("2026-01-01 10:00:00 strata-raw").find()).isTrue();
    assertThat(patterns.get(2).matcher("strata-\nraw").find()).isFalse();
  }

  @Test
  void anAnswerWithoutEllipsisIsAWholeLine() {
    java.util.regex.Pattern data = ReadmeBlocks.pattern("data");
    java.util.regex.Pattern summary = ReadmeBlocks.pattern("\"summary\" : \"Quarantined…");

    assertThat(data.matcher("manifest.json\ndata\n").find()).isTrue();
    assertThat(data.matcher("{\"dataset\":\"x\"}\n").find()).isFalse();
    assertThat(summary.matcher("{\n  \"summary\" : \"Quarantined s3://x\",\n}").find()).isTrue();
    assertThat(summary.matcher("  \"note\" : \"summary\" : \"Quarantined\"").find()).isFalse();
  }

  @Test
  void aMissingSectionFailsLoudly() {
    assertThatThrownBy(() -> ReadmeBlocks.between(README, "## Gone", "## Next"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("The README has no section from ## Gone to ## Next");
  }
}
