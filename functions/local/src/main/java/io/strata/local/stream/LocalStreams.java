package io.strata.local.stream;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.strata.aws.stream.KinesisEventProcessor;
import io.strata.aws.stream.StreamConfig;
import io.strata.core.contract.ContractRepository;
import io.strata.core.ingest.StreamNames;
import io.strata.local.LocalLakeConfig;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local lake's streaming layer: starts kinesalite (a Kinesis API implementation on Node.js)
 * when Node.js is present, creates one stream per dataset contract ({@code strata-<dataset>}, one
 * shard), and reads every shard in micro-batches that go through the same {@link
 * KinesisEventProcessor} as the stream Lambda. Streams a user creates later under the same naming
 * are picked up within seconds. Without Node.js the lake runs without it and says why.
 */
@ApplicationScoped
public class LocalStreams {

  private static final Logger LOG = LoggerFactory.getLogger(LocalStreams.class);
  private static final Duration DISCOVERY_INTERVAL = Duration.ofSeconds(5);
  private static final Duration RETRY_PAUSE = Duration.ofSeconds(2);

  private final LocalLakeConfig lake;
  private final LocalStreamsConfig config;
  private final String prefix;
  private final ContractRepository contracts;
  private final KinesisEventProcessor processor;
  private final Map<String, ShardReader> shards = new LinkedHashMap<>();
  private ScheduledExecutorService poller;
  private Process server;
  private KinesisJsonClient kinesis;
  private Instant discovered = Instant.MIN;
  private volatile boolean ready;
  private volatile String problem;

  public LocalStreams(
      LocalLakeConfig lake,
      LocalStreamsConfig config,
      StreamConfig streams,
      ContractRepository contracts,
      KinesisEventProcessor processor) {
    this.lake = lake;
    this.config = config;
    this.prefix = streams.namePrefix();
    this.contracts = contracts;
    this.processor = processor;
  }

