package io.strata.core.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.core.store.InMemoryObjectStore;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.NotFoundException;
import org.apache.iceberg.io.SeekableInputStream;
import org.junit.jupiter.api.Test;

class ObjectStoreFileIOTest {

  private final InMemoryObjectStore store = new InMemoryObjectStore();
  private final ObjectStoreFileIO io = new ObjectStoreFileIO(store);

  @Test
  void writesAnObjectWhenItsStreamClosesAndReadsItBackSeekably() throws IOException {
    // given
    String location = "s3://history/orders/metadata/00001.metadata.json";

    // when
    try (OutputStream out = io.newOutputFile(location).create()) {
      out.write("{\"format-version\":2}".getBytes(StandardCharsets.UTF_8));
      assertThat(store.head("history", "orders/metadata/00001.metadata.json")).isEmpty();
    }

    // then
    assertThat(io.newInputFile(location).getLength()).isEqualTo(20);
    try (SeekableInputStream in = io.newInputFile(location).newStream()) {
      in.seek(2);
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo("format-version\":2}");
      assertThat(in.getPos()).isEqualTo(20);
    }
  }

  @Test
  void createNeverReplacesAnExistingFileButCreateOrOverwriteDoes() throws IOException {
    // given
    String location = "s3://history/orders/metadata/snap-1.avro";
    write(location, "first", false);

    // when / then
    assertThatThrownBy(() -> write(location, "second", false))
        .isInstanceOf(AlreadyExistsException.class)
        .hasMessage("Cannot create s3://history/orders/metadata/snap-1.avro: it exists already");
    write(location, "third", true);
    assertThat(
            new String(
                store.object("history", "orders/metadata/snap-1.avro").orElseThrow().content()))
        .isEqualTo("third");
  }

  @Test
  void aMissingFileIsIcebergsNotFoundAndDeletingItIsNoError() {
    // given
    String location = "s3://history/orders/metadata/gone.avro";

    // when / then
    assertThat(io.newInputFile(location).exists()).isFalse();
    assertThatThrownBy(() -> io.newInputFile(location).newStream())
        .isInstanceOf(NotFoundException.class)
        .hasMessage("Cannot read s3://history/orders/metadata/gone.avro: it does not exist");
    io.deleteFile(location);
  }

  @Test
  void refusesLocationsThatAreNotS3() {
    assertThatThrownBy(() -> io.newInputFile("file:/tmp/x.avro"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot use location 'file:/tmp/x.avro': expected s3://bucket/key");
  }

  private void write(String location, String text, boolean overwrite) throws IOException {
    var file = io.newOutputFile(location);
    try (OutputStream out = overwrite ? file.createOrOverwrite() : file.create()) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }
}
