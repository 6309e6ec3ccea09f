package io.strata.aws.testing;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.amazon.lambda.runtime.handlers.S3EventInputReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the repository's shared {@code events/} fixtures from any module's tests and reads S3
 * events with the same reader the Quarkus Lambda runtime uses, so a fixture that parses here parses
 * in the deployed function.
 */
public final class EventFixtures {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private EventFixtures() {}

  /** The {@code events/} directory, found by walking up from the working directory. */
  public static Path directory() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      Path events = dir.resolve("events");
      if (Files.isDirectory(events) && Files.isRegularFile(dir.resolve("pom.xml"))) {
        return events;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException(
        "Cannot find the events/ directory above " + Path.of("").toAbsolutePath());
  }

  /** A file under {@code events/}, e.g. {@code raw/bank_transactions/x.csv}. */
  public static Path path(String relative) {
    Path file = directory().resolve(relative);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("No such fixture: events/" + relative);
    }
    return file;
  }

  /** Reads a fixture, e.g. {@code s3-put-bank-transactions.json}, as Lambda would. */
  public static S3Event s3Event(String name) {
    try (InputStream in = Files.newInputStream(path(name))) {
      return new S3EventInputReader(MAPPER).readValue(in);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read events/" + name, e);
    }
  }

  /** Reads an S3 event from JSON text, as Lambda would. */
  public static S3Event s3EventFromJson(String json) {
    try {
      return new S3EventInputReader(MAPPER)
          .readValue(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read S3 event JSON", e);
    }
  }
}