  void start(@Observes @Priority(20) StartupEvent event) {
    if (!config.enabled() || lake.once() || lake.reprocess().map(r -> !r.isEmpty()).orElse(false)) {
      problem = "the local stream endpoint is off";
      return;
    }
    poller = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "stream-poller"));
    // Started beside the lake, not before it: a first start installs kinesalite (about 10 s).
    poller.execute(this::startEndpoint);
  }

  /** The Kinesis endpoint once it runs. */
  public Optional<URI> endpoint() {
    return ready ? Optional.of(uri()) : Optional.empty();
  }

  /** Why there is no endpoint, once that is known. */
  public Optional<String> problem() {
    return Optional.ofNullable(problem);
  }

  private URI uri() {
    return URI.create("http://localhost:" + config.port());
  }

  private void startEndpoint() {
    try {
      Path data = lake.state().dir().resolve("kinesis");
      Files.createDirectories(data);
      Kinesalite.Command command =
          Kinesalite.command(
              config.installDir().map(Path::of).orElse(Kinesalite.defaultInstallDir()),
              config.port(),
              data);
      if (!command.available()) {
        problem = command.problem();
        LOG.warn("No local stream endpoint: {}. The lake runs without streams.", problem);
        return;
      }
      server =
          new ProcessBuilder(command.argv())
              .redirectErrorStream(true)
              .redirectOutput(lake.state().dir().resolve("kinesalite.log").toFile())
              .start();
      kinesis = new KinesisJsonClient(uri());
      awaitListening();
      for (String dataset : contracts.names()) {
        createStream(StreamNames.streamOf(prefix, dataset));
      }
      ready = true;
      LOG.info(
          "Local Kinesis endpoint at {} (kinesalite {}): put records on {}<dataset>",
          uri(),
          Kinesalite.VERSION,
          prefix);
      long every = config.pollInterval().toMillis();
      poller.scheduleWithFixedDelay(this::pollQuietly, 0, every, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      problem = "Cannot start the local stream endpoint: " + e.getMessage();
      LOG.warn("{}. The lake runs without streams.", problem, e);
    }
  }

  private void awaitListening() throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(30);
    while (true) {
      if (!server.isAlive()) {
        throw new IllegalStateException(
            "kinesalite exited with "
                + server.exitValue()
                + " (is port "
                + config.port()
                + " taken?), see "
                + lake.state().dir().resolve("kinesalite.log"));
      }
      try {
        kinesis.listStreams();
        return;
      } catch (RuntimeException e) {
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException("kinesalite did not answer within 30 s", e);
        }
        Thread.sleep(100);
      }
    }
  }

  private void createStream(String name) {
    try {
      kinesis.createStream(name, 1);
    } catch (KinesisJsonClient.KinesisCallException e) {
      if (!"ResourceInUseException".equals(e.type())) {
        throw e;
      }
      // Created by an earlier run of this lake: its records are kept.
    }
  }

  private void pollQuietly() {
    try {
      poll();
    } catch (RuntimeException e) {
      if (!Thread.currentThread().isInterrupted()) {
        LOG.error("Cannot read the local streams: {}", e.getMessage(), e);
      }
    }
  }

  /** One round: find new streams and shards, fetch from each, hand over the batches due. */
  void poll() {
    Instant now = Instant.now();
    if (!now.isBefore(discovered.plus(DISCOVERY_INTERVAL))) {
      discover();
      discovered = now;
    }
    for (ShardReader reader : shards.values()) {
      reader.fetch(kinesis, now);
      if (reader.due(Instant.now())) {
        deliver(reader, reader.take());
      }
    }
  }

  private void discover() {
    for (String stream : kinesis.listStreams()) {
      if (StreamNames.datasetOf(prefix, stream).isEmpty()) {
        continue;
      }
      for (String shard : kinesis.shards(stream)) {
        shards.computeIfAbsent(
            stream + "/" + shard,
            k -> new ShardReader(stream, shard, config.batchSize(), config.batchWindow()));
      }
    }
  }

  private void deliver(ShardReader reader, List<KinesisJsonClient.Received> records) {
    List<KinesisEvent.KinesisEventRecord> event = new ArrayList<>(records.size());
    for (KinesisJsonClient.Received record : records) {
      KinesisEvent.Record kinesisRecord = new KinesisEvent.Record();
      kinesisRecord.setSequenceNumber(record.sequenceNumber());
      kinesisRecord.setPartitionKey(record.partitionKey());
      kinesisRecord.setData(java.nio.ByteBuffer.wrap(record.data()));
      kinesisRecord.setApproximateArrivalTimestamp(Date.from(record.arrivedAt()));
      KinesisEvent.KinesisEventRecord eventRecord = new KinesisEvent.KinesisEventRecord();
      eventRecord.setKinesis(kinesisRecord);
      eventRecord.setEventSource("aws:kinesis");
      eventRecord.setEventID(reader.shard() + ":" + record.sequenceNumber());
      eventRecord.setEventSourceARN(
          "arn:aws:kinesis:us-east-1:000000000000:stream/" + reader.stream());
      event.add(eventRecord);
    }
    KinesisEvent kinesisEvent = new KinesisEvent();
    kinesisEvent.setRecords(event);
    StreamsEventResponse response = processor.process(kinesisEvent).response();
    if (!response.getBatchItemFailures().isEmpty()) {
      String from = response.getBatchItemFailures().get(0).getItemIdentifier();
      reader.rewind(kinesis, from, Instant.now(), RETRY_PAUSE);
    }
  }

  void stop(@Observes ShutdownEvent event) throws InterruptedException {
    if (poller != null) {
      poller.shutdownNow();
      poller.awaitTermination(10, TimeUnit.SECONDS);
    }
    if (server != null) {
      server.destroy();
      if (!server.waitFor(5, TimeUnit.SECONDS)) {
        server.destroyForcibly();
      }
    }
  }
}
