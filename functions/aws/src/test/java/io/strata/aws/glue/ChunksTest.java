package io.strata.aws.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ChunksTest {

  @Test
  void splitsIntoFullChunksAndAShorterLastOneInOrder() {
    // given
    List<Integer> items = IntStream.range(0, 250).boxed().toList();

    // when
    List<List<Integer>> chunks = Chunks.of(items, 100);

    // then
    assertThat(chunks).extracting(List::size).containsExactly(100, 100, 50);
    assertThat(chunks.get(0)).containsExactlyElementsOf(items.subList(0, 100));
    assertThat(chunks.get(1)).containsExactlyElementsOf(items.subList(100, 200));
    assertThat(chunks.get(2)).containsExactlyElementsOf(items.subList(200, 250));
  }

  @Test
  void splitsAnExactMultipleIntoFullChunksOnly() {
    List<List<Integer>> chunks = Chunks.of(IntStream.range(0, 200).boxed().toList(), 100);

    assertThat(chunks).extracting(List::size).containsExactly(100, 100);
  }

  @Test
  void givesNoChunkForNoItemsAndOneForFewItems() {
    assertThat(Chunks.of(List.of(), 100)).isEmpty();
    assertThat(Chunks.of(List.of("a", "b"), 100)).containsExactly(List.of("a", "b"));
  }

  @Test
  void refusesChunksOfNoItems() {
    assertThatThrownBy(() -> Chunks.of(List.of("a"), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Chunk size must be at least 1, got 0");
  }
}
